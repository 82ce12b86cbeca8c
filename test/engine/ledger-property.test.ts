import fc from 'fast-check';
import { expect, it } from 'vitest';
import { agentSummary, listAgents } from '../../src/engine/agents.js';
import { deposit, swapCommission, transfer } from '../../src/engine/balances.js';
import { setGeneralMarkup, setProductMarkups, setWildcardMarkups } from '../../src/engine/markups.js';
import { finishSale, startSale } from '../../src/engine/sales.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { agent, engineFixture, product } from '../support/engine-fixture.js';

const AGENTS = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF'];
/** AA has BB, CC; BB has DD, EE; EE has FF (who may go into credit). */
const UPLINE: Record<string, string | undefined> = { BB: 'AA', CC: 'AA', DD: 'BB', EE: 'BB', FF: 'EE' };
const PRODUCTS = ['S5', 'S10', 'S20'];

const who = fc.constantFrom(...AGENTS);
const amount = fc.integer({ min: 1, max: 60_000 });
const op = fc.oneof(
  fc.record({ t: fc.constant('deposit' as const), a: who, amount }),
  fc.record({ t: fc.constant('transfer' as const), a: who, b: who, amount }),
  fc.record({ t: fc.constant('markup' as const), a: who, b: who, m: fc.integer({ min: -10, max: 1_200 }) }),
  fc.record({ t: fc.constant('productMarkup' as const), a: who, b: who, p: fc.constantFrom(...PRODUCTS), m: fc.integer({ min: 0, max: 1_200 }) }),
  fc.record({ t: fc.constant('wildcard' as const), a: who, p: fc.constantFrom(...PRODUCTS), m: fc.integer({ min: 0, max: 900 }) }),
  fc.record({
    t: fc.constant('sale' as const), a: who, p: fc.constantFrom(...PRODUCTS),
    dest: fc.constantFrom('081200000001', '081200000002', '6281200000003'),
    counter: fc.integer({ min: 1, max: 3 }), verdict: fc.constantFrom('success', 'failed', 'pending'),
  }),
  fc.record({ t: fc.constant('settle' as const), verdict: fc.constantFrom('success', 'failed') }),
  fc.record({ t: fc.constant('tukar' as const), a: who }),
);

it('any sequence of money moves leaves the ledger balanced and no balance below its credit limit', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
      const f = await engineFixture({ rules: { maxMarkup: 1_000 } });
      try {
        PRODUCTS.forEach((p, i) => product(f.ctx, { code: p, price: 5_000 * (i + 1), cost: 4_900 * (i + 1) }));
        for (const code of AGENTS) {
          agent(f.ctx, { code, markup: 50, creditLimit: code === 'FF' ? 20_000 : 0, ...(UPLINE[code] ? { upline: UPLINE[code] } : {}) });
        }
        const id = (c: string) => agentSummary(f.ctx, c)!.agent.id;
        const pending: number[] = [];
        for (const o of ops) {
          switch (o.t) {
            case 'deposit': deposit(f.ctx, o.a, o.amount); break;
            case 'transfer': transfer(f.ctx, id(o.a), o.b, o.amount); break;
            case 'markup': setGeneralMarkup(f.ctx, id(o.a), o.b, o.m); break;
            case 'productMarkup': setProductMarkups(f.ctx, id(o.a), o.b, [{ product: o.p, markup: o.m }]); break;
            case 'wildcard': setWildcardMarkups(f.ctx, id(o.a), o.a, [{ product: o.p, markup: o.m }]); break;
            case 'tukar': swapCommission(f.ctx, id(o.a)); break;
            case 'sale': {
              const s = startSale(f.ctx, { agentId: id(o.a), product: o.p, dest: o.dest, counter: o.counter });
              if (!s.ok) break;
              if (o.verdict === 'pending') pending.push(s.value.sale.id);
              else finishSale(f.ctx, s.value.sale.id, o.verdict === 'success' ? { status: 'success', sn: 'x' } : { status: 'failed', reason: 'x' });
              break;
            }
            case 'settle': {
              const saleId = pending.shift();
              if (saleId !== undefined) finishSale(f.ctx, saleId, o.verdict === 'success' ? { status: 'success', sn: 'x' } : { status: 'failed', reason: 'x' });
              break;
            }
          }
          for (const a of listAgents(f.ctx)) {
            expect(a.balance).toBeGreaterThanOrEqual(-a.agent.credit_limit);
            expect(a.commission).toBeGreaterThanOrEqual(0);
          }
        }
        const report = checkLedger(f.ctx.sql);
        expect(report.mismatches).toEqual([]);
        expect(report.unbalancedEntries).toEqual([]);
        expect(report).toMatchObject({ ok: true, postingSum: 0, balanceSum: 0 });
      } finally {
        f.close();
      }
    }),
    { numRuns: 60 },
  );
});
