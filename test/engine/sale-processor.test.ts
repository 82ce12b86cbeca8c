import { afterEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { startSale } from '../../src/engine/sales.js';
import { createSimulator } from '../../src/engine/supplier-simulator.js';
import { salesRepo } from '../../src/store/repos/sales-repo.js';
import { openStore } from '../../src/store/open-store.js';
import { agent, engineFixture, fund, manualSupplier, product, type EngineFixture } from '../support/engine-fixture.js';

let f: EngineFixture;
afterEach(() => f.close());

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

async function setup(supplier: ReturnType<typeof manualSupplier>) {
  f = await engineFixture({ supplier: { recheck: '10ms' } }, { supplier });
  product(f.ctx, { code: 'S10', price: 10_000, cost: 9_900 });
  agent(f.ctx, { code: 'BUY', markup: 0 });
  fund(f.ctx, 'BUY', 30_000);
  const s = startSale(f.ctx, { agentId: agentSummary(f.ctx, 'BUY')!.agent.id, product: 'S10', dest: '081234567890' });
  if (!s.ok) throw new Error(s.code);
  return s.value.sale;
}

it('applies the verdict whenever the supplier answers, and asks again after "pending"', async () => {
  const supplier = manualSupplier();
  const sale = await setup(supplier);
  f.engine.processor.submit(sale);
  await until(() => supplier.orders.length === 1);
  expect(supplier.orders[0]).toEqual({ trxid: `T${sale.id}`, product: 'S10', dest: '081234567890' });
  supplier.answer(`T${sale.id}`, { status: 'pending' });
  await until(() => supplier.orders.length === 2);
  expect(salesRepo.byId(f.ctx.sql, sale.id)!.status).toBe('pending');
  supplier.answer(`T${sale.id}`, { status: 'success', sn: '777' });
  await until(() => salesRepo.byId(f.ctx.sql, sale.id)!.status === 'success');
  expect(salesRepo.byId(f.ctx.sql, sale.id)!.sn).toBe('777');
});

it('a supplier error keeps the money on hold and asks again; it never refunds on a guess', async () => {
  let calls = 0;
  const flaky = { ...manualSupplier(), submit: async () => (++calls < 3 ? Promise.reject(new Error('timeout')) : { status: 'failed' as const, reason: 'gangguan' }) };
  f = await engineFixture({ supplier: { recheck: '10ms' } }, { supplier: flaky });
  product(f.ctx, { code: 'S10', price: 10_000 });
  agent(f.ctx, { code: 'BUY', markup: 0 });
  fund(f.ctx, 'BUY', 10_000);
  const s = startSale(f.ctx, { agentId: agentSummary(f.ctx, 'BUY')!.agent.id, product: 'S10', dest: '081234567890' });
  if (!s.ok) throw new Error(s.code);
  f.engine.processor.submit(s.value.sale);
  await until(() => calls >= 2);
  expect(agentSummary(f.ctx, 'BUY')!.balance).toBe(0);
  await until(() => salesRepo.byId(f.ctx.sql, s.value.sale.id)!.status === 'failed');
  expect(agentSummary(f.ctx, 'BUY')!.balance).toBe(10_000);
});

it('after a restart, pending sales are asked about again and finished once', async () => {
  const sale = await setup(manualSupplier());
  const finished: number[] = [];
  const store2 = await openStore(f.store.path);
  const engine2 = createEngine(store2, f.config, {
    supplier: createSimulator({ delayMs: 0, failurePercent: 0, pendingPercent: 0, seed: 's' }),
    onSaleFinished: (s) => finished.push(s.sale.id),
  });
  expect(engine2.processor.resumePending()).toBe(1);
  await until(() => finished.length === 1);
  expect(finished).toEqual([sale.id]);
  expect(salesRepo.byId(store2.sql, sale.id)!.status).toBe('success');
  engine2.processor.stop();
  store2.close();
});

it('the simulator is deterministic: same seed and trxid, same outcome and serial number', async () => {
  const a = createSimulator({ delayMs: 0, failurePercent: 30, pendingPercent: 0, seed: 'x' });
  const b = createSimulator({ delayMs: 0, failurePercent: 30, pendingPercent: 0, seed: 'x' });
  const orders = Array.from({ length: 200 }, (_, i) => ({ trxid: `T${i}`, product: 'S10', dest: '0812' }));
  const ra = await Promise.all(orders.map((o) => a.submit(o)));
  const rb = await Promise.all(orders.map((o) => b.submit(o)));
  expect(ra).toEqual(rb);
  const failed = ra.filter((r) => r.status === 'failed').length;
  expect(failed).toBeGreaterThan(35);
  expect(failed).toBeLessThan(85);
  expect(ra.find((r) => r.status === 'success')).toMatchObject({ sn: expect.stringMatching(/^\d{20}$/) });
});

it('the simulator answers its pending share "pending" at the first ask only, and the rest at once', async () => {
  const sim = createSimulator({ delayMs: 0, failurePercent: 0, pendingPercent: 40, seed: 'p' });
  const orders = Array.from({ length: 300 }, (_, i) => ({ trxid: `T${i}`, product: 'S10', dest: '0812' }));
  const first = await Promise.all(orders.map((o) => sim.submit(o)));
  const second = await Promise.all(orders.map((o) => sim.submit(o)));
  const pending = first.filter((r) => r.status === 'pending').length;
  expect(pending).toBeGreaterThan(80);
  expect(pending).toBeLessThan(160);
  expect(second.every((r) => r.status === 'success')).toBe(true);
  first.forEach((r, i) => {
    if (r.status === 'success') expect(second[i]).toEqual(r); // the same serial number when asked again
  });
});
