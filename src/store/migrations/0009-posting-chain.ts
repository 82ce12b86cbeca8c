import { sql, type Kysely, type Migration } from 'kysely';
import { inOneTransaction } from './in-one-transaction.js';

/**
 * An account's postings form a chain instead of an index: each posting points back to the
 * account's posting before it (`prev_id`) and the account row holds its latest (`last_posting`).
 * The index `posting_account` (account, id) cost the core thread ~17 µs of CPU per sale in the
 * SMPP benchmark, most of it where busy accounts (the uplines', the operator's) grow in the middle
 * of the index; the chain costs one integer per posting and nothing at all in an index
 * (docs/benchmarks.md, "The postings' chain"). An account's postings are read newest first by
 * walking it (stats-repo.ts); `ledger check` verifies every link and each posting's running
 * balance against the one before (ledger-check-repo.ts).
 *
 * One IMMEDIATE transaction (Kysely runs SQLite migrations outside any), as 0008: the columns,
 * every posting linked to its account's previous one, every account's head, the index dropped;
 * an error rolls it all back. Should the process die after the work but before Kysely recorded
 * it, the next start finds the work done and only records it. A gateway of an earlier version
 * must be stopped first: its postings would not be linked.
 */
export const postingChainMigration: Migration = {
  async up(db: Kysely<any>) {
    await inOneTransaction(db, async () => {
      await sql`ALTER TABLE posting ADD COLUMN prev_id INTEGER`.execute(db);
      await sql`ALTER TABLE account ADD COLUMN last_posting INTEGER`.execute(db);
      await sql`
        UPDATE posting SET prev_id = chain.prev
        FROM (SELECT id, LAG(id) OVER (PARTITION BY account_id ORDER BY id) AS prev FROM posting) AS chain
        WHERE posting.id = chain.id AND chain.prev IS NOT NULL`.execute(db);
      await sql`UPDATE account SET last_posting = (SELECT MAX(id) FROM posting WHERE account_id = account.id)`.execute(db);
      await db.schema.dropIndex('posting_account').ifExists().execute();
    }, () => done(db));
  },
};

/** The head column is there and the index gone: an earlier run did the work and died before it was recorded. */
async function done(db: Kysely<any>): Promise<boolean> {
  const column = await sql`SELECT 1 FROM pragma_table_info('account') WHERE name = 'last_posting'`.execute(db);
  const index = await sql`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'posting_account'`.execute(db);
  return column.rows.length > 0 && index.rows.length === 0;
}
