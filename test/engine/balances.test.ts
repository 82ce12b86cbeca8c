import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { deposit, swapCommission, transfer } from '../../src/engine/balances.js';
import { finishSale, startSale } from '../../src/engine/sales.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { agent, engineFixture, fund, product, type EngineFixture } from '../support/engine-fixture.js';

let f: EngineFixture;
beforeEach(async () => {
  f = await engineFixture();
  agent(f.ctx, { code: 'UP', markup: 0 });
  agent(f.ctx, { code: 'DOWN', upline: 'UP', markup: 100, creditLimit: 50_000 });
  agent(f.ctx, { code: 'OTHER', markup: 0 });
});
afterEach(() => f.close());
const id = (c: string) => agentSummary(f.ctx, c)!.agent.id;
const bal = (c: string) => agentSummary(f.ctx, c)!.balance;

it('deposits credit the agent against the operator deposits account', () => {
  expect(deposit(f.ctx, 'up', 10_000)).toMatchObject({ ok: true, value: { balance: 10_000 } });
  expect(deposit(f.ctx, 'UP', 0)).toMatchObject({ ok: false, code: 'AMOUNT.INVALID' });
  expect(deposit(f.ctx, 'NOPE', 1)).toMatchObject({ ok: false, code: 'AGENT.UNKNOWN' });
  expect(checkLedger(f.ctx.sql)).toMatchObject({ ok: true, entries: 1 });
});

it('transfers go to a direct downline only, never beyond what the sender has', () => {
  fund(f.ctx, 'UP', 10_000);
  expect(transfer(f.ctx, id('UP'), 'DOWN', 4_000)).toMatchObject({ ok: true, value: { balance: 6_000, toBalance: 4_000 } });
  expect(transfer(f.ctx, id('UP'), 'OTHER', 1)).toMatchObject({ ok: false, code: 'AGENT.NOT_DOWNLINE' });
  expect(transfer(f.ctx, id('DOWN'), 'UP', 1)).toMatchObject({ ok: false, code: 'AGENT.NOT_DOWNLINE' });
  expect(transfer(f.ctx, id('UP'), 'DOWN', 6_001)).toMatchObject({ ok: false, code: 'SALE.INSUFFICIENT_BALANCE' });
  expect(transfer(f.ctx, id('UP'), 'DOWN', 0)).toMatchObject({ ok: false, code: 'TRANSFER.INVALID_AMOUNT' });
  expect([bal('UP'), bal('DOWN')]).toEqual([6_000, 4_000]);
});

it('a transfer never draws on the credit limit', () => {
  expect(transfer(f.ctx, id('DOWN'), 'UP', 1)).toMatchObject({ ok: false });
  agent(f.ctx, { code: 'LEAF', upline: 'DOWN', markup: 0 });
  expect(transfer(f.ctx, id('DOWN'), 'LEAF', 1)).toMatchObject({ ok: false, code: 'SALE.INSUFFICIENT_BALANCE' });
});

it('TUKAR moves the whole commission wallet into the balance', () => {
  product(f.ctx, { code: 'S10', price: 10_000 });
  fund(f.ctx, 'DOWN', 20_000);
  expect(swapCommission(f.ctx, id('UP'))).toMatchObject({ ok: false, code: 'COMMISSION.EMPTY' });
  const s = startSale(f.ctx, { agentId: id('DOWN'), product: 'S10', dest: '081234567890' });
  if (!s.ok) throw new Error(s.code);
  finishSale(f.ctx, s.value.sale.id, { status: 'success', sn: '1' });
  expect(agentSummary(f.ctx, 'UP')).toMatchObject({ commission: 100, balance: 0 });
  expect(swapCommission(f.ctx, id('UP'))).toMatchObject({ ok: true, value: { amount: 100, balance: 100 } });
  expect(agentSummary(f.ctx, 'UP')).toMatchObject({ commission: 0, balance: 100 });
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});
