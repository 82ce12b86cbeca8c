import { sql as raw } from 'kysely';
import { defineQuery, type SqlExecutor } from '../sql.js';

/** Accounts whose balance is not the sum of their postings, or whose chain head is not their latest posting. */
const accountsAstray = defineQuery()((k) =>
  k
    .selectFrom('account as a')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('posting')
          .select(['account_id', raw<number>`SUM(amount)`.as('total'), raw<number>`MAX(id)`.as('latest')])
          .groupBy('account_id')
          .as('p'),
      (j) => j.onRef('p.account_id', '=', 'a.id'),
    )
    .select(['a.id', 'a.name', 'a.balance', raw<number>`COALESCE(p.total, 0)`.as('recomputed'), 'a.last_posting', raw<number | null>`p.latest`.as('latest')])
    .where(raw<boolean>`a.balance <> COALESCE(p.total, 0) OR a.last_posting IS NOT p.latest`),
);
/**
 * Postings whose link (`prev_id`) is not their account's posting before them, or whose running
 * balance is not that posting's plus their own amount (an account starts at 0): the chains of
 * migration 0009, checked link by link.
 */
const brokenLinks = defineQuery()((k) =>
  k
    .selectFrom((eb) =>
      eb
        .selectFrom('posting')
        .select([
          'id', 'account_id', 'prev_id', 'amount', 'balance_after',
          raw<number | null>`LAG(id) OVER (PARTITION BY account_id ORDER BY id)`.as('before'),
          raw<number>`COALESCE(LAG(balance_after) OVER (PARTITION BY account_id ORDER BY id), 0)`.as('running'),
        ])
        .as('p'),
    )
    .select(['p.id', 'p.account_id', 'p.prev_id', 'p.before', 'p.balance_after', raw<number>`p.running + p.amount`.as('expected')])
    .where(raw<boolean>`p.prev_id IS NOT p.before OR p.balance_after <> p.running + p.amount`)
    .orderBy('p.id'),
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
  /** Accounts whose `last_posting` is not their latest posting. */
  readonly badHeads: ReadonlyArray<{ id: number; name: string; last_posting: number | null; latest: number | null }>;
  /** Postings that do not follow their account's posting before them (link or running balance). */
  readonly brokenLinks: ReadonlyArray<{ id: number; account_id: number; prev_id: number | null; before: number | null; balance_after: number; expected: number }>;
}

/** Recomputes every balance from the postings and follows every account's chain, in one read snapshot. */
export function checkLedger(sql: SqlExecutor): LedgerReport {
  return sql.read(() => {
    const astray = sql.all(accountsAstray, {});
    const m = astray.filter((a) => a.balance !== a.recomputed).map(({ id, name, balance, recomputed }) => ({ id, name, balance, recomputed }));
    const heads = astray.filter((a) => a.last_posting !== a.latest).map(({ id, name, last_posting, latest }) => ({ id, name, last_posting, latest }));
    const links = sql.all(brokenLinks, {});
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
      badHeads: heads,
      brokenLinks: links,
    };
    const chained = heads.length === 0 && links.length === 0;
    return { ...report, ok: m.length === 0 && u.length === 0 && chained && p.total === 0 && t.balances === 0 };
  });
}
