import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';
import { saldoReply } from '../support/replies.js';

let g: GatewayFixture;
beforeEach(async () => {
  g = await gatewayFixture();
});
afterEach(() => g.close());

const balance = (code: string) => agentSummary(g.core.engine.ctx, code)!.balance;
const ani = (text: string, id?: string, wait?: number) => g.say(DEMO.OX002.from, text, id, wait);

describe('sales by chat', () => {
  it('a sale replies "processing", then its final result with SN and balance', async () => {
    const replies = await ani('S10.081234567890.2222', undefined, 5);
    expect(replies[0]).toBe('S10 ke 081234567890 sedang diproses. Harga 10.550, saldo 189.450. ID T1');
    expect(replies[1]).toMatch(/^SUKSES S10 ke 081234567890\. SN: \d{20}\. Harga 10\.550, saldo 189\.450\. ID T1$/);
    expect(agentSummary(g.core.engine.ctx, 'OX001')!.commission).toBe(50);
    expect(checkLedger(g.core.store.sql).ok).toBe(true);
  });

  it('a failed sale is refunded and says so', async () => {
    await g.close();
    g = await gatewayFixture({ supplier: { simulator: { delay: '0ms', failurePercent: 100 }, recheck: '20ms' } });
    const replies = await ani('S10.081234567890.2222', undefined, 5);
    expect(replies[1]).toMatch(/^GAGAL S10 ke 081234567890: .+ saldo 200\.000\. ID T1$/);
    expect(balance('OX002')).toBe(200_000);
  });

  it('same-sale rule: refused the same day unless the counter is raised', async () => {
    await ani('S10.081234567890.2222');
    expect(await ani('S10.6281234567890.2222')).toEqual([
      'S10 ke 081234567890 sudah ada hari ini. Untuk isi lagi tambah counter: S10.081234567890.2.PIN',
    ]);
    expect((await ani('S10.081234567890.2.2222'))[0]).toMatch(/sedang diproses/);
    expect(balance('OX002')).toBe(200_000 - 2 * 10_550);
  });

  it('insufficient balance is refused with price and balance', async () => {
    expect(await g.say(DEMO.OX006.from, 'S50.081234567890.6666')).toEqual(['Saldo tidak cukup. Harga 50.100, saldo 50.000.']);
  });

  it('the same message id delivered twice charges once and replies the same text twice', async () => {
    const first = await ani('S10.081234567890.2222', 'sms-77');
    const second = await ani('S10.081234567890.2222', 'sms-77');
    expect(second).toEqual(first);
    expect(balance('OX002')).toBe(200_000 - 10_550);
  });
});

describe('identity and PIN', () => {
  it('an unknown sender and a wrong PIN get the same generic reply', async () => {
    const stranger = await g.say('081299990000', 'SAL.2222');
    const wrongPin = await ani('SAL.9999');
    expect(stranger).toEqual(['Permintaan ditolak.']);
    expect(wrongPin).toEqual(stranger);
  });

  it('locks the agent after pinMaxAttempts wrong PINs; the right PIN then does not help; unlock restores', async () => {
    for (let i = 0; i < 4; i++) expect(await ani('SAL.9999')).toEqual(['Permintaan ditolak.']);
    expect(await ani('SAL.9999')).toEqual(['Akun terkunci karena PIN salah berulang. Hubungi upline Anda.']);
    expect(await ani('SAL.2222')).toEqual(['Akun terkunci karena PIN salah berulang. Hubungi upline Anda.']);
    expect(await ani('S10.081234567890.2222')).toEqual(['Akun terkunci karena PIN salah berulang. Hubungi upline Anda.']);
    expect(balance('OX002')).toBe(200_000);
    expect(await g.say(DEMO.OX003.from, 'UNLOCK.OX002.3333')).toEqual(['OX002 bukan downline langsung Anda.']);
    expect(await g.say(DEMO.OX001.from, 'UNLOCK.OX002.1111')).toEqual(['OX002 sudah dibuka kuncinya.']);
    expect(await ani('SAL.2222')).toEqual([saldoReply('200.000')]);
  });

  it('a right PIN resets the count of wrong ones', async () => {
    for (let i = 0; i < 4; i++) await ani('SAL.9999');
    expect(await ani('SAL.2222')).toEqual([saldoReply('200.000')]);
    for (let i = 0; i < 4; i++) await ani('SAL.9999');
    expect(await ani('SAL.2222')).toEqual([saldoReply('200.000')]);
  });

  it('phone numbers are the same sender however they are written', async () => {
    for (const from of ['081200000002', '+6281200000002', '6281200000002', '006281200000002']) {
      expect(await g.say(from, 'SAL.2222')).toEqual([saldoReply('200.000')]);
    }
  });

  it('no PIN reaches the journal; a first PIN is shown once, then redacted in the outbox', async () => {
    const [reg] = await g.say(DEMO.OX001.from, 'REG.081377788899.Gilang.10.1111');
    const firstPin = /PIN awal (\d{6})/.exec(reg!)![1]!;
    await ani('S10.081234567890.2222');
    await ani('GP.7777.2222');
    await ani('SAL.9999');
    await ani('BLAH.1234.5678');
    const db = new Sqlite(g.core.store.path, { readonly: true });
    const journal = db.prepare('SELECT text FROM inbound').pluck().all() as string[];
    const outbox = db.prepare('SELECT text FROM outbox').pluck().all() as string[];
    db.close();
    for (const pin of ['1111', '2222', '7777', '9999', '5678', firstPin]) {
      const standalone = new RegExp(`(?<![0-9])${pin}(?![0-9])`);
      for (const text of [...journal, ...outbox]) expect(text).not.toMatch(standalone);
    }
    expect(journal).toContain('REG.081377788899.Gilang.10.****');
  });

  it('a first PIN must be changed before anything else', async () => {
    const [reg] = await g.say(DEMO.OX001.from, 'REG.081377788899.Gilang.10.1111');
    const pin = /PIN awal (\d{6})/.exec(reg!)![1]!;
    const gilang = (t: string) => g.say('081377788899', t);
    expect(await gilang(`SAL.${pin}`)).toEqual(['Ganti PIN awal Anda dulu: GP.PINBARU.PIN']);
    expect(await gilang(`GP.4321.${pin}`)).toEqual(['PIN berhasil diganti.']);
    expect(await gilang('SAL.4321')).toEqual(['Saldo 0. Komisi 0.']);
  });

  it('DAFTAR from an unknown number registers a member under the referral code', async () => {
    const code = agentSummary(g.core.engine.ctx, 'OX003')!.agent.referral_code!;
    const [r] = await g.say('085711122233', `DAFTAR.Hana.${code}`);
    expect(r).toMatch(/^Selamat datang HANA! Kode agen OX007\. PIN awal \d{6}, wajib diganti\.$/);
    expect(agentSummary(g.core.engine.ctx, 'OX007')).toMatchObject({ upline: 'OX003', senders: ['6285711122233'] });
    expect(await g.say('085711122233', `DAFTAR.Hana.${code}`)).toEqual(['Permintaan ditolak.']);
  });
});

describe('bad input never crashes, never half-applies', () => {
  it('answers malformed commands with the expected format', async () => {
    expect(await ani('S10..2222')).toEqual(['Format salah. Contoh: S10.08123456789.1234']);
    expect(await ani('')).toEqual(['Pesan kosong.']);
    expect((await ani('x'.repeat(1700)))[0]).toBe('Pesan terlalu panjang.');
    expect(await ani('MP.OX003.S5=50,NOPE=1.2222')).toEqual(['OX003 bukan downline langsung Anda.']);
    expect(await g.say(DEMO.OX001.from, 'MP.OX003.S5=50,NOPE=1.1111')).toEqual([expect.stringMatching(/NOPE/)]);
    expect(await g.say(DEMO.OX001.from, 'CMP.OX003.S5.1111')).toEqual(['Markup S5 utk OX003: 50 (umum).']);
  });
});
