import { sql, type Kysely } from 'kysely';

/**
 * Runs a migration's work in one IMMEDIATE transaction: Kysely runs SQLite migrations outside
 * any, so a migration that must be all or nothing opens its own. An error (or a crash) rolls all
 * of it back. When `done` says an earlier run already did the work (it died after its COMMIT but
 * before Kysely recorded the migration), nothing is done again and Kysely records it this time.
 */
export async function inOneTransaction(
  db: Kysely<any>,
  work: () => Promise<void>,
  done: () => Promise<boolean> = async () => false,
): Promise<void> {
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    if (!(await done())) await work();
    await sql`COMMIT`.execute(db);
  } catch (e) {
    // (SQLite may have rolled back already, on a full disk say: the first error is the one told.)
    await sql`ROLLBACK`.execute(db).catch(() => {});
    throw e;
  }
}
