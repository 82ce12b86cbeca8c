import Sqlite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';
import { SqlExecutor } from './sql.js';
import type { Database } from './tables.js';

export interface Store {
  readonly path: string;
  readonly sql: SqlExecutor;
  close(): void;
}

/**
 * Opens (creating if needed) the SQLite file: WAL, synchronous FULL (a committed sale survives a
 * power cut; group commit keeps the speed), foreign keys on, a busy timeout for a second process.
 */
export function openDatabase(path: string): Sqlite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Savepoint journals (one per message in a group commit) in memory, not in a temp file:
  // measured 15-23 % less CPU per message; they only serve rollbacks, never durability.
  db.pragma('temp_store = MEMORY');
  // Checkpoints (copying the WAL back into the database file, with its own fsyncs) ran every
  // 1,000 pages, inside whichever commit crossed the mark: half of the time a busy gateway spent
  // committing. Every 10,000 pages (about 40 MB of WAL) they run a tenth as often and copy a page
  // written by many commits once (shared/research/limits.md §1.2; docs/benchmarks.md). A committed
  // transaction is durable in the WAL either way; the WAL is cut back to 64 MB after a larger one.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 67108864');
  return db;
}

/**
 * Applies every pending migration (or those up to `target`, by name: tests of a migration's
 * data); resolves with what ran. Runs before anything else uses `db`.
 */
export async function migrate(db: Sqlite.Database, target?: string): Promise<MigrationResultSet> {
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: { close: () => {}, prepare: (s: string) => db.prepare(s) } }),
  });
  const migrator = new Migrator({
    db: kysely,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const result = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target));
  await kysely.destroy();
  if (result.error) throw result.error;
  return result;
}

export async function openStore(path: string): Promise<Store> {
  const db = openDatabase(path);
  try {
    await migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return { path, sql: new SqlExecutor(db), close: () => db.close() };
}
