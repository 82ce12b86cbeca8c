import { sql as raw } from 'kysely';
import { defineQuery, type SqlExecutor } from '../sql.js';

const mismatches = defineQuery()((k) =>
  k
    .selectFrom('account as a')
    .leftJoin(
      (eb) => eb.selectFrom('posting').select(['account_id', raw<number>`SUM(amount)`.as('total')]).groupBy('account_id').as('p'),
      (j) => j.onRef('p.account_id', '=', 'a.id'),
    )
    .select(['a.id', 'a.name', 'a.balance', raw<number>`COALESCE(p.total, 0)`.as('recomputed')])
    .where(raw<boolean>`a.balance <> COALESCE(p.total, 0)`),
);
const totals = defineQuery()((k) =>
  k
    .selectFrom('account')
    .select([raw<number>`COALESCE(SUM(balance), 0)`.as('balances'), raw<number>`COUNT(*)`.as('accounts')]),
);
const postingTotal = defineQuery()((k) =>
  k.selectFrom('posting').select([raw<number>`COALESCE(SUM(amount), 0)`.as('total'), raw<number>`COUNT(*)`.as('postings')]),
);
const unbalanced = defineQuery()((k) =>
  k
    .selectFrom('posting')
    .select(['entry_id', raw<number>`SUM(amount)`.as('total')])
    .groupBy('entry_id')
    .having(raw<boolean>`SUM(amount) <> 0`),
);
const entries = defineQuery()((k) => k.selectFrom('entry').select(raw<number>`COUNT(*)`.as('n')));

export interface LedgerReport {
  readonly ok: boolean;
  readonly accounts: number;
  readonly entries: number;
  readonly postings: number;
  readonly postingSum: number;
  readonly balanceSum: number;
  readonly mismatches: ReadonlyArray<{ id: number; name: string; balance: number; recomputed: number }>;
  readonly unbalancedEntries: ReadonlyArray<{ entry_id: number; total: number }>;
}

/** Recomputes every balance from the postings, in one read snapshot. */
export function checkLedger(sql: SqlExecutor): LedgerReport {
  return sql.read(() => {
    const m = sql.all(mismatches, {});
    const t = sql.get(totals, {})!;
    const p = sql.get(postingTotal, {})!;
    const u = sql.all(unbalanced, {});
    const report = {
      accounts: t.accounts,
      entries: sql.get(entries, {})!.n,
      postings: p.postings,
      postingSum: p.total,
      balanceSum: t.balances,
      mismatches: m,
      unbalancedEntries: u,
    };
    return { ...report, ok: m.length === 0 && u.length === 0 && p.total === 0 && t.balances === 0 };
  });
}
