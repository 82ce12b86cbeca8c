import { afterEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { HeldSales } from '../../src/engine/held-sales.js';
import { finishSale, startSale } from '../../src/engine/sales.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { agent, engineFixture, fund, product, type EngineFixture } from '../support/engine-fixture.js';

// A sale on hold and its shares are carried to its verdict in memory (held-sales.ts). What is
// paid must always be what the `sale` row (its shares included) recorded at the hold, whatever the memory holds.

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
  const done = finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: '1' });
  expect(done.sale.agent_id).toBe(id('SOLO')); // the row as stored, not the abandoned hold's
  expect([commission('TOP'), commission('MID'), commission('LOW')]).toEqual([0, 0, 0]);
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('a verdict without the shares in memory (after a restart) pays what the hold recorded', async () => {
  await setup();
  const held = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000003', ref: 'r3' });
  const plain = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000004', ref: 'r4' });
  if (!held.ok || !plain.ok) throw new Error('sale refused');
  const fresh = { ...f.ctx, heldSales: new HeldSales() }; // a new process: nothing in memory
  finishSale(f.ctx, held.value.sale.id, { status: 'success', sn: '1' });
  const afterHeld = [commission('TOP'), commission('MID')];
  finishSale(fresh, plain.value.sale.id, { status: 'success', sn: '2' });
  expect(afterHeld).toEqual([300, 50]); // TOP earns MID's edge, MID earns LOW's
  expect([commission('TOP'), commission('MID')]).toEqual([600, 100]);
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('a held entry is used only when its sale is the row still pending, and only once', async () => {
  await setup();
  const s = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000005', ref: 'r5' });
  if (!s.ok) throw new Error(s.code);
  const sale = s.value.sale;
  // An entry that is not this row (another creation time), with a wrong price and wrong shares.
  const forged = [{ earnerId: id('SOLO'), downlineId: id('LOW'), markup: 5_000, source: 'general' as const }];
  f.ctx.heldSales.remember({ ...sale, ref: 'r5', created_at: sale.created_at + 1, price: 1 }, forged);
  const done = finishSale(f.ctx, sale.id, { status: 'success', sn: '5' });
  expect(done.sale.price).toBe(sale.price);
  expect([commission('TOP'), commission('MID'), commission('SOLO')]).toEqual([300, 50, 0]);
  expect(f.ctx.heldSales.take(sale.id)).toBeUndefined(); // taken by the verdict
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('a verdict with the sale in memory gives the row as stored', async () => {
  await setup();
  const s = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000006', ref: 'r6' });
  if (!s.ok) throw new Error(s.code);
  const done = finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: 'SN6' });
  const stored = f.ctx.sql.db.prepare('SELECT * FROM sale WHERE id = ?').get(s.value.sale.id);
  expect(done.applied).toBe(true);
  expect(done.sale).toEqual(stored);
  expect(finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: 'SN6' }).applied).toBe(false);
});

it('a verdict for a sale another process already finished pays nothing again, its entry still held', async () => {
  await setup();
  const s = startSale(f.ctx, { agentId: id('LOW'), product: 'S10', dest: '081200000007', ref: 'r7' });
  if (!s.ok) throw new Error(s.code);
  const other = { ...f.ctx, heldSales: new HeldSales() }; // e.g. the CLI, on the same database
  expect(finishSale(other, s.value.sale.id, { status: 'success', sn: 'A' }).applied).toBe(true);
  const again = finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: 'B' });
  expect(again.applied).toBe(false);
  expect(again.sale.sn).toBe('A');
  expect([commission('TOP'), commission('MID')]).toEqual([300, 50]);
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});
