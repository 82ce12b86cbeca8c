import type { Kysely, Migration } from 'kysely';

/**
 * Postings are only ever looked up by account (statements, `posting_account`); by entry only in
 * `ledger check`, which reads them all anyway. The index on entry_id cost every posting leg of
 * every sale a second index insert (docs/benchmarks.md, "Ledger writes"). Entries are never
 * deleted or renumbered, so the foreign key posting.entry_id → entry.id needs no index either;
 * code that ever deletes entries must bring it back. (Migration 0009 replaced `posting_account`
 * by each account's chain of postings.)
 */
export const postingEntryIndexMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('posting_entry').ifExists().execute();
  },
};
