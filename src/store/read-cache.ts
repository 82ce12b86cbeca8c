import type BetterSqlite3 from 'better-sqlite3';

/**
 * The tables whose rows change rarely and are read on every message: agents and their senders,
 * the catalogue, markup rules and qualifications. Only queries over these tables may be cached
 * (`defineQuery({ cached: true })` checks it when the query is defined). Sales and the journal
 * are never cached; balances only by the executor, as its own commits left them (sql.ts `kept`).
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
  /** By query id, then one level per argument. */
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

  /** Drops everything when another connection committed since the last look (and says so). */
  sync(): boolean {
    const v = this.dataVersion.get();
    if (v === this.seenVersion) return false;
    this.seenVersion = v;
    this.clear();
    return true;
  }

  clear(): void {
    if (this.size > 0) {
      this.entries = new Map();
      this.size = 0;
    }
  }

  /** The result of query `query` for these arguments: from the cache, or `load()`ed and kept. */
  lookup<T>(query: number, args: readonly unknown[], load: () => T): T {
    // One Map level per argument (a Map tells 1, '1' and null apart): no key is built. Cached
    // queries take primitives only; an object argument is not cached at all.
    const last = args.length === 0 ? NO_ARGS : args[args.length - 1];
    if (isObject(last)) return load();
    if (this.size >= MAX_ENTRIES) this.clear();
    let level = this.entries.get(query);
    if (!level) {
      level = new Map();
      this.entries.set(query, level);
    }
    for (let i = 0; i < args.length - 1; i++) {
      const a = args[i];
      if (isObject(a)) return load();
      let next = level.get(a) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        level.set(a, next);
      }
      level = next;
    }
    const hit = level.get(last);
    if (hit !== undefined || level.has(last)) return hit as T; // one lookup for a hit (a cached miss is undefined)
    const value = freeze(load());
    level.set(last, value);
    this.size++;
    return value;
  }
}

/** The key of a query without arguments. */
const NO_ARGS = Symbol('no arguments');

const isObject = (v: unknown) => typeof v === 'object' && v !== null;

function freeze<T>(value: T): T {
  if (Array.isArray(value)) for (const v of value) Object.freeze(v);
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}

/** The tables a compiled query reads (FROM and JOIN targets, less its own CTE names). */
export function tablesOf(sqlText: string): string[] {
  const ctes = new Set([...sqlText.matchAll(/(?:with(?: recursive)?|,)\s+"(\w+)"\s*(?:\([^)]*\))?\s+as\s+\(/gi)].map((m) => m[1]!));
  return [...sqlText.matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map((m) => m[1]!).filter((t) => !ctes.has(t));
}
