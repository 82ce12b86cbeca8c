import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const statics = [...text.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
  const bare = [...text.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1]!);
  const dynamic = [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
  return [...statics, ...bare, ...dynamic];
}

const DRIVERS = ['better-sqlite3', 'kysely', 'chevrotain', 'grammy', 'smpp', 'whatsapp-web.js', 'node:http', 'node:net'];

it('the domain core imports no transport, driver, parser library or other layer', () => {
  const offenders = files(join(SRC, 'domain')).flatMap((f) =>
    imports(f)
      .filter((i) => DRIVERS.includes(i) || i.startsWith('../'))
      .map((i) => `${relative(SRC, f)} imports ${i}`),
  );
  expect(offenders).toEqual([]);
});

it('only src/channels/ talks to transports; smpp, grammy and whatsapp-web.js stay in their adapters', () => {
  const transports = ['grammy', '@grammyjs/auto-retry', 'smpp', 'whatsapp-web.js', 'qrcode-terminal', 'node:http'];
  const offenders = files(SRC)
    .filter((f) => !relative(SRC, f).startsWith('channels/'))
    .flatMap((f) => imports(f).filter((i) => transports.includes(i)).map((i) => `${relative(SRC, f)} imports ${i}`));
  expect(offenders).toEqual([]);
});

it('inside src/channels/, each transport stays in its own adapter folder', () => {
  const home: Record<string, string> = {
    grammy: 'telegram/', '@grammyjs/auto-retry': 'telegram/', smpp: 'smpp/', 'whatsapp-web.js': 'whatsapp/', 'qrcode-terminal': 'whatsapp/',
  };
  const offenders = files(join(SRC, 'channels')).flatMap((f) =>
    imports(f)
      .filter((i) => home[i] !== undefined && !relative(join(SRC, 'channels'), f).startsWith(home[i]!))
      .map((i) => `${relative(SRC, f)} imports ${i}`),
  );
  expect(offenders).toEqual([]);
});

it('the engine and gateway never import the CLI or a channel', () => {
  const offenders = files(SRC)
    .filter((f) => /^(engine|gateway|grammar|store)\//.test(relative(SRC, f)))
    .flatMap((f) => imports(f).filter((i) => /\/(cli|channels)\//.test(i)).map((i) => `${relative(SRC, f)} imports ${i}`));
  expect(offenders).toEqual([]);
});
