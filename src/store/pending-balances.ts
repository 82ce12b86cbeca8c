type State = { balances: Map<number, number>; dirty: Set<number> };

/**
 * Account balances changed by the ledger inside the open write transaction: the first move of an
 * account is written at once, later ones are kept and written back once, when the transaction
 * commits, instead of one UPDATE per posting leg. A group commit of 100 sales touches the same
 * system accounts (holds, revenue, supplier) and uplines over and over: one or two writes each
 * replace hundreds (docs/benchmarks.md, "Ledger writes").
 *
 * The values are only ever those of this connection's open transaction, which holds the write
 * lock (BEGIN IMMEDIATE): no other process can change a balance meanwhile. Outside a transaction
 * nothing is kept. Any other statement that touches the account table first gets every pending
 * balance written, and forgets them (sql.ts), so it reads and writes the real rows. Nested
 * transactions must go through the executor (`transaction` joins, `savepoint` restores the
 * pending balances on rollback): a raw better-sqlite3 savepoint inside one of ours would roll
 * back its rows but not what is pending here.
 */
export class PendingBalances {
  private balances = new Map<number, number>();
  private dirty = new Set<number>();

  /** The account's balance in this transaction, if it was read or moved in it. */
  get(account: number): number | undefined {
    return this.balances.get(account);
  }

  /** The balance as it is in the table now (read, or just written). */
  remember(account: number, balance: number): void {
    this.balances.set(account, balance);
  }

  /** A balance the table does not have yet: written by `flush`. */
  set(account: number, balance: number): void {
    this.balances.set(account, balance);
    this.dirty.add(account);
  }

  get isEmpty(): boolean {
    return this.balances.size === 0;
  }

  /** Writes every changed balance (in account order) and forgets them all. */
  flush(write: (account: number, balance: number) => void): void {
    try {
      for (const account of [...this.dirty].sort((a, b) => a - b)) write(account, this.balances.get(account)!);
    } finally {
      this.forget(); // written, or the write failed and the transaction rolls back
    }
  }

  /** The transaction rolled back: nothing pending was ever written. */
  forget(): void {
    if (this.balances.size > 0) this.balances = new Map();
    if (this.dirty.size > 0) this.dirty = new Set();
  }

  /** What is pending now, to go back to if a savepoint rolls back. */
  snapshot(): State {
    return { balances: new Map(this.balances), dirty: new Set(this.dirty) };
  }

  restore(s: State): void {
    this.balances = s.balances;
    this.dirty = s.dirty;
  }
}
