import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createPinHasher, loadPinKey } from '../../src/engine/pin-hasher.js';
import { tempDir } from '../support/temp-dir.js';

const ROOT = join(import.meta.dirname, '../..');
let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const write = (name: string, text: string) => {
  const p = join(dir.path, name);
  writeFileSync(p, text);
  return p;
};
const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('the operator configuration', () => {
  it('the committed config/pulsagate.yaml is valid and says exactly what the embedded defaults say', () => {
    const committed = loadConfig({ path: join(ROOT, 'config/pulsagate.yaml'), env: {}, cwd: dir.path });
    const embedded = loadConfig({ env: {}, cwd: dir.path });
    expect(embedded.file).toBe('(embedded defaults)');
    expect({ ...committed, file: '' }).toEqual({ ...embedded, file: '' });
    expect(committed.databasePath).toBe(join(dir.path, 'data/pulsagate.db'));
    expect(committed.demo).toBe(true);
  });

  it('the production example is valid and has the demo off', () => {
    const c = loadConfig({ path: join(ROOT, 'config/production.example.yaml'), env: {}, cwd: dir.path });
    expect(c.demo).toBe(false);
  });

  it('an error names the file, every bad key path and what was expected', () => {
    const file = write('bad.yaml', 'rules:\n  maxMarkup: -1\n  commissionMode: cash\nsupplier:\n  simulator:\n    delay: soon\ntypo: 1\n');
    const e = problems(() => loadConfig({ path: file, env: {}, cwd: dir.path }));
    expect(e.file).toBe(file);
    expect(e.problems.map((p) => p.path).sort()).toEqual(['', 'rules.commissionMode', 'rules.maxMarkup', 'supplier.simulator.delay']);
    expect(e.message).toContain('unknown key(s): typo');
    expect(e.message).toContain('expected a duration');
  });

  it('refuses decimals the currency does not have', () => {
    const file = write('dec.yaml', 'rules:\n  maxMarkup: "10.5"\n');
    expect(problems(() => loadConfig({ path: file, env: {}, cwd: dir.path })).problems[0]!.path).toBe('rules.maxMarkup');
    const ok = write('dec2.yaml', 'currency: { code: USD, decimals: 2 }\nrules:\n  maxMarkup: "10.5"\n');
    expect(loadConfig({ path: ok, env: {}, cwd: dir.path }).rules.maxMarkup).toBe(1050);
  });

  it('a YAML syntax error and a missing explicit file are config errors', () => {
    expect(problems(() => loadConfig({ path: write('y.yaml', 'rules: [\n'), env: {}, cwd: dir.path })).message).toContain('YAML');
    expect(problems(() => loadConfig({ path: join(dir.path, 'nope.yaml'), env: {}, cwd: dir.path })).message).toContain('cannot read');
  });

  it('--config beats PULSAGATE_CONFIG; --db beats PULSAGATE_DB beats database.path', () => {
    const a = write('a.yaml', 'database: { path: from-file.db }\n');
    const b = write('b.yaml', 'database: { path: from-env-file.db }\n');
    expect(loadConfig({ env: { PULSAGATE_CONFIG: b }, cwd: dir.path }).databasePath).toBe(join(dir.path, 'from-env-file.db'));
    expect(loadConfig({ path: a, env: { PULSAGATE_CONFIG: b }, cwd: dir.path }).databasePath).toBe(join(dir.path, 'from-file.db'));
    expect(loadConfig({ path: a, env: { PULSAGATE_DB: 'env.db' }, cwd: dir.path }).databasePath).toBe(join(dir.path, 'env.db'));
    expect(loadConfig({ path: a, dbPath: '/x/flag.db', env: { PULSAGATE_DB: 'env.db' }, cwd: dir.path }).databasePath).toBe('/x/flag.db');
  });

  it('the configuration is frozen', () => {
    const c = loadConfig({ env: {}, cwd: dir.path });
    expect(Object.isFrozen(c.rules)).toBe(true);
  });
});

describe('the PIN hashing key', () => {
  it('is generated once beside the database with mode 0600, then reused', () => {
    const c = loadConfig({ env: {}, cwd: dir.path, dbPath: join(dir.path, 'x/db.sqlite') });
    const k1 = loadPinKey(c.pinKey);
    expect(c.pinKey.file).toBe(join(dir.path, 'x/pin.key'));
    expect(statSync(c.pinKey.file).mode & 0o777).toBe(0o600);
    expect(loadPinKey(c.pinKey).equals(k1)).toBe(true);
    expect(k1.length).toBe(32);
  });

  it('comes from the environment when set, and no file is written', () => {
    const hex = 'ab'.repeat(32);
    const c = loadConfig({ env: { PULSAGATE_PIN_KEY: hex }, cwd: dir.path });
    expect(loadPinKey(c.pinKey).toString('hex')).toBe(hex);
    expect(existsSync(c.pinKey.file)).toBe(false);
    expect(() => loadPinKey({ ...c.pinKey, value: 'abcd' })).toThrow(/at least 32 bytes/);
  });

  it('hashes are keyed: another key does not verify, and the PIN is not in the hash', () => {
    const a = createPinHasher(Buffer.alloc(32, 1));
    const b = createPinHasher(Buffer.alloc(32, 2));
    const h = a.hash('OX001', '1234');
    expect(a.verify('OX001', '1234', h)).toBe(true);
    expect(a.verify('OX001', '1235', h)).toBe(false);
    expect(a.verify('OX002', '1234', h)).toBe(false);
    expect(b.verify('OX001', '1234', h)).toBe(false);
    expect(h).not.toContain('1234');
    expect(readFileSync(join(ROOT, 'config/pulsagate.yaml'), 'utf8')).not.toMatch(/PULSAGATE_PIN_KEY\s*[:=]\s*['"]?[0-9a-f]{16,}/i);
  });
});
