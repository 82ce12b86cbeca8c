import type BetterSqlite3 from 'better-sqlite3';

/**
 * The tables whose rows change rarely and are read on every message: agents and their senders,
 * the catalogue, markup rules and qualifications. Only queries over these tables may be cached
 * (`defineQuery({ cached: true })` checks it when the query is defined). Balances, sales and the
 * journal are never cached.
 */
export const CACHED_TABLES: ReadonlySet<string> = new Set([
  'agent', 'sender', 'product', 'product_markup', 'wildcard_markup', 'group_qualification', 'agent_qualification',
]);

const MAX_ENTRIES = 100_000;

/**
 * Results of cached queries for one connection, dropped whole whenever any of CACHED_TABLES may
 * have changed:
 * - a write through this connection: TEMP triggers (this connection's only) on every insert,
 *   update and delete of those tables call back into JS;
 * - a commit by another connection or process (the CLI, a second gateway): `PRAGMA data_version`
 *   differs, checked when a transaction opens and before a cached read outside one;
 * - a rollback (the caller reports it): values read after a write that did not last.
 * Cached rows are frozen: a caller cannot change what the next one reads.
 */
export class ReadCache {
  /** By query id, then by its argument (a one-argument query) or a key made of its arguments. */
  private entries = new Map<number, Map<unknown, unknown>>();
  private size = 0;
  private readonly dataVersion: BetterSqlite3.Statement;
  private seenVersion: unknown;

  constructor(db: BetterSqlite3.Database) {
    db.function('pulsagate_cache_changed', { deterministic: false }, () => {
      this.clear();
      return null;
    });
    const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    for (const table of CACHED_TABLES) {
      if (!present.has(table)) continue; // (a bare database in a test)
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS "cache_${table}_${op.toLowerCase()}" AFTER ${op} ON main."${table}"
          BEGIN SELECT pulsagate_cache_changed(); END`);
      }
    }
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.seenVersion = this.dataVersion.get();
  }

  /** Drops everything when another connection committed since the last look. */
  sync(): void {
    const v = this.dataVersion.get();
    if (v !== this.seenVersion) {
      this.seenVersion = v;
      this.clear();
    }
  }

  clear(): void {
    if (this.size > 0) {
      this.entries = new Map();
      this.size = 0;
    }
  }

  /** The result of query `query` for these arguments: from the cache, or `load()`ed and kept. */
  lookup<T>(query: number, args: readonly unknown[], load: () => T): T {
    // A lone primitive argument is its own key (a Map tells 1, '1' and null apart); any other
    // argument list is a typed string (cached queries are never called with objects).
    const one = args.length === 1 && (args[0] === null || typeof args[0] !== 'object');
    const key = one ? args[0] : keyOf(args);
    const cached = this.entries.get(query);
    if (cached?.has(key)) return cached.get(key) as T;
    const value = freeze(load());
    if (this.size >= MAX_ENTRIES) this.clear();
    let results = this.entries.get(query);
    if (!results) {
      results = new Map();
      this.entries.set(query, results);
    }
    results.set(key, value);
    this.size++;
    return value;
  }
}

/** Typed and length-prefixed: no two argument lists give the same key. */
function keyOf(args: readonly unknown[]): string {
  let key = '';
  for (const a of args) key += typeof a === 'string' ? `|s${a.length}:${a}` : `|${typeof a}:${String(a)}`;
  return key;
}

function freeze<T>(value: T): T {
  if (Array.isArray(value)) for (const v of value) Object.freeze(v);
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}

/** The tables a compiled query reads (FROM and JOIN targets, less its own CTE names). */
export function tablesOf(sqlText: string): string[] {
  const ctes = new Set([...sqlText.matchAll(/(?:with(?: recursive)?|,)\s+"(\w+)"\s*(?:\([^)]*\))?\s+as\s+\(/gi)].map((m) => m[1]!));
  return [...sqlText.matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map((m) => m[1]!).filter((t) => !ctes.has(t));
}
