import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig } from '../../src/config/load-config.js';

const ROOT = join(import.meta.dirname, '../..');
const load = (smpp: unknown, env: Record<string, string> = {}) =>
  parseConfig({ channels: { smpp } }, { file: 'test.yaml', env, cwd: '/tmp' }).channels.smpp;
const issues = (smpp: unknown) => {
  try {
    load(smpp);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

/** The commented `smpp:` block of config/pulsagate.yaml, uncommented. */
function documentedBlock(): unknown {
  const lines = readFileSync(join(ROOT, 'config/pulsagate.yaml'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('#   smpp:'));
  const block = [lines[start]!];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('#     ')) break;
    block.push(l);
  }
  return (parse(block.map((l) => l.slice(2)).join('\n')) as { smpp: unknown }).smpp;
}

describe('channels.smpp config', () => {
  it('defaults to no SMSC binds and the server disabled', () => {
    const s = load(undefined);
    expect(s.client).toEqual([]);
    expect(s.server).toMatchObject({ enabled: false, host: '127.0.0.1', port: 2776, accounts: [] });
  });

  it('the block documented in config/pulsagate.yaml is valid; passwordEnv is read from the environment', () => {
    const s = load(documentedBlock(), { SMPP_PASSWORD: 'pw1', SMPP_PARTNER1_PASSWORD: 'pw2' });
    expect(s.client).toEqual([expect.objectContaining({
      name: 'aggregator', host: '127.0.0.1', port: 2775, systemId: 'pulsagate', password: 'pw1', mode: 'transceiver',
      interfaceVersion: 0x34, window: 10, enquireLinkMs: 30_000, responseTimeoutMs: 30_000, reconnectMinMs: 1_000, reconnectMaxMs: 60_000,
    })]);
    expect(s.server).toMatchObject({ enabled: false, port: 2776, accounts: [{ systemId: 'partner1', password: 'pw2' }] });
  });

  it('takes the exact key names of the issue, with an inline password', () => {
    const s = load({
      client: [{ name: 'aggregator', host: '127.0.0.1', port: 2775, systemId: 'pulsagate', password: 'secret', mode: 'transmitter+receiver' }],
      server: { enabled: true, host: '127.0.0.1', port: 2776, accounts: [{ systemId: 'partner1', password: 'secret' }] },
    });
    expect(s.client[0]).toMatchObject({ mode: 'transmitter+receiver', password: 'secret' });
    expect(s.server.accounts).toEqual([{ systemId: 'partner1', password: 'secret', passwordEnv: undefined }]);
  });

  it('a passwordEnv that is not set leaves the password undefined (that bind does not start)', () => {
    expect(load({ client: [{ name: 'a', host: 'h', systemId: 's', passwordEnv: 'NOPE' }] }).client[0]!.password).toBeUndefined();
  });

  it('refuses two secrets or none, duplicate names, an enabled server without accounts, and unknown keys', () => {
    expect(issues({ client: [{ name: 'a', host: 'h', systemId: 's' }] })).toMatch(/channels\.smpp\.client\.0\.password.*exactly one of password or passwordEnv/);
    expect(issues({ client: [{ name: 'a', host: 'h', systemId: 's', password: 'x', passwordEnv: 'Y' }] })).toMatch(/exactly one/);
    expect(issues({ client: [{ name: 'a', host: 'h', systemId: 's', password: 'x' }, { name: 'a', host: 'h', systemId: 's', password: 'x' }] })).toMatch(/client\.1\.name.*duplicate name a/);
    expect(issues({ server: { enabled: true } })).toMatch(/server\.accounts.*at least one account/);
    expect(issues({ client: [{ name: 'a', host: 'h', systemId: 's', password: 'x', bogus: 1 }] })).toMatch(/unknown key\(s\): bogus/);
    expect(issues({ client: [{ name: 'a', host: 'h', systemId: 'a-system-id-too-long', password: 'x' }] })).toMatch(/systemId/);
  });
});
