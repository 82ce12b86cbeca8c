import { assertBalanced, SYSTEM_ACCOUNTS, type Leg } from '../../domain/ledger.js';
import { defineQuery, param, type SqlExecutor } from '../sql.js';

const insertEntry = defineQuery<{ kind: string; ref: string | null; memo: string | null; at: number }>()((k) =>
  k
    .insertInto('entry')
    .values({ kind: param('kind'), ref: param('ref'), memo: param('memo'), created_at: param('at') })
    .returning('id'),
);
const applyLeg = defineQuery<{ id: number; amount: number }>()((k) =>
  k
    .updateTable('account')
    .set((eb) => ({ balance: eb('balance', '+', param<number>('amount')) }))
    .where('id', '=', param('id'))
    .returning('balance'),
);
const insertPosting = defineQuery<{ entry: number; account: number; amount: number; after: number }>()((k) =>
  k.insertInto('posting').values({
    entry_id: param('entry'),
    account_id: param('account'),
    amount: param('amount'),
    balance_after: param('after'),
  }),
);
const systemAccount = defineQuery<{ name: string }>()((k) =>
  k.selectFrom('account').select('id').where('name', '=', param('name')),
);
const accountBalance = defineQuery<{ id: number }>()((k) =>
  k.selectFrom('account').select('balance').where('id', '=', param('id')),
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
 * account's balance after the entry.
 */
export function postEntry(sql: SqlExecutor, header: EntryHeader, legs: readonly Leg[]): Map<number, number> {
  assertBalanced(legs);
  const entry = sql.get(insertEntry, {
    kind: header.kind,
    ref: header.ref ?? null,
    memo: header.memo ?? null,
    at: header.at,
  })!.id;
  const after = new Map<number, number>();
  for (const leg of legs) {
    if (leg.amount === 0) continue;
    const row = sql.get(applyLeg, { id: leg.account, amount: leg.amount });
    if (!row) throw new Error(`account ${leg.account} does not exist`);
    sql.run(insertPosting, { entry, account: leg.account, amount: leg.amount, after: row.balance });
    after.set(leg.account, row.balance);
  }
  return after;
}

export function balanceOf(sql: SqlExecutor, account: number): number {
  const row = sql.get(accountBalance, { id: account });
  if (!row) throw new Error(`account ${account} does not exist`);
  return row.balance;
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
