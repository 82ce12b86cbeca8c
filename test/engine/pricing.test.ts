import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { checkProductMarkup, setGeneralMarkup, setProductMarkups, setWildcardMarkups } from '../../src/engine/markups.js';
import { priceList, priceOf } from '../../src/engine/prices.js';
import { finishSale, startSale } from '../../src/engine/sales.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { balanceOf } from '../../src/store/repos/ledger-repo.js';
import { agent, chain, engineFixture, fund, product, type EngineFixture } from '../support/engine-fixture.js';

let f: EngineFixture;
beforeEach(async () => {
  f = await engineFixture({ rules: { maxMarkup: 500 } });
});
afterEach(() => f.close());

const price = (code: string, p: string) => {
  const a = agentSummary(f.ctx, code)!.agent;
  const q = priceOf(f.ctx, a.id, p);
  if (!q.ok) throw new Error(q.code);
  return q.value.price;
};

describe('prices along a chain', () => {
  it('worked example: base 10, +2 per level gives 12 / 14 / 16', () => {
    product(f.ctx, { code: 'S10', price: 10, cost: 0 });
    chain(f.ctx, 3, 2);
    expect([price('L1', 'S10'), price('L2', 'S10'), price('L3', 'S10')]).toEqual([12, 14, 16]);
  });

  it('a sale by the third level pays 2 to each upline and 12 to the operator', () => {
    product(f.ctx, { code: 'S10', price: 10, cost: 0 });
    chain(f.ctx, 3, 2);
    fund(f.ctx, 'L3', 100);
    const l3 = agentSummary(f.ctx, 'L3')!.agent;
    const started = startSale(f.ctx, { agentId: l3.id, product: 'S10', dest: '081234567890' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.value.balance).toBe(84);
    finishSale(f.ctx, started.value.sale.id, { status: 'success', sn: 'SN1' });
    expect(agentSummary(f.ctx, 'L1')!.commission).toBe(2);
    expect(agentSummary(f.ctx, 'L2')!.commission).toBe(2);
    expect(agentSummary(f.ctx, 'L3')!.commission).toBe(0);
    expect(balanceOf(f.ctx.sql, f.ctx.accounts.revenue)).toBe(12);
    expect(balanceOf(f.ctx.sql, f.ctx.accounts.holds)).toBe(0);
    expect(checkLedger(f.ctx.sql).ok).toBe(true);
  });

  it('prices through a 5-level chain with different markups per edge', () => {
    product(f.ctx, { code: 'PLN20', price: 20_000, cost: 19_500, destKind: 'meter' });
    agent(f.ctx, { code: 'A1', markup: 100 });
    agent(f.ctx, { code: 'A2', upline: 'A1', markup: 200 });
    agent(f.ctx, { code: 'A3', upline: 'A2', markup: 0 });
    agent(f.ctx, { code: 'A4', upline: 'A3', markup: 50 });
    agent(f.ctx, { code: 'A5', upline: 'A4', markup: 25 });
    expect(['A1', 'A2', 'A3', 'A4', 'A5'].map((c) => price(c, 'PLN20'))).toEqual([20_100, 20_300, 20_300, 20_350, 20_375]);
  });

  it('HARGA lists each agent its own prices for a prefix, active products only', () => {
    product(f.ctx, { code: 'S5', price: 5_000 });
    product(f.ctx, { code: 'S10', price: 10_000 });
    product(f.ctx, { code: 'SX', price: 1, active: false });
    product(f.ctx, { code: 'X5', price: 5_000 });
    chain(f.ctx, 2, 100);
    const l2 = agentSummary(f.ctx, 'L2')!.agent;
    expect(priceList(f.ctx, l2.id, 's').map((l) => [l.code, l.price])).toEqual([['S10', 10_200], ['S5', 5_200]]);
  });
});

describe('markup precedence: product row > upline wildcard > general', () => {
  beforeEach(() => {
    product(f.ctx, { code: 'S5', price: 5_000 });
    product(f.ctx, { code: 'S10', price: 10_000 });
    agent(f.ctx, { code: 'UP', markup: 0 });
    agent(f.ctx, { code: 'D1', upline: 'UP', markup: 10 });
    agent(f.ctx, { code: 'D2', upline: 'UP', markup: 20 });
  });
  const up = () => agentSummary(f.ctx, 'UP')!.agent.id;
  const source = (d: string, p: string) => {
    const r = checkProductMarkup(f.ctx, up(), d, p);
    if (!r.ok) throw new Error(r.code);
    return [r.value.markup, r.value.source];
  };

  it('general markup applies when there is nothing else', () => {
    expect(source('D1', 'S5')).toEqual([10, 'general']);
  });

  it('a wildcard covers current and future downlines; a product row overrides it', () => {
    expect(setWildcardMarkups(f.ctx, up(), 'UP', [{ product: 'S5', markup: 100 }]).ok).toBe(true);
    agent(f.ctx, { code: 'D3', upline: 'UP', markup: 30 });
    expect(source('D1', 'S5')).toEqual([100, 'wildcard']);
    expect(source('D3', 'S5')).toEqual([100, 'wildcard']);
    expect(source('D3', 'S10')).toEqual([30, 'general']);
    expect(setProductMarkups(f.ctx, up(), 'D1', [{ product: 'S5', markup: 40 }]).ok).toBe(true);
    expect(source('D1', 'S5')).toEqual([40, 'product']);
    expect(source('D2', 'S5')).toEqual([100, 'wildcard']);
    expect(price('D1', 'S5')).toBe(5_040);
    expect(price('D2', 'S5')).toBe(5_100);
  });

  it('HARGA (all products at once) agrees with the price of each product, whatever the markup source', () => {
    setWildcardMarkups(f.ctx, up(), 'UP', [{ product: 'S5', markup: 100 }]);
    setProductMarkups(f.ctx, up(), 'D1', [{ product: 'S10', markup: 33 }]);
    agent(f.ctx, { code: 'G1', upline: 'D1', markup: 7 });
    for (const code of ['UP', 'D1', 'D2', 'G1']) {
      const id = agentSummary(f.ctx, code)!.agent.id;
      const listed = priceList(f.ctx, id, 'S').map((l) => [l.code, l.price]);
      expect(listed, code).toEqual([['S10', price(code, 'S10')], ['S5', price(code, 'S5')]]);
    }
    expect(price('G1', 'S5')).toBe(5_000 + 0 + 100 + 7);
    expect(price('G1', 'S10')).toBe(10_000 + 0 + 33 + 7);
  });

  it('a wildcard of one upline does not reach the downlines of another', () => {
    agent(f.ctx, { code: 'OTHER', markup: 0 });
    agent(f.ctx, { code: 'D9', upline: 'OTHER', markup: 7 });
    setWildcardMarkups(f.ctx, up(), 'UP', [{ product: 'S5', markup: 100 }]);
    expect(price('D9', 'S5')).toBe(5_007);
  });

  it('MP.X.* is refused unless X is the sender itself', () => {
    const r = setWildcardMarkups(f.ctx, up(), 'D1', [{ product: 'S5', markup: 1 }]);
    expect(r).toMatchObject({ ok: false, code: 'MARKUP.WILDCARD_NOT_SELF' });
  });

  it('maxMarkup is inclusive, for product and general markups alike', () => {
    expect(setProductMarkups(f.ctx, up(), 'D1', [{ product: 'S5', markup: 500 }]).ok).toBe(true);
    expect(setProductMarkups(f.ctx, up(), 'D1', [{ product: 'S5', markup: 501 }])).toMatchObject({ ok: false, code: 'MARKUP.ABOVE_MAX' });
    expect(setGeneralMarkup(f.ctx, up(), 'D1', 500).ok).toBe(true);
    expect(setGeneralMarkup(f.ctx, up(), 'D1', 501)).toMatchObject({ ok: false, code: 'MARKUP.ABOVE_MAX' });
    expect(setGeneralMarkup(f.ctx, up(), 'D1', -1)).toMatchObject({ ok: false, code: 'MARKUP.NEGATIVE' });
    expect(source('D1', 'S5')).toEqual([500, 'product']);
  });

  it('a list with one bad item changes nothing', () => {
    const r = setProductMarkups(f.ctx, up(), 'D1', [{ product: 'S5', markup: 1 }, { product: 'NOPE', markup: 1 }]);
    expect(r).toMatchObject({ ok: false, code: 'PRODUCT.UNKNOWN' });
    expect(source('D1', 'S5')).toEqual([10, 'general']);
  });

  it('only the direct upline may change or read an edge', () => {
    agent(f.ctx, { code: 'G1', upline: 'D1', markup: 5 });
    const d1 = agentSummary(f.ctx, 'D1')!.agent.id;
    const d2 = agentSummary(f.ctx, 'D2')!.agent.id;
    expect(setProductMarkups(f.ctx, up(), 'G1', [{ product: 'S5', markup: 1 }])).toMatchObject({ ok: false, code: 'AGENT.NOT_DOWNLINE' });
    expect(setGeneralMarkup(f.ctx, d2, 'G1', 1)).toMatchObject({ ok: false, code: 'AGENT.NOT_DOWNLINE' });
    expect(checkProductMarkup(f.ctx, d2, 'G1', 'S5')).toMatchObject({ ok: false, code: 'AGENT.NOT_DOWNLINE' });
    expect(setGeneralMarkup(f.ctx, d1, 'G1', 1).ok).toBe(true);
    expect(setGeneralMarkup(f.ctx, null, 'D1', 1)).toMatchObject({ ok: false, code: 'AGENT.NOT_DOWNLINE' });
    expect(setGeneralMarkup(f.ctx, null, 'UP', 1).ok).toBe(true);
  });
});
