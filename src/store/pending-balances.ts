type State = { balances: Map<number, number>; heads: Map<number, number | null>; dirty: Set<number> };

/**
 * What the ledger changed on accounts inside the open write transaction: each account's balance
 * and its chain head (the id of its latest posting, which the next posting of the account points
 * back to: store/repos/ledger-repo.ts). An account is read once, on its first move, and written
 * once, when the transaction commits, however often it moved, instead of one UPDATE per posting
 * leg. A group commit of 100 sales touches the same system accounts (holds, revenue, supplier)
 * and uplines over and over: one write each replaces hundreds (docs/benchmarks.md, "Ledger
 * writes").
 *
 * The values are only ever those of this connection's open transaction, which holds the write
 * lock (BEGIN IMMEDIATE): no other process can change an account meanwhile. Outside a transaction
 * nothing is kept. Any other statement that touches the account table first gets every pending
 * account written, and forgets them (sql.ts), so it reads and writes the real rows. Nested
 * transactions must go through the executor (`transaction` joins, `savepoint` restores what is
 * pending on rollback): a raw better-sqlite3 savepoint inside one of ours would roll back its
 * rows but not what is pending here.
 */
export class PendingBalances {
  private balances = new Map<number, number>();
  private heads = new Map<number, number | null>();
  private dirty = new Set<number>();

  /** The account's balance in this transaction, if it was read or moved in it. */
  get(account: number): number | undefined {
    return this.balances.get(account);
  }

  /** The account's latest posting in this transaction (null: none yet), if it was read in it. */
  head(account: number): number | null | undefined {
    return this.heads.get(account);
  }

  /** The account as it is in the table now. */
  remember(account: number, balance: number, head: number | null): void {
    this.balances.set(account, balance);
    this.heads.set(account, head);
  }

  /** A balance the table does not have yet (the account was remembered first): written by `flush`. */
  set(account: number, balance: number): void {
    this.balances.set(account, balance);
    this.dirty.add(account);
  }

  /** A chain head the table does not have yet (the account was remembered first): written by `flush`. */
  setHead(account: number, head: number): void {
    this.heads.set(account, head);
    this.dirty.add(account);
  }

  get isEmpty(): boolean {
    return this.balances.size === 0;
  }

  /** Every account read or moved in this transaction, as it stands now. */
  each(fn: (account: number, balance: number, head: number | null) => void): void {
    for (const [account, balance] of this.balances) fn(account, balance, this.heads.get(account)!);
  }

  /** Writes every changed account (in account order) and forgets them all. */
  flush(write: (account: number, balance: number, head: number | null) => void): void {
    try {
      for (const account of [...this.dirty].sort((a, b) => a - b)) write(account, this.balances.get(account)!, this.heads.get(account)!);
    } finally {
      this.forget(); // written, or the write failed and the transaction rolls back
    }
  }

  /** The transaction rolled back: nothing pending was ever written. */
  forget(): void {
    if (this.balances.size > 0) this.balances = new Map();
    if (this.heads.size > 0) this.heads = new Map();
    if (this.dirty.size > 0) this.dirty = new Set();
  }

  /** What is pending now, to go back to if a savepoint rolls back. */
  snapshot(): State {
    return { balances: new Map(this.balances), heads: new Map(this.heads), dirty: new Set(this.dirty) };
  }

  restore(s: State): void {
    this.balances = s.balances;
    this.heads = s.heads;
    this.dirty = s.dirty;
  }
}
