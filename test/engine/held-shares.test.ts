import { afterEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { HeldShares } from '../../src/engine/held-shares.js';
import { finishSale, startSale } from '../../src/engine/sales.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { agent, engineFixture, fund, product, type EngineFixture } from '../support/engine-fixture.js';

// The shares of a sale on hold are carried to its verdict in memory (held-shares.ts). What is
// paid must always be what `sale_share` recorded at the hold, whatever the memory holds.

let f: EngineFixture;
afterEach(() => f.close());

async function setup() {
  f = await engineFixture();
  product(f.ctx, { code: 'S10', price: 10_000, cost: 9_800 });
  agent(f.ctx, { code: 'TOP', markup: 100 });
  agent(f.ctx, { code: 'MID', upline: 'TOP', markup: 300 });
  agent(f.ctx, { code: 'LOW', upline: 'MID', markup: 50 });
  agent(f.ctx, { code: 'SOLO', markup: 100 });
  fund(f.ctx, 'LOW', 100_000);
  fund(f.ctx, 'SOLO', 100_000);
}
const id = (code: string) => agentSummary(f.ctx, code)!.agent.id;
const commission = (code: string) => agentSummary(f.ctx, code)!.commission;

it('a hold that rolled back leaves no shares for the later sale that reuses its id', async () => {
  await setup();
  let abandoned = 0;
  expect(() =>
    f.ctx.sql.transaction(() => {
      const s = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000001', ref: 'r1' });
      if (!s.ok) throw new Error(s.code);
      abandoned = s.value.sale.id;
      throw new Error('the message failed after the hold');
    }),
  ).toThrow('after the hold');
  // SOLO's sale (made without a ref, as the CLI would) gets the same row id; its only share is
  // the operator's edge, whatever was kept for the hold that rolled back.
  const s = startSale(f.ctx, { agentId: id('SOLO'), product: 'S10', dest: '081200000002' });
  if (!s.ok) throw new Error(s.code);
  expect(s.value.sale.id).toBe(abandoned);
  finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: '1' });
  expect([commission('TOP'), commission('MID'), commission('LOW')]).toEqual([0, 0, 0]);
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('a verdict without the shares in memory (after a restart) pays what the hold recorded', async () => {
  await setup();
  const held = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000003', ref: 'r3' });
  const plain = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000004', ref: 'r4' });
  if (!held.ok || !plain.ok) throw new Error('sale refused');
  const fresh = { ...f.ctx, heldShares: new HeldShares() }; // a new process: nothing in memory
  finishSale(f.ctx, held.value.sale.id, { status: 'success', sn: '1' });
  const afterHeld = [commission('TOP'), commission('MID')];
  finishSale(fresh, plain.value.sale.id, { status: 'success', sn: '2' });
  expect(afterHeld).toEqual([300, 50]); // TOP earns MID's edge, MID earns LOW's
  expect([commission('TOP'), commission('MID')]).toEqual([600, 100]);
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('shares are given only for the sale they were kept for, and only once', () => {
  const h = new HeldShares();
  const shares = [{ earnerId: 1, downlineId: 2, markup: 10, source: 'general' as const }];
  h.remember(7, 'a', 100, shares);
  expect(h.take({ id: 7, ref: 'b', created_at: 100 })).toBeUndefined();
  h.remember(7, 'a', 100, shares);
  expect(h.take({ id: 7, ref: 'a', created_at: 101 })).toBeUndefined();
  h.remember(7, 'a', 100, shares);
  expect(h.take({ id: 7, ref: 'a', created_at: 100 })).toBe(shares);
  expect(h.take({ id: 7, ref: 'a', created_at: 100 })).toBeUndefined();
});
