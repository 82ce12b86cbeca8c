import { assertBalanced, SYSTEM_ACCOUNTS, type Leg } from '../../domain/ledger.js';
import { defineQuery, param, type Query, type SqlExecutor } from '../sql.js';

const insertEntry = defineQuery<{ kind: string; ref: string | null; memo: string | null; at: number }>()((k) =>
  k
    .insertInto('entry')
    .values({ kind: param('kind'), ref: param('ref'), memo: param('memo'), created_at: param('at') }),
);
/** Rows of one statement at most; an entry with more legs takes several. */
const ROWS = 16;
/** The named parameters of row i of `postingsOf` (made once, not per leg). */
const NAMES = Array.from({ length: ROWS }, (_, i) => ({ account: `a${i}`, amount: `m${i}`, balance: `b${i}` }));
const insertPostings = new Map<number, Query<Record<string, number>, unknown>>();
/** One INSERT of `n` posting rows of the same entry (prepared once per row count). */
function postingsOf(n: number): Query<Record<string, number>, unknown> {
  let q = insertPostings.get(n);
  if (!q) {
    q = defineQuery<Record<string, number>>()((k) =>
      k.insertInto('posting').values(
        Array.from({ length: n }, (_, i) => ({
          entry_id: param('entry'), account_id: param(NAMES[i]!.account), amount: param(NAMES[i]!.amount), balance_after: param(NAMES[i]!.balance),
        })),
      ),
    );
    insertPostings.set(n, q);
  }
  return q;
}
const systemAccount = defineQuery<{ name: string }>()((k) =>
  k.selectFrom('account').select('id').where('name', '=', param('name')),
);

export interface EntryHeader {
  readonly kind: string;
  readonly ref?: string | null;
  readonly memo?: string | null;
  readonly at: number;
}

/**
 * Writes one journal entry and applies its legs to the account balances. Must run inside the
 * caller's transaction, together with the business change it records. Returns each moved
 * account's balance after the entry. An account moved again in the same transaction is written
 * once more, at commit, however often it moved (store/pending-balances.ts).
 */
export function postEntry(sql: SqlExecutor, header: EntryHeader, legs: readonly Leg[]): Map<number, number> {
  assertBalanced(legs);
  const entry = sql.insert(insertEntry, {
    kind: header.kind,
    ref: header.ref ?? null,
    memo: header.memo ?? null,
    at: header.at,
  });
  const after = new Map<number, number>();
  let rows: Record<string, number> = { entry };
  let n = 0;
  for (const leg of legs) {
    if (leg.amount === 0) continue;
    const balance = sql.moveBalance(leg.account, leg.amount);
    after.set(leg.account, balance);
    const names = NAMES[n]!;
    rows[names.account] = leg.account;
    rows[names.amount] = leg.amount;
    rows[names.balance] = balance;
    if (++n === ROWS) {
      sql.run(postingsOf(n), rows);
      rows = { entry };
      n = 0;
    }
  }
  if (n > 0) sql.run(postingsOf(n), rows);
  return after;
}

export function balanceOf(sql: SqlExecutor, account: number): number {
  return sql.balance(account);
}

export type SystemAccounts = { readonly [K in keyof typeof SYSTEM_ACCOUNTS]: number };

export function loadSystemAccounts(sql: SqlExecutor): SystemAccounts {
  const ids = {} as Record<keyof typeof SYSTEM_ACCOUNTS, number>;
  for (const [key, name] of Object.entries(SYSTEM_ACCOUNTS)) {
    const row = sql.get(systemAccount, { name });
    if (!row) throw new Error(`system account ${name} is missing: run migrations`);
    ids[key as keyof typeof SYSTEM_ACCOUNTS] = row.id;
  }
  return ids;
}
