import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/store/open-store.js';
import { decodeShares, encodeShares } from '../../src/store/repos/sale-shares.js';
import { databasesBefore } from '../support/database-before.js';

const databaseAt = databasesBefore();

/** A database at migration 0007 with three sales: two levels of shares (written out of order), one, none. */
async function databaseBefore0008() {
  return databaseAt('0007-journal-key-order', `
    INSERT INTO account (id, name, kind, balance) VALUES (101, 'a1', 'balance', 0), (102, 'c1', 'commission', 0),
      (103, 'a2', 'balance', 0), (104, 'c2', 'commission', 0);
    INSERT INTO agent (id, code, name, pin_hash, balance_account, commission_account, created_at) VALUES
      (1, 'OX001', 'One', 'h1$x', 101, 102, 0), (2, 'OX002', 'Two', 'h1$y', 103, 104, 0);
    INSERT INTO product (id, code, name, base_price, cost, created_at) VALUES (1, 'S10', 'Pulsa 10', 10000, 9800, 0);
    INSERT INTO sale (id, ref, agent_id, product_id, dest, price, base_price, cost, status, created_at) VALUES
      (7, 'r7', 2, 1, '081300000001', 10100, 10000, 9800, 'success', 1),
      (8, 'r8', 1, 1, '081300000002', 10050, 10000, 9800, 'pending', 2),
      (9, NULL, 1, 1, '081300000003', 10000, 10000, 9800, 'failed', 3);
    INSERT INTO sale_share (sale_id, level, earner_id, downline_id, markup, source) VALUES
      (7, 1, NULL, 1, 25, 'general'), (7, 0, 1, 2, 75, 'product'), (8, 0, NULL, 1, 50, 'wildcard');
  `);
}

const sharesOf = (db: ReturnType<typeof openDatabase>, id: number) =>
  decodeShares(db.prepare('SELECT shares FROM sale WHERE id = ?').pluck().get(id) as string);

describe('migration 0008: a sale keeps its shares in its own row', () => {
  it('copies every sale\'s shares in level order, and drops sale_share', async () => {
    const db = await databaseBefore0008();
    const before = db.prepare('SELECT id, ref, agent_id, price, status FROM sale ORDER BY id').all();
    await migrate(db);
    expect(sharesOf(db, 7)).toEqual([
      { earnerId: 1, downlineId: 2, markup: 75, source: 'product' },
      { earnerId: null, downlineId: 1, markup: 25, source: 'general' },
    ]);
    expect(sharesOf(db, 8)).toEqual([{ earnerId: null, downlineId: 1, markup: 50, source: 'wildcard' }]);
    expect(sharesOf(db, 9)).toEqual([]);
    expect(db.prepare('SELECT id, ref, agent_id, price, status FROM sale ORDER BY id').all()).toEqual(before);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sale_share'").pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('is all or nothing: a failure leaves the sales and their shares as they were, and it can run again', async () => {
    const db = await databaseBefore0008();
    const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const sharesBefore = db.prepare('SELECT * FROM sale_share ORDER BY sale_id, level').all();
    // The copy fails after the column was added: both must roll back.
    db.exec("CREATE TRIGGER no_update BEFORE UPDATE ON sale BEGIN SELECT RAISE(ABORT, 'blocked'); END");
    await expect(migrate(db)).rejects.toThrow(/blocked/);
    expect(db.inTransaction).toBe(false);
    db.exec('DROP TRIGGER no_update');
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
    expect(db.prepare('SELECT * FROM sale_share ORDER BY sale_id, level').all()).toEqual(sharesBefore);
    expect(db.prepare("SELECT COUNT(*) FROM schema_migration WHERE name = '0008-sale-shares'").pluck().get()).toBe(0);
    await migrate(db);
    expect(sharesOf(db, 7).map((s) => s.markup)).toEqual([75, 25]);
    db.close();
  });

  it('finds its work done when it died before Kysely recorded it, and records it', async () => {
    const db = await databaseBefore0008();
    await migrate(db, '0008-sale-shares');
    db.exec("DELETE FROM schema_migration WHERE name = '0008-sale-shares'");
    await migrate(db, '0008-sale-shares');
    expect(db.prepare("SELECT COUNT(*) FROM schema_migration WHERE name = '0008-sale-shares'").pluck().get()).toBe(1);
    expect(sharesOf(db, 7).map((s) => s.markup)).toEqual([75, 25]);
    db.close();
  });
});

describe('sale shares as stored', () => {
  it('round-trip, by level, the operator\'s edge with no earner', () => {
    const shares = [
      { earnerId: 5, downlineId: 9, markup: 100, source: 'product' as const },
      { earnerId: null, downlineId: 5, markup: 0, source: 'general' as const },
    ];
    expect(encodeShares(shares)).toBe('[[5,9,100,"product"],[null,5,0,"general"]]');
    expect(decodeShares(encodeShares(shares))).toEqual(shares);
    expect(decodeShares('[]')).toEqual([]);
  });

  it('refuse anything else', () => {
    for (const bad of ['{}', '[[1,2,3]]', '[[1,2,3,"other"]]', '[["1",2,3,"general"]]', '[[1,2,1.5,"general"]]', '[[1,2,-1,"general"]]', '[[1,2,3,"toString"]]', 'not json']) {
      expect(() => decodeShares(bad), bad).toThrow();
    }
  });
});
