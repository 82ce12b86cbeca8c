import { afterEach, describe, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { finishSale, startSale, type SaleRequest } from '../../src/engine/sales.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { balanceOf } from '../../src/store/repos/ledger-repo.js';
import { salesRepo } from '../../src/store/repos/sales-repo.js';
import { agent, engineFixture, fund, product, type EngineFixture } from '../support/engine-fixture.js';

let f: EngineFixture;
afterEach(() => f.close());

async function setup(raw: Record<string, unknown> = {}) {
  f = await engineFixture(raw);
  product(f.ctx, { code: 'S10', price: 10_000, cost: 9_800 });
  product(f.ctx, { code: 'S5', price: 5_000, cost: 4_900 });
  agent(f.ctx, { code: 'UP', markup: 100 });
  agent(f.ctx, { code: 'BUY', upline: 'UP', markup: 200, creditLimit: 0 });
}
const id = (code: string) => agentSummary(f.ctx, code)!.agent.id;
const sell = (r: Partial<SaleRequest> = {}) =>
  startSale(f.ctx, { agentId: id('BUY'), product: 'S10', dest: '081234567890', ...r });
const balance = (code: string) => agentSummary(f.ctx, code)!.balance;

describe('a sale', () => {
  it('holds the price, then on success pays commission, margin and supplier cost', async () => {
    await setup();
    fund(f.ctx, 'BUY', 50_000);
    const s = sell();
    expect(s).toMatchObject({ ok: true, value: { balance: 39_700, replayed: false } });
    if (!s.ok) return;
    expect(s.value.sale).toMatchObject({ status: 'pending', price: 10_300, base_price: 10_000, cost: 9_800 });
    expect(balanceOf(f.ctx.sql, f.ctx.accounts.holds)).toBe(10_300);
    const done = finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: '123' });
    expect(done).toMatchObject({ applied: true, sale: { status: 'success', sn: '123' } });
    expect(agentSummary(f.ctx, 'UP')!.commission).toBe(200);
    expect(balanceOf(f.ctx.sql, f.ctx.accounts.revenue)).toBe(200 + 100); // base − cost + its own edge
    expect(balanceOf(f.ctx.sql, f.ctx.accounts.supplier)).toBe(9_800);
    expect(balanceOf(f.ctx.sql, f.ctx.accounts.holds)).toBe(0);
    expect(checkLedger(f.ctx.sql)).toMatchObject({ ok: true, postingSum: 0 });
  });

  it('on failure refunds the buyer in full and pays no commission', async () => {
    await setup();
    fund(f.ctx, 'BUY', 50_000);
    const s = sell();
    if (!s.ok) throw new Error(s.code);
    finishSale(f.ctx, s.value.sale.id, { status: 'failed', reason: 'nomor salah' });
    expect(balance('BUY')).toBe(50_000);
    expect(agentSummary(f.ctx, 'UP')!.commission).toBe(0);
    expect(balanceOf(f.ctx.sql, f.ctx.accounts.revenue)).toBe(0);
    expect(checkLedger(f.ctx.sql).ok).toBe(true);
  });

  it('a verdict applied twice changes nothing the second time', async () => {
    await setup();
    fund(f.ctx, 'BUY', 50_000);
    const s = sell();
    if (!s.ok) throw new Error(s.code);
    finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: '1' });
    const again = finishSale(f.ctx, s.value.sale.id, { status: 'failed', reason: 'late' });
    expect(again).toMatchObject({ applied: false, sale: { status: 'success' } });
    expect(balance('BUY')).toBe(39_700);
  });

  it('commissionMode balance pays uplines straight into their balance', async () => {
    await setup({ rules: { commissionMode: 'balance' } });
    fund(f.ctx, 'BUY', 50_000);
    const s = sell();
    if (!s.ok) throw new Error(s.code);
    finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: '1' });
    expect(agentSummary(f.ctx, 'UP')).toMatchObject({ balance: 200, commission: 0 });
  });

  it('a chain of 20 agents records a share for every level and pays every upline', async () => {
    f = await engineFixture();
    product(f.ctx, { code: 'S10', price: 10_000, cost: 9_800 });
    const codes = Array.from({ length: 20 }, (_, i) => `L${i + 1}`);
    codes.forEach((code, i) => agent(f.ctx, { code, markup: 10, ...(i > 0 ? { upline: codes[i - 1] } : {}) }));
    fund(f.ctx, 'L20', 100_000);
    const s = startSale(f.ctx, { agentId: id('L20'), product: 'S10', dest: '081234567890' });
    if (!s.ok) throw new Error(s.code);
    // As the row stores them (read back from the database, not from the hold's memory), by level.
    const shares = salesRepo.shares(salesRepo.byId(f.ctx.sql, s.value.sale.id)!);
    expect(shares).toHaveLength(20);
    expect(shares.map((r) => r.downlineId)).toEqual([...codes].reverse().map(id));
    expect(shares[0]).toEqual({ earnerId: id('L19'), downlineId: id('L20'), markup: 10, source: 'general' });
    expect(shares[18]).toMatchObject({ earnerId: id('L1'), downlineId: id('L2') });
    expect(shares[19]).toMatchObject({ earnerId: null, downlineId: id('L1') });
    expect(s.value.sale.price).toBe(10_000 + 20 * 10);
    finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: 'SN1' });
    for (const code of codes.slice(0, 19)) expect(agentSummary(f.ctx, code)!.commission, code).toBe(10);
    expect(checkLedger(f.ctx.sql).ok).toBe(true);
  });

  it('the same ref never makes a second sale', async () => {
    await setup();
    fund(f.ctx, 'BUY', 50_000);
    const a = sell({ ref: 'sms:42' });
    const b = sell({ ref: 'sms:42' });
    expect(a.ok && b.ok && a.value.sale.id === b.value.sale.id).toBe(true);
    expect(b).toMatchObject({ ok: true, value: { replayed: true } });
    expect(balance('BUY')).toBe(39_700);
  });
});

describe('refusals change nothing', () => {
  it('insufficient balance, unknown or inactive product, bad destination, locked agent', async () => {
    await setup();
    fund(f.ctx, 'BUY', 10_299);
    expect(sell()).toMatchObject({ ok: false, code: 'SALE.INSUFFICIENT_BALANCE' });
    expect(sell({ product: 'NOPE' })).toMatchObject({ ok: false, code: 'PRODUCT.UNKNOWN' });
    product(f.ctx, { code: 'OFF', price: 1, active: false });
    expect(sell({ product: 'OFF' })).toMatchObject({ ok: false, code: 'PRODUCT.INACTIVE' });
    expect(sell({ product: 'S5', dest: '12345' })).toMatchObject({ ok: false, code: 'SALE.INVALID_DESTINATION' });
    expect(balance('BUY')).toBe(10_299);
    expect(checkLedger(f.ctx.sql)).toMatchObject({ ok: true, entries: 1 });
  });

  it('a credit limit lets the balance go below zero down to the limit, no further', async () => {
    await setup();
    agent(f.ctx, { code: 'POST', upline: 'UP', markup: 0, creditLimit: 15_000 });
    fund(f.ctx, 'POST', 1_000);
    const r = (dest: string) => startSale(f.ctx, { agentId: id('POST'), product: 'S10', dest });
    expect(r('081111111111').ok).toBe(true); // 1,000 − 10,100 = −9,100
    expect(r('082222222222')).toMatchObject({ ok: false, code: 'SALE.INSUFFICIENT_BALANCE' });
    expect(startSale(f.ctx, { agentId: id('POST'), product: 'S5', dest: '083333333333' }).ok).toBe(true); // −14,200
    expect(balance('POST')).toBe(-14_200);
  });
});

describe('same-sale rule', () => {
  it('refuses a second sale of the same product to the same number the same day, unless counted up', async () => {
    await setup();
    fund(f.ctx, 'BUY', 100_000);
    expect(sell().ok).toBe(true);
    expect(sell({ dest: '+6281234567890' })).toMatchObject({ ok: false, code: 'SALE.DUPLICATE', detail: { next: 2 } });
    expect(sell({ counter: 2 }).ok).toBe(true);
    expect(sell({ counter: 2 })).toMatchObject({ ok: false, code: 'SALE.DUPLICATE', detail: { next: 3 } });
    expect(sell({ product: 'S5' }).ok).toBe(true);
    expect(sell({ dest: '081299999999' }).ok).toBe(true);
  });

  it('a failed sale does not block a retry', async () => {
    await setup();
    fund(f.ctx, 'BUY', 100_000);
    const s = sell();
    if (!s.ok) throw new Error(s.code);
    finishSale(f.ctx, s.value.sale.id, { status: 'failed', reason: 'x' });
    expect(sell().ok).toBe(true);
  });

  it('the business day ends at midnight in the operator time zone', async () => {
    await setup();
    fund(f.ctx, 'BUY', 100_000);
    f.clock.set(Date.UTC(2026, 10, 22, 16, 59)); // 23:59 in Jakarta
    expect(sell().ok).toBe(true);
    f.clock.set(Date.UTC(2026, 10, 22, 17, 0)); // 00:00 the next day
    expect(sell().ok).toBe(true);
  });

  it('a duration window and "off" are settings', async () => {
    await setup({ rules: { sameSaleWindow: '1h' } });
    fund(f.ctx, 'BUY', 100_000);
    expect(sell().ok).toBe(true);
    f.clock.advance(59 * 60_000);
    expect(sell()).toMatchObject({ ok: false, code: 'SALE.DUPLICATE' });
    f.clock.advance(2 * 60_000);
    expect(sell().ok).toBe(true);
    f.close();
    await setup({ rules: { sameSaleWindow: 'off' } });
    fund(f.ctx, 'BUY', 100_000);
    expect(sell().ok && sell().ok).toBe(true);
  });
});
