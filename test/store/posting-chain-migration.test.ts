import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/store/open-store.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { SqlExecutor } from '../../src/store/sql.js';
import { databasesBefore } from '../support/database-before.js';

const databaseAt = databasesBefore();

/**
 * A database at migration 0008 whose postings interleave three accounts (as a live ledger does),
 * with balances and running balances that agree; one account has no posting at all.
 */
async function databaseBefore0009() {
  return databaseAt('0008-sale-shares', `
    INSERT INTO account (id, name, kind, balance) VALUES (101, 'T:X', 'system', -60), (102, 'T:Y', 'system', 45),
      (103, 'T:Z', 'system', 15), (104, 'T:EMPTY', 'system', 0);
    INSERT INTO entry (id, kind, created_at) VALUES (1, 'test', 1), (2, 'test', 2), (3, 'test', 3);
    INSERT INTO posting (id, entry_id, account_id, amount, balance_after) VALUES
      (1, 1, 101, -50, -50), (2, 1, 102, 50, 50),
      (3, 2, 102, -5, 45), (4, 2, 103, 5, 5),
      (5, 3, 101, -10, -60), (6, 3, 103, 10, 15);
  `);
}

const links = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT id, prev_id FROM posting ORDER BY id').raw().all();
const heads = (db: ReturnType<typeof openDatabase>) =>
  db.prepare("SELECT id, last_posting FROM account WHERE name LIKE 'T:%' ORDER BY id").raw().all();

describe('migration 0009: postings chained by account instead of indexed', () => {
  it('links every posting to its account\'s previous one, sets each head, and drops the index', async () => {
    const db = await databaseBefore0009();
    await migrate(db);
    expect(links(db)).toEqual([[1, null], [2, null], [3, 2], [4, null], [5, 1], [6, 4]]);
    expect(heads(db)).toEqual([[101, 5], [102, 3], [103, 6], [104, null]]);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'posting_account'").pluck().get()).toBe(0);
    expect(checkLedger(new SqlExecutor(db))).toMatchObject({ ok: true, badHeads: [], brokenLinks: [] });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('is all or nothing: a failure leaves the schema and the postings as they were, and it can run again', async () => {
    const db = await databaseBefore0009();
    const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    // The heads fail after the columns were added and the links written: all of it must roll back.
    db.exec("CREATE TRIGGER no_update BEFORE UPDATE ON account BEGIN SELECT RAISE(ABORT, 'blocked'); END");
    await expect(migrate(db)).rejects.toThrow(/blocked/);
    expect(db.inTransaction).toBe(false);
    db.exec('DROP TRIGGER no_update');
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
    expect(db.prepare("SELECT COUNT(*) FROM schema_migration WHERE name = '0009-posting-chain'").pluck().get()).toBe(0);
    await migrate(db);
    expect(links(db)).toEqual([[1, null], [2, null], [3, 2], [4, null], [5, 1], [6, 4]]);
    db.close();
  });

  it('finds its work done when it died before Kysely recorded it, and records it', async () => {
    const db = await databaseBefore0009();
    await migrate(db, '0009-posting-chain');
    db.exec("DELETE FROM schema_migration WHERE name = '0009-posting-chain'");
    await migrate(db, '0009-posting-chain');
    expect(db.prepare("SELECT COUNT(*) FROM schema_migration WHERE name = '0009-posting-chain'").pluck().get()).toBe(1);
    expect(heads(db)).toEqual([[101, 5], [102, 3], [103, 6], [104, null]]);
    db.close();
  });
});
