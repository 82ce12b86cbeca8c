import Sqlite from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOn, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = join(dir.path, 'cli.db');
});
afterEach(() => dir.cleanup());

const { cli, ok } = cliOn(() => ({ db, cwd: dir.path }));

describe('pulsagate operator CLI', () => {
  it('products: add, list, import all-or-nothing', () => {
    ok('product', 'add', 'S10', '--name', 'Pulsa 10rb', '--price', '10500', '--cost', '10100', '--group', 'tsel');
    const csv = join(dir.path, 'p.csv');
    writeFileSync(csv, 'code,name,price,cost,group,dest\nS5,"Pulsa 5rb, promo",5500,5100,TSEL,msisdn\nPLN20,Token 20rb,20500,20100,PLN,meter\n');
    expect(ok('product', 'import', csv)).toContain('2 products imported');
    writeFileSync(csv, 'code,name,price\nS25,Pulsa 25rb,25500\nBAD CODE,x,1\n');
    const bad = cli('product', 'import', csv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid product BAD CODE.*nothing was imported/);
    const list = JSON.parse(ok('product', 'list', '--json')) as Array<{ code: string; name: string; base_price: number }>;
    expect(list.map((p) => p.code).sort()).toEqual(['PLN20', 'S10', 'S5']);
    expect(list.find((p) => p.code === 'S5')).toMatchObject({ name: 'Pulsa 5rb, promo', base_price: 5500 });
    expect(ok('product', 'list')).toMatch(/S10\s+Pulsa 10rb\s+TSEL\s+10500\s+10100/);
  });

  it('agents: add with upline, markup, senders and credit; show; list; unlock', () => {
    ok('agent', 'add', 'OX001', '--name', 'Budi', '--pin', '1234', '--sender', '08123456789');
    ok('agent', 'add', 'ox002', '--name', 'Ani', '--pin', '5678', '--upline', 'OX001', '--markup', '50',
      '--sender', '+628555000111', '--sender', 'tg:9988', '--credit-limit', '20000');
    const shown = JSON.parse(ok('agent', 'show', 'OX002', '--json'));
    expect(shown).toMatchObject({
      code: 'OX002', upline: 'OX001', markup: '50', balance: '0', commission: '0', status: 'active',
      creditLimit: '20000', senders: ['628555000111', 'tg:9988'],
    });
    expect(ok('agent', 'list')).toMatch(/OX002\s+Ani\s+OX001\s+active/);
    const taken = cli('agent', 'add', 'OX003', '--name', 'C', '--pin', '1234', '--sender', '0812-3456-789');
    expect(taken).toMatchObject({ code: 1 });
    expect(taken.stderr).toContain('sender 628123456789 is already registered');
    const raw = new Sqlite(db);
    raw.prepare("UPDATE agent SET status = 'locked', pin_failures = 5 WHERE code = 'OX002'").run();
    raw.close();
    expect(JSON.parse(ok('agent', 'show', 'OX002', '--json')).status).toBe('locked');
    ok('agent', 'unlock', 'OX002');
    expect(JSON.parse(ok('agent', 'show', 'OX002', '--json')).status).toBe('active');
  });

  it('deposit moves money through the ledger and ledger check sees a tampered balance', () => {
    ok('agent', 'add', 'OX001', '--name', 'Budi', '--pin', '1234');
    expect(ok('deposit', 'OX001', '150000')).toContain('OX001 balance 150000');
    expect(ok('ledger', 'check')).toContain('ledger OK');
    const raw = new Sqlite(db);
    raw.prepare("UPDATE account SET balance = balance + 1 WHERE name = 'AGENT:OX001:BALANCE'").run();
    raw.close();
    const r = cli('ledger', 'check');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH AGENT:OX001:BALANCE: balance 150001, postings say 150000/);
  });

  it('sale list shows sales, filtered by agent', () => {
    ok('product', 'add', 'S10', '--name', 'Pulsa 10rb', '--price', '10000');
    ok('agent', 'add', 'OX001', '--name', 'Budi', '--pin', '1234');
    ok('agent', 'add', 'OX002', '--name', 'Ani', '--pin', '1234');
    const raw = new Sqlite(db);
    raw.prepare(`INSERT INTO sale (agent_id, product_id, dest, price, base_price, cost, status, created_at)
      SELECT a.id, p.id, '081234567890', 10000, 10000, 0, 'pending', 0 FROM agent a, product p WHERE a.code = 'OX001'`).run();
    raw.close();
    expect(JSON.parse(ok('sale', 'list', '--agent', 'OX001', '--json'))).toMatchObject([
      { agent: 'OX001', product: 'S10', dest: '081234567890', price: '10000', status: 'pending' },
    ]);
    expect(JSON.parse(ok('sale', 'list', '--agent', 'OX002', '--json'))).toEqual([]);
    expect(cli('sale', 'list', '--agent', 'NOPE')).toMatchObject({ code: 1, stderr: 'pulsagate: no agent NOPE exists\n' });
  });

  it('--db may stand after the command name; PULSAGATE_DB works too', () => {
    const other = join(dir.path, 'other.db');
    expect(runCli(['agent', 'add', 'OX009', '--name', 'Z', '--pin', '1234', '--db', other]).code).toBe(0);
    const viaEnv = runCli(['agent', 'list', '--json'], { env: { PULSAGATE_DB: other } });
    expect(JSON.parse(viaEnv.stdout).map((a: { code: string }) => a.code)).toEqual(['OX009']);
    expect(JSON.parse(cli('agent', 'list', '--json').stdout)).toEqual([]);
  });

  it('the operator sets the general and product markups of top-level agents only', () => {
    ok('product', 'add', 'S5', '--name', 'Pulsa 5rb', '--price', '5000');
    ok('agent', 'add', 'OX001', '--name', 'Budi', '--pin', '1234');
    ok('agent', 'add', 'OX002', '--name', 'Ani', '--pin', '1234', '--upline', 'OX001');
    expect(ok('agent', 'markup', 'OX001', '150')).toContain('OX001 general markup 150');
    expect(ok('agent', 'product-markup', 'OX001', 'S5=20')).toContain('1 product markup(s) saved');
    expect(JSON.parse(ok('agent', 'show', 'OX001', '--json')).markup).toBe('150');
    const r = cli('agent', 'markup', 'OX002', '10');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OX002 is not a direct downline here');
    expect(cli('agent', 'product-markup', 'OX001', 'S5')).toMatchObject({ code: 1 });
    expect(cli('agent', 'product-markup', 'OX001', 'NOPE=1')).toMatchObject({ code: 1 });
  });

  it('db migrate creates the schema and is idempotent', () => {
    expect(ok('db', 'migrate')).toContain('applied 0001-engine');
    expect(ok('db', 'migrate')).toContain('nothing to do');
  });

  it('wrong arguments get a clear message and a non-zero exit, never a stack trace', () => {
    const cases = [
      ['deposit', 'OX001', 'abc'],
      ['deposit', 'OX001', '-5'],
      ['product', 'add', 'S10', '--name', 'x', '--price', '1.5'],
      ['agent', 'add', 'OX001', '--name', 'x', '--pin', '12'],
      ['agent', 'show', 'NOPE'],
      ['product', 'import', join(dir.path, 'missing.csv')],
      ['nonsense'],
      ['agent', 'add'],
    ];
    for (const args of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('a broken config file stops the command, naming the file and key path', () => {
    const file = join(dir.path, 'bad.yaml');
    writeFileSync(file, 'rules:\n  commissionMode: cash\n');
    const r = cli('--config', file, 'agent', 'list');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('rules.commissionMode');
  });
});
