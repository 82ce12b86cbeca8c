import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import { PendingBalances } from './pending-balances.js';
import { CACHED_TABLES, ReadCache, tablesOf } from './read-cache.js';
import type { Database } from './tables.js';

/**
 * Kysely authors and compiles our SQL; better-sqlite3 runs it synchronously. Every write
 * transaction is one synchronous `db.transaction()` that never spans an await (measured hazard in
 * shared/research/limits.md §2.4), and each statement is prepared once per query and kept.
 */
const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const PARAM = '\u0000param:';
/** The most accounts `SqlExecutor` keeps between transactions (then it starts again). */
const MAX_KEPT = 100_000;
let queries = 0;

/** A named parameter slot inside a query built by `defineQuery`. */
export function param<T = never>(name: string): T {
  return (PARAM + name) as unknown as T;
}

/** A parameter of a compiled query: a named slot (`name`), or a value fixed at compile time. */
type Bind = { readonly name: string | undefined; readonly value: unknown };

/** A query compiled once at module load; run it with an object of its named parameters. */
export interface Query<P, R> {
  readonly sql: string;
  readonly binds: readonly Bind[];
  /** Results are kept in the connection's read cache (read-cache.ts) until those tables change. */
  readonly cached: boolean;
  /** A short name of the query in cache keys. */
  readonly id: number;
  /** It reads or writes the account table: pending balances are written before it runs. */
  readonly account: boolean;
  readonly _types?: [P, R];
}

/**
 * `defineQuery<{ code: string }>()((k) => k.selectFrom('agent')…where('code', '=', param('code')))`.
 * `{ cached: true }` keeps its results in the read cache: only for reads of CACHED_TABLES.
 */
export function defineQuery<P extends object = Record<string, never>>(opts: { cached?: boolean } = {}) {
  return <R>(build: (k: Kysely<Database>) => Compilable<R>): Query<P, R> => {
    const compiled = build(builder).compile();
    const binds = compiled.parameters.map((v): Bind =>
      typeof v === 'string' && v.startsWith(PARAM) ? { name: v.slice(PARAM.length), value: undefined } : { name: undefined, value: v },
    );
    const cached = opts.cached === true;
    if (cached) {
      const other = tablesOf(compiled.sql).filter((t) => !CACHED_TABLES.has(t));
      if (!/^(with|select)\b/i.test(compiled.sql) || other.length > 0) {
        throw new Error(`a cached query may only read ${[...CACHED_TABLES].join(', ')}: ${compiled.sql}`);
      }
    }
    return { sql: compiled.sql, binds, cached, id: ++queries, account: /\baccount\b/i.test(compiled.sql) };
  };
}

export class SqlExecutor {
  /** Prepared statements by query id (`defineQuery` numbers its queries). */
  private readonly statements: Array<BetterSqlite3.Statement | undefined> = [];
  private readonly runInTransaction: BetterSqlite3.Transaction<(fn: () => unknown, opened: boolean) => unknown>;
  private readonly cache: ReadCache;
  private readonly pending = new PendingBalances();
  /** True while a transaction this executor opened is running (its balances are pending). */
  private owned = false;
  /** The error with which SQLite rolled back the whole open transaction inside a savepoint. */
  private lost: unknown;
  /**
   * Accounts (balance, chain head) as the last transactions of this executor committed them, so
   * that the next one need not read them again: what a group commit's sales read is mostly what
   * the previous batch wrote (the buyer at hold and verdict, the system accounts, the uplines).
   * Dropped whole when it may be stale: a rollback, another connection's commit (`PRAGMA
   * data_version`, as the read cache), any other statement of the executor on the account table.
   * Rows are still written at every commit; only their reading is saved. As for the pending
   * balances, every write to the account table on this connection must go through the executor:
   * a TEMP trigger, as the read cache has, cost the core thread ~3 µs per command (measured).
   */
  private kept = new Map<number, [number, number | null]>();
  /** The accounts of the open transaction, copied before COMMIT; kept once it succeeded. */
  private staged: Array<[number, number, number | null]> = [];
  private balanceStatements:
    { load: BetterSqlite3.Statement; write: BetterSqlite3.Statement; move: BetterSqlite3.Statement; head: BetterSqlite3.Statement } | undefined;

  constructor(readonly db: BetterSqlite3.Database) {
    this.cache = new ReadCache(db);
    this.runInTransaction = db.transaction((fn: () => unknown, opened: boolean) => {
      if (!opened) return fn();
      this.syncCache(); // whatever another process committed is visible from here on
      this.owned = true;
      try {
        const result = fn();
        // SQLite rolls the whole transaction back by itself on some errors (SQLITE_FULL, IOERR,
        // NOMEM, INTERRUPT), even inside a savepoint whose caller went on (runIsolated): nothing
        // pending may then be written, for it would commit alone, without its postings.
        if (!this.db.inTransaction) throw this.lost ?? new Error('SQLite rolled the transaction back');
        this.pending.each((account, balance, head) => this.staged.push([account, balance, head]));
        this.settleBalances(); // before COMMIT: the balances commit with the postings
        return result;
      } finally {
        this.owned = false;
        this.lost = undefined;
        this.pending.forget(); // written above, or the transaction is rolling back: never kept
      }
    });
  }

  /** An account's balance, as the open transaction has changed it so far. */
  balance(account: number): number {
    if (!this.owned) return this.storedBalance(account);
    return this.pending.get(account) ?? this.load(account)[0];
  }

  /**
   * Adds `amount` to an account's balance and returns the new balance (the ledger does, with the
   * posting that explains it). In a transaction of this executor the account is read on its first
   * move and written once, at commit (pending-balances.ts); outside one every move is written at
   * once.
   */
  moveBalance(account: number, amount: number): number {
    if (!this.owned) {
      this.kept.delete(account);
      const balance = this.balanceSql().move.get(amount, account) as number | undefined;
      if (balance === undefined) throw new Error(`account ${account} does not exist`);
      return balance;
    }
    const balance = (this.pending.get(account) ?? this.load(account)[0]) + amount;
    if (!Number.isSafeInteger(balance)) throw new RangeError(`balance of account ${account} out of range: ${balance}`);
    this.pending.set(account, balance);
    return balance;
  }

  /** The id of the account's latest posting (null: it has none), as the open transaction left it. */
  postingHead(account: number): number | null {
    if (!this.owned) return this.loadStored(account)[1];
    const head = this.pending.head(account);
    return head === undefined ? this.load(account)[1] : head;
  }

  /** Records the account's new latest posting: at commit in a transaction of this executor, else at once. */
  setPostingHead(account: number, posting: number): void {
    if (this.owned) {
      if (this.pending.head(account) === undefined) this.load(account);
      this.pending.setHead(account, posting);
      return;
    }
    this.kept.delete(account);
    if (this.balanceSql().head.run(posting, account).changes !== 1) {
      throw new Error(`account ${account} does not exist`);
    }
  }

  get<P, R>(q: Query<P, R>, params: P): R | undefined {
    if (q.account) this.accountStatement();
    const args = this.args(q, params);
    if (q.cached) return this.cached(q, args, () => this.statement(q).get(args)) as R | undefined;
    return this.statement(q).get(args) as R | undefined;
  }

  all<P, R>(q: Query<P, R>, params: P): R[] {
    if (q.account) this.accountStatement();
    const args = this.args(q, params);
    if (q.cached) return this.cached(q, args, () => this.statement(q).all(args)) as R[];
    return this.statement(q).all(args) as R[];
  }

  run<P, R>(q: Query<P, R>, params: P): BetterSqlite3.RunResult {
    if (q.account) this.accountStatement();
    return this.statement(q).run(this.args(q, params));
  }

  /**
   * Runs an INSERT of one row and returns its rowid. Cheaper than `RETURNING id`, which makes
   * SQLite gather the returned rows in a temporary b-tree: 3.7 against 2.0 µs a row, measured.
   */
  insert<P, R>(q: Query<P, R>, params: P): number {
    const id = this.run(q, params).lastInsertRowid;
    // Above 2^53 the driver hands back an imprecise number, not a bigint: checked, not trusted.
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new RangeError(`rowid out of the safe integer range: ${id}`);
    return id;
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction (the write lock is taken at BEGIN, so a second process
   * waits instead of failing at commit). Inside a transaction already open it simply joins it: the
   * caller's transaction (or a group commit's savepoint) decides what rolls back together.
   */
  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.opening(() => this.runInTransaction.immediate(fn, true));
  }

  /** A savepoint inside the open transaction: `fn` throwing rolls back `fn` alone. */
  savepoint<T>(fn: () => T): T {
    if (!this.db.inTransaction) throw new Error('savepoint() needs an open transaction');
    const before = this.pending.snapshot();
    try {
      return this.runInTransaction(fn, false) as T;
    } catch (e) {
      this.cache.clear();
      this.pending.restore(before); // the rows went back to where they were: so do the balances
      if (!this.db.inTransaction) this.lost ??= e; // SQLite rolled back the whole transaction
      throw e;
    }
  }

  /** Runs several reads in one DEFERRED transaction: one read lock, one consistent snapshot. */
  read<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.opening(() => this.runInTransaction.deferred(fn, true));
  }

  /** Runs a transaction of this executor; once it committed, the accounts it read or wrote are kept. */
  private opening<T>(run: () => unknown): T {
    this.staged = [];
    const result = this.rollingBack(run) as T;
    if (this.kept.size + this.staged.length > MAX_KEPT) this.kept = new Map();
    for (const [account, balance, head] of this.staged) this.kept.set(account, [balance, head]);
    this.staged = [];
    return result;
  }

  /** Cached reads are only as fresh as the last check outside a transaction. */
  private cached(q: Query<unknown, unknown>, args: unknown[], load: () => unknown): unknown {
    if (!this.db.inTransaction) this.syncCache();
    return this.cache.lookup(q.id, args, load);
  }

  /** A rolled-back write may have left cached reads of rows that no longer exist as read. */
  private rollingBack(fn: () => unknown): unknown {
    try {
      return fn();
    } catch (e) {
      this.cache.clear();
      this.kept = new Map();
      this.staged = [];
      throw e;
    }
  }

  private syncCache(): void {
    if (this.cache.sync()) this.kept = new Map();
  }

  /** A statement on the account table: it sees and sets the real rows, and may change them. */
  private accountStatement(): void {
    this.settleBalances();
    if (this.kept.size > 0) this.kept = new Map();
  }

  /** Writes the pending accounts, so a statement on the account table sees and sets real rows. */
  private settleBalances(): void {
    if (this.owned && !this.pending.isEmpty) {
      const write = this.balanceSql().write;
      this.pending.flush((id, balance, head) => {
        if (write.run(balance, head, id).changes !== 1) throw new Error(`account ${id} does not exist`);
      });
    }
  }

  /** Reads an account's balance and chain head into the pending accounts of the open transaction. */
  private load(account: number): [number, number | null] {
    const row = this.kept.get(account) ?? this.loadStored(account);
    this.pending.remember(account, row[0], row[1]);
    return row;
  }

  private loadStored(account: number): [number, number | null] {
    const row = this.balanceSql().load.get(account) as [number, number | null] | undefined;
    if (row === undefined) throw new Error(`account ${account} does not exist`);
    return row;
  }

  private storedBalance(account: number): number {
    return this.loadStored(account)[0];
  }

  /** The ledger's own statements on accounts: plain prepared ones, outside the settle rule of `get`/`run`. */
  private balanceSql() {
    return (this.balanceStatements ??= {
      load: this.db.prepare('SELECT balance, last_posting FROM account WHERE id = ?').raw(),
      write: this.db.prepare('UPDATE account SET balance = ?, last_posting = ? WHERE id = ?'),
      move: this.db.prepare('UPDATE account SET balance = balance + ? WHERE id = ? RETURNING balance').pluck(),
      head: this.db.prepare('UPDATE account SET last_posting = ? WHERE id = ?'),
    });
  }

  private statement(q: Query<unknown, unknown>): BetterSqlite3.Statement {
    return (this.statements[q.id] ??= this.db.prepare(q.sql));
  }

  private args(q: Query<unknown, unknown>, params: unknown): unknown[] {
    const p = params as Record<string, unknown>;
    const binds = q.binds;
    const args = new Array<unknown>(binds.length);
    for (let i = 0; i < binds.length; i++) {
      const b = binds[i]!;
      if (b.name === undefined) {
        args[i] = b.value;
        continue;
      }
      const v = p[b.name];
      if (v === undefined) throw new Error(`query parameter "${b.name}" is missing`);
      args[i] = v;
    }
    return args;
  }
}
