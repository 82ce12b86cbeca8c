import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliOn, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: string;
const { cli, ok } = cliOn(() => ({ db, cwd: dir.path }));

beforeAll(() => {
  dir = tempDir();
  db = join(dir.path, 'r.db');
  ok('product', 'add', 'SD5', '--name', 'Data 5GB', '--price', '25000', '--group', 'DATA', '--qualification', 'pro-data');
  ok('product', 'add', 'S10', '--name', 'Pulsa 10rb', '--price', '10000');
  ok('agent', 'add', 'OX001', '--name', 'Budi', '--pin', '1234', '--sender', '081200000001');
  ok('agent', 'add', 'OX002', '--name', 'Ani', '--pin', '1234', '--upline', 'OX001', '--member', '--sender', '081200000002');
  ok('deposit', 'OX002', '100000');
});
afterAll(() => dir.cleanup());

it('agents are resellers with a referral code unless added with --member; set-reseller switches', () => {
  expect(JSON.parse(ok('agent', 'show', 'OX001', '--json'))).toMatchObject({ role: 'reseller', referralCode: expect.stringMatching(/^R[A-Z2-9]{5}$/) });
  expect(JSON.parse(ok('agent', 'show', 'OX002', '--json'))).toMatchObject({ role: 'member', referralCode: null });
  expect(ok('agent', 'set-reseller', 'OX002', 'on')).toMatch(/^OX002 is now a reseller \(referral code R[A-Z2-9]{5}\)/);
  expect(ok('agent', 'set-reseller', 'OX002', 'off')).toContain('OX002 is now a member');
  expect(cli('agent', 'set-reseller', 'OX002', 'maybe')).toMatchObject({ code: 1, stderr: 'pulsagate: expected on or off, not "maybe"\n' });
});

it('qualifications are granted, listed and revoked; the product needs one', () => {
  ok('qualification', 'grant', 'OX002', 'PRO-DATA');
  ok('qualification', 'group', 'PLN', 'pln-ok');
  expect(JSON.parse(ok('qualification', 'list', '--json'))).toEqual({
    products: [{ product: 'SD5', qualification: 'PRO-DATA' }],
    groups: [{ group: 'PLN', qualification: 'PLN-OK' }],
    grants: [{ agent: 'OX002', qualification: 'PRO-DATA' }],
  });
  expect(JSON.parse(ok('agent', 'show', 'OX002', '--json')).qualifications).toEqual(['PRO-DATA']);
  expect(ok('qualification', 'revoke', 'OX002', 'PRO-DATA')).toContain('revoked');
  expect(cli('qualification', 'grant', 'NOPE', 'X')).toMatchObject({ code: 1 });
  expect(cli('qualification', 'grant', 'OX002', 'bad id!')).toMatchObject({ code: 1 });
});

it('stats gives sales, volume, commission, top products and a per-day series', () => {
  const sent = runCli(['--db', db, 'send', '--from', '081200000002', '--wait', '10', 'S10.081234567890.1234'], {
    cwd: dir.path,
    env: { PULSAGATE_CONFIG: writeFastSupplier() },
  });
  expect(sent.stdout).toMatch(/SUKSES/);
  const s = JSON.parse(ok('stats', 'OX002', '--days', '3', '--json'));
  expect(s).toMatchObject({ agent: 'OX002', days: 3, sales: 1, volume: '10000', commission: '0', topProducts: [{ code: 'S10', count: 1, volume: '10000' }] });
  expect(s.perDay).toHaveLength(3);
  expect(s.perDay[2]).toMatchObject({ sales: 1, volume: '10000' });
  expect(cli('stats', 'OX002', '--days', '0')).toMatchObject({ code: 1 });
});

function writeFastSupplier(): string {
  const file = join(dir.path, 'fast.yaml');
  writeFileSync(file, 'supplier:\n  simulator:\n    delay: 10ms\n');
  return file;
}
