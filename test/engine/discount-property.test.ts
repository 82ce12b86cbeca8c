import fc from 'fast-check';
import { expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { finishSale, startSale } from '../../src/engine/sales.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { balanceOf } from '../../src/store/repos/ledger-repo.js';
import { agent, engineFixture, fund, product } from '../support/engine-fixture.js';

const tiersArb = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.array(fc.record({ len: fc.integer({ min: 1, max: 4 }), percent: fc.integer({ min: 0, max: 100 }), frac: fc.constantFrom('', '.5', '.25') }), {
      maxLength: 3,
    }),
  )
  .map(([start, parts]) => {
    let from = start;
    return parts.map((p, i) => {
      const t = { from, to: i === parts.length - 1 ? null : from + p.len - 1, percent: p.percent === 100 ? '100' : `${p.percent}${p.frac}` };
      from += p.len;
      return t;
    });
  });

it("discounts never make the operator's booked margin disagree with the ledger", async () => {
  await fc.assert(
    fc.asyncProperty(
      tiersArb,
      fc.array(fc.record({ who: fc.constantFrom('TOP', 'MID', 'LOW'), p: fc.constantFrom('S5', 'S10'), ok: fc.boolean() }), { minLength: 1, maxLength: 25 }),
      async (tiers, sales) => {
        const f = await engineFixture({ reseller: { discounts: { default: tiers } }, rules: { sameSaleWindow: 'off' } });
        try {
          product(f.ctx, { code: 'S5', price: 5_333, cost: 5_100 });
          product(f.ctx, { code: 'S10', price: 10_001, cost: 9_000 });
          agent(f.ctx, { code: 'TOP', markup: 37 });
          agent(f.ctx, { code: 'MID', upline: 'TOP', markup: 21 });
          agent(f.ctx, { code: 'LOW', upline: 'MID', markup: 9 });
          for (const c of ['TOP', 'MID', 'LOW']) fund(f.ctx, c, 1_000_000);
          const successes = new Map<string, number>();
          for (const [i, s] of sales.entries()) {
            const id = agentSummary(f.ctx, s.who)!.agent.id;
            const r = startSale(f.ctx, { agentId: id, product: s.p, dest: `08120000${String(i).padStart(4, '0')}` });
            if (!r.ok) throw new Error(r.code);
            // The discount follows the agent's successful sales of the product so far (independent recount).
            const done = successes.get(`${s.who}/${s.p}`) ?? 0;
            const tier = tiers.find((t) => done >= t.from && (t.to === null || done <= t.to));
            const base = s.p === 'S5' ? 5_333 : 10_001;
            const expected = tier ? Math.min(base, Math.floor((base * Number(tier.percent)) / 100 + 0.5 + 1e-9)) : 0;
            expect(r.value.sale.discount).toBe(expected);
            finishSale(f.ctx, r.value.sale.id, s.ok ? { status: 'success', sn: 'x' } : { status: 'failed', reason: 'x' });
            if (s.ok) successes.set(`${s.who}/${s.p}`, done + 1);
          }
          const booked = f.ctx.sql.db
            .prepare(`SELECT COALESCE(SUM(s.base_price - s.discount - s.cost +
                (SELECT COALESCE(SUM(json_extract(value, '$[2]')), 0) FROM json_each(s.shares) WHERE json_extract(value, '$[0]') IS NULL)), 0)
              FROM sale s WHERE s.status = 'success'`)
            .pluck()
            .get();
          expect(balanceOf(f.ctx.sql, f.ctx.accounts.revenue)).toBe(booked);
          expect(checkLedger(f.ctx.sql)).toMatchObject({ ok: true, postingSum: 0 });
        } finally {
          f.close();
        }
      },
    ),
    { numRuns: 40 },
  );
}, 120_000);
