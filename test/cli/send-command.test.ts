import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { saldoReply } from '../support/replies.js';

type Dir = ReturnType<typeof tempDir>;

const BUYER = '081200000002';
const UNKNOWN_SENDER = 'Permintaan ditolak.';

/** The CLI on `dir`: its own config (a simulator answering in 50 ms) and database file. */
function cliIn(dir: Dir) {
  return (...args: string[]) =>
    runCli(['--config', join(dir.path, 'pulsagate.yaml'), '--db', join(dir.path, 'cli.db'), ...args], { cwd: dir.path });
}

function withConfig(dir: Dir): Dir {
  writeFileSync(join(dir.path, 'pulsagate.yaml'), 'supplier:\n  simulator:\n    delay: 50ms\n');
  return dir;
}

let prepared: Dir;
let dir: Dir;
let cli: ReturnType<typeof cliIn>;

const ok = (...args: string[]) => {
  const r = cli(...args);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
};
const lines = (stdout: string) => stdout.trimEnd().split('\n');
const balanceOf = (code: string) => (JSON.parse(ok('agent', 'show', code, '--json')) as { balance: string }).balance;

// A catalogue, an upline and its downline (the buyer), prepared once with the operator's CLI;
// each test gets a copy (database and PIN key) so that no test sees another's sales.
beforeAll(() => {
  prepared = withConfig(tempDir());
  cli = cliIn(prepared);
  ok('product', 'add', 'S10', '--name', 'Telkomsel 10.000', '--price', '10400', '--group', 'TELKOMSEL');
  ok('product', 'add', 'S5', '--name', 'Telkomsel 5.000', '--price', '5400', '--group', 'TELKOMSEL');
  ok('agent', 'add', 'OX001', '--name', 'Budi', '--pin', '1111', '--sender', '081200000001');
  ok('agent', 'add', 'OX002', '--name', 'Ani', '--pin', '2222', '--upline', 'OX001', '--markup', '50', '--sender', BUYER);
  ok('deposit', 'OX002', '100000');
}, 60_000);
afterAll(() => prepared.cleanup());
beforeEach(() => {
  dir = tempDir();
  cpSync(prepared.path, dir.path, { recursive: true });
  cli = cliIn(dir);
});
afterEach(() => dir.cleanup());

describe('pulsagate send', { timeout: 60_000 }, () => {
  it('prints the reply to a balance check and to a price check', () => {
    expect(lines(ok('send', '--from', BUYER, 'SAL.2222'))).toEqual([saldoReply('100.000')]);
    expect(lines(ok('send', '--from', BUYER, 'HARGA.S.2222'))).toEqual(['Harga S: S10=10.450, S5=5.450']);
  });

  it("with --wait, a sale prints 'processing' and then the final SUKSES line with its SN", () => {
    const out = lines(ok('send', '--from', BUYER, '--wait', '5', 'S10.081234567890.2222'));
    expect(out).toEqual([
      'S10 ke 081234567890 sedang diproses. Harga 10.450, saldo 89.550. ID T1',
      expect.stringMatching(/^SUKSES S10 ke 081234567890\. SN: \d{20}\. Harga 10\.450, saldo 89\.550\. ID T1$/),
    ]);
    expect(JSON.parse(ok('sale', 'list', '--json'))).toMatchObject([{ trxid: 'T1', status: 'success' }]);
  });

  it('the same --id twice prints the same reply and charges once', () => {
    const first = ok('send', '--from', BUYER, '--id', 'sms-77', 'S10.081234567890.2222');
    expect(lines(first)).toEqual([expect.stringMatching(/^S10 ke 081234567890 sedang diproses\./)]);
    expect(ok('send', '--from', BUYER, '--id', 'sms-77', 'S10.081234567890.2222')).toBe(first);
    expect(balanceOf('OX002')).toBe('89550');
    expect(JSON.parse(ok('sale', 'list', '--json'))).toHaveLength(1);
    // The same id on another channel is another message.
    expect(lines(ok('send', '--from', BUYER, '--channel', 'smpp:test', '--id', 'sms-77', 'SAL.2222'))).toEqual([
      saldoReply('89.550'),
    ]);
  });

  it('an unknown sender gets the one generic reply', () => {
    expect(lines(ok('send', '--from', '081299999999', 'SAL.2222'))).toEqual([UNKNOWN_SENDER]);
    expect(lines(ok('send', '--from', '081299999999', 'S10.081234567890.2222'))).toEqual([UNKNOWN_SENDER]);
    expect(JSON.parse(ok('sale', 'list', '--json'))).toEqual([]);
  });

  it('on an empty database it loads no demo: the database stays empty of agents and products', () => {
    const empty = withConfig(tempDir());
    onTestFinished(() => empty.cleanup());
    cli = cliIn(empty);
    expect(lines(ok('send', '--from', '081200000001', 'SAL.1111'))).toEqual([UNKNOWN_SENDER]);
    expect(JSON.parse(ok('agent', 'list', '--json'))).toEqual([]);
    expect(JSON.parse(ok('product', 'list', '--json'))).toEqual([]);
  });

  it('wrong arguments exit non-zero with a clear message and no stack trace', () => {
    const cases: Array<[string[], RegExp]> = [
      [['send', 'SAL.2222'], /required option '--from <sender>'/],
      [['send', '--from', BUYER], /missing required argument 'text'/],
      [['send', '--from', BUYER, '--wait', 'soon', 'SAL.2222'], /invalid --wait "soon"/],
      [['send', '--from', BUYER, '--wait', '-1', 'SAL.2222'], /--wait/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });
});
