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
const NAMES = Array.from({ length: ROWS }, (_, i) => ({ account: `a${i}`, amount: `m${i}`, balance: `b${i}`, prev: `p${i}` }));
type PostingRows = Record<string, number | null>;
const insertPostings = new Map<number, Query<PostingRows, unknown>>();
/** One INSERT of `n` posting rows of the same entry (prepared once per row count). */
function postingsOf(n: number): Query<PostingRows, unknown> {
  let q = insertPostings.get(n);
  if (!q) {
    q = defineQuery<PostingRows>()((k) =>
      k.insertInto('posting').values(
        Array.from({ length: n }, (_, i) => ({
          entry_id: param('entry'), account_id: param(NAMES[i]!.account), amount: param(NAMES[i]!.amount),
          balance_after: param(NAMES[i]!.balance), prev_id: param(NAMES[i]!.prev),
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
 * account's balance after the entry. In a transaction of the executor an account is written once,
 * at commit, however often it moved (store/pending-balances.ts).
 *
 * Each posting points back to its account's previous one and becomes the account's head: the
 * account's chain (migration 0009). The rows of one INSERT get consecutive ids (SQLite gives each
 * new row the largest rowid + 1), the last one returned; an account moved twice in one entry
 * starts a new INSERT, so its second posting can point at the first.
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
  let rows: PostingRows = { entry };
  const accounts: number[] = [];
  const write = () => {
    const last = sql.insert(postingsOf(accounts.length), rows);
    const first = last - accounts.length + 1;
    for (let i = 0; i < accounts.length; i++) sql.setPostingHead(accounts[i]!, first + i);
    rows = { entry };
    accounts.length = 0;
  };
  for (const leg of legs) {
    if (leg.amount === 0) continue;
    if (accounts.length === ROWS || accounts.includes(leg.account)) write();
    const balance = sql.moveBalance(leg.account, leg.amount);
    after.set(leg.account, balance);
    const names = NAMES[accounts.length]!;
    rows[names.account] = leg.account;
    rows[names.amount] = leg.amount;
    rows[names.balance] = balance;
    rows[names.prev] = sql.postingHead(leg.account);
    accounts.push(leg.account);
  }
  if (accounts.length > 0) write();
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
