import { afterEach, describe, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { upsertProduct } from '../../src/engine/catalogue.js';
import { grantQualification, requireForGroup, revokeQualification } from '../../src/engine/qualifications.js';
import { setReseller } from '../../src/engine/resellers.js';
import { agentStats } from '../../src/engine/stats.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { balanceOf } from '../../src/store/repos/ledger-repo.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';

let g: GatewayFixture;
afterEach(() => g.close());
const ctx = () => g.core.engine.ctx;
const ani = (text: string, wait?: number) => g.say(DEMO.OX002.from, text, undefined, wait);
const budi = (text: string) => g.say(DEMO.OX001.from, text);

describe('volume discounts', () => {
  const TIERS = { reseller: { discounts: { default: [{ from: 2, to: 9, percent: 10 }, { from: 10, to: 24, percent: 20 }] } } };

  it('tiers 2–9 → 10 %: with 2 successful sales of a product in the account, the 3rd sale gets 10 %', async () => {
    g = await gatewayFixture(TIERS);
    // S10: base 10,400, cost 10,200; OX001's edge 100 (to the operator), OX002's edge 50 (to OX001).
    expect(await ani('H.S10.2222')).toEqual(['Harga S10: S10=10.550']);
    expect((await ani('S10.081200001111.2222', 5))[1]).toMatch(/^SUKSES .* Harga 10\.550,/);
    expect(await ani('H.S10.2222')).toEqual(['Harga S10: S10=10.550']); // one sale: no tier yet
    expect((await ani('S10.081200002222.2222', 5))[1]).toMatch(/^SUKSES .* Harga 10\.550,/);
    expect(await ani('H.S10.2222')).toEqual(['Harga S10: S10=9.510']); // 10,400 − 1,040 + 100 + 50
    expect((await ani('S10.081200003333.2222', 5))[1]).toMatch(/^SUKSES .* Harga 9\.510,/);
    expect(await g.say(DEMO.OX003.from, 'H.S10.3333')).toEqual(['Harga S10: S10=10.550']); // per agent
    // The operator bears the discount; the uplines' commission is unchanged.
    expect(agentSummary(ctx(), 'OX001')!.commission).toBe(3 * 50);
    expect(balanceOf(ctx().sql, ctx().accounts.revenue)).toBe(3 * (10_400 - 10_200 + 100) - 1_040);
    expect(checkLedger(ctx().sql).ok).toBe(true);
  });

  it('failed sales do not count towards a tier', async () => {
    g = await gatewayFixture({ ...TIERS, supplier: { simulator: { delay: '0ms', failurePercent: 100 }, recheck: '20ms' } });
    await ani('S10.081200001111.2222', 5);
    await ani('S10.081200002222.2222', 5);
    expect(await ani('H.S10.2222')).toEqual(['Harga S10: S10=10.550']);
  });

  it('a product can have its own tiers instead of the default', async () => {
    g = await gatewayFixture({
      reseller: { discounts: { ...TIERS.reseller.discounts, products: { S5: [{ from: 1, to: null, percent: 50 }] } } },
    });
    await ani('S5.081200001111.2222', 5);
    await ani('S10.081200001111.2222', 5);
    expect(await ani('H.S5.2222')).toEqual(['Harga S5: S5=2.850, S50=50.050']); // 5,400 − 2,700 + 150
    expect(await ani('H.S10.2222')).toEqual(['Harga S10: S10=10.550']);
  });
});

describe('reseller activation', () => {
  const config = { reseller: { activation: { auto: true, minSales: 2 }, regRole: 'member' } };

  it("a member's REG, MP, MARKUP and TRF are refused with how to become a reseller; 2 sales make it one", async () => {
    g = await gatewayFixture(config);
    setReseller(ctx(), 'OX002', false);
    const refusal = 'Perintah ini khusus reseller. Anda otomatis jadi reseller setelah 2 transaksi sukses (sekarang 0).';
    for (const cmd of ['REG.081377788899.Gilang.10.2222', 'MP.OX002.*.S5=10.2222', 'MARKUP.OX003.10.2222', 'TRF.OX003.1000.2222']) {
      expect(await ani(cmd)).toEqual([refusal]);
    }
    expect(await ani('SAL.2222')).toEqual(['Saldo 200.000. Komisi 0.']); // a member has no referral code to show
    await ani('S10.081200001111.2222', 5);
    await ani('S10.081200002222.2222', 5);
    expect(agentSummary(ctx(), 'OX002')!.agent.is_reseller).toBe(1);
    expect((await ani('REG.081377788899.Gilang.10.2222'))[0]).toMatch(/kode OX007/);
    expect((await ani('SAL.2222'))[0]).toMatch(/Kode referral R[A-Z2-9]{5}\.$/);
  });

  it('conditions on deposits and balance are part of the rule, and said in the refusal', async () => {
    g = await gatewayFixture({ reseller: { activation: { auto: true, minSales: 1, minTotalDeposit: 500000 } } });
    setReseller(ctx(), 'OX002', false);
    expect(await ani('TRF.OX003.1000.2222')).toEqual([
      'Perintah ini khusus reseller. Anda otomatis jadi reseller setelah 1 transaksi sukses, total deposit min. 500.000 (sekarang 0).',
    ]);
    await ani('S10.081200001111.2222', 5);
    expect(agentSummary(ctx(), 'OX002')!.agent.is_reseller).toBe(0); // deposits 200,000 < 500,000
  });

  it('REG registers members by default; manual activation by the operator', async () => {
    g = await gatewayFixture();
    await budi('REG.081377788899.Gilang.10.1111');
    expect(agentSummary(ctx(), 'OX007')!.agent.is_reseller).toBe(0);
    expect(setReseller(ctx(), 'OX007', true)).toMatchObject({ ok: true, value: { is_reseller: 1 } });
  });
});

describe('qualifications', () => {
  it('unqualified agents neither see nor buy a product that requires one', async () => {
    g = await gatewayFixture();
    upsertProduct(ctx(), { code: 'SD5', name: 'Data 5GB', group: 'DATA', price: 25_000, qualification: 'PRO-DATA' });
    expect(await ani('H.SD.2222')).toEqual(['Tidak ada produk berawalan SD.']);
    expect(await ani('SD5.081200001111.2222')).toEqual(['Produk SD5 tidak tersedia untuk akun Anda.']);
    expect(grantQualification(ctx(), 'OX002', 'pro-data')).toMatchObject({ ok: true, value: { changed: true } });
    expect(await ani('H.SD.2222')).toEqual(['Harga SD: SD5=25.150']);
    expect((await ani('SD5.081200001111.2222'))[0]).toMatch(/sedang diproses/);
    revokeQualification(ctx(), 'OX002', 'PRO-DATA');
    expect(await ani('H.SD.2222')).toEqual(['Tidak ada produk berawalan SD.']);
  });

  it('a group can require a qualification for all its products', async () => {
    g = await gatewayFixture();
    requireForGroup(ctx(), 'PLN', 'PLN-OK');
    expect(await ani('H.PLN.2222')).toEqual(['Tidak ada produk berawalan PLN.']);
    grantQualification(ctx(), 'OX002', 'PLN-OK');
    expect((await ani('H.PLN.2222'))[0]).toMatch(/PLN20=.*PLN50=/);
  });
});

describe('referral codes', () => {
  it('SAL shows a reseller its code; DAFTAR with it registers a member under its owner', async () => {
    g = await gatewayFixture();
    const [sal] = await g.say(DEMO.OX003.from, 'SAL.3333');
    const code = /Kode referral (R[A-Z2-9]{5})\./.exec(sal!)![1]!;
    const [r] = await g.say('085711122233', `DAFTAR.Hana.${code}`);
    expect(r).toMatch(/^Selamat datang HANA! Kode agen OX007\. PIN awal \d{6}, wajib diganti\.$/);
    expect(agentSummary(ctx(), 'OX007')).toMatchObject({ upline: 'OX003', agent: { is_reseller: 0, referral_code: null } });
    expect(await g.say('085711122244', 'DAFTAR.Ika.OX003')).toEqual(['Agen OX003 tidak ditemukan.']); // an agent code is not a referral code
  });

  it("a member's old referral code no longer registers anyone", async () => {
    g = await gatewayFixture();
    const code = agentSummary(ctx(), 'OX003')!.agent.referral_code!;
    setReseller(ctx(), 'OX003', false);
    expect(await g.say('085711122233', `DAFTAR.Hana.${code}`)).toEqual([`Agen ${code} tidak ditemukan.`]);
  });
});

describe('credit and statistics', () => {
  it('the credit limit is shown in balance replies', async () => {
    g = await gatewayFixture();
    ctx().sql.db.prepare("UPDATE agent SET credit_limit = 100000 WHERE code = 'OX002'").run();
    expect((await ani('SAL.2222'))[0]).toMatch(/^Saldo 200\.000\. Komisi 0\. Limit kredit 100\.000\. Kode referral /);
  });

  it('REKAP gives own and a direct downline’s figures with top products', async () => {
    g = await gatewayFixture();
    await ani('S10.081200001111.2222', 5);
    await ani('S10.081200002222.2222', 5);
    await ani('S5.081200002222.2222', 5);
    expect(await ani('REKAP.7.2222')).toEqual(['Rekap 7 hari OX002: 3 trx, omzet 26.650, komisi 0. Terlaris: S10 (2), S5 (1)']);
    expect(await budi('REKAP.OX002.1.1111')).toEqual(['Rekap 1 hari OX002: 3 trx, omzet 26.650, komisi 0. Terlaris: S10 (2), S5 (1)']);
    expect(await budi('REKAP.7.1111')).toEqual(['Rekap 7 hari OX001: 0 trx, omzet 0, komisi 150. Terlaris: -']);
    expect(await g.say(DEMO.OX003.from, 'REKAP.OX002.7.3333')).toEqual(['OX002 bukan downline langsung Anda.']);
    const s = agentStats(ctx(), agentSummary(ctx(), 'OX001')!.agent.id, 3);
    expect(s.perDay).toHaveLength(3);
    expect(s.perDay.at(-1)).toMatchObject({ sales: 0, commission: 150 });
  });
});
