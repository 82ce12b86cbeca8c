import { sql, type Kysely, type Migration } from 'kysely';
import { inOneTransaction } from './in-one-transaction.js';

/**
 * A sale's shares (each edge's markup toward the buyer, snapshotted at the hold: DOMAIN.md §4)
 * move from rows of `sale_share` into the sale's own row, as JSON: `[[earner, downline, markup,
 * source], …]` by level, the earner null for the operator's edge (store/repos/sale-shares.ts).
 * They are written once, with the sale, and read back whole (its verdict, reports). As rows, with
 * their primary key and three foreign keys, they cost the core thread ~8 µs of CPU per command in
 * the SMPP benchmark (docs/benchmarks.md, "The shares in the sale row").
 *
 * One IMMEDIATE transaction (Kysely runs SQLite migrations outside any): the column, every
 * sale's shares copied in level order, the old table dropped; a crash or an error rolls it all
 * back. ~1.3 µs per share row. Kysely records the migration after `up` returns, in a statement of
 * its own: should the process die between the two, the next start finds the work done and only
 * records it. A gateway of an earlier version must be stopped first: it writes `sale_share`.
 */
export const saleSharesMigration: Migration = {
  async up(db: Kysely<any>) {
    await inOneTransaction(db, async () => {
      await sql`ALTER TABLE sale ADD COLUMN shares TEXT NOT NULL DEFAULT '[]'`.execute(db);
      await sql`
        UPDATE sale SET shares = (
          SELECT json_group_array(json_array(earner_id, downline_id, markup, source) ORDER BY level)
          FROM sale_share WHERE sale_id = sale.id)
        WHERE id IN (SELECT sale_id FROM sale_share)`.execute(db);
      await db.schema.dropTable('sale_share').execute();
    }, () => done(db));
  },
};

/** The column is there and the table gone: an earlier run did the work and died before it was recorded. */
async function done(db: Kysely<any>): Promise<boolean> {
  const column = await sql`SELECT 1 FROM pragma_table_info('sale') WHERE name = 'shares'`.execute(db);
  const table = await sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sale_share'`.execute(db);
  return column.rows.length > 0 && table.rows.length === 0;
}
