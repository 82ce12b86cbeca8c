import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/open-store.js';
import { databasesBefore } from '../support/database-before.js';

const databaseAt = databasesBefore();

/** A database at migration 0006 with journal rows, replies pointing at them and SMS parts of a reply. */
async function databaseBefore0007() {
  return databaseAt('0006-posting-entry-index', `
    INSERT INTO account (id, name, kind, balance) VALUES (101, 'a1', 'balance', 0), (102, 'c1', 'commission', 0);
    INSERT INTO agent (id, code, name, pin_hash, balance_account, commission_account, created_at) VALUES (1, 'OX001', 'One', 'h1$x', 101, 102, 0);
    INSERT INTO inbound (id, channel, message_id, sender, chat, text, received_at, agent_id, command, outcome, content_key) VALUES
      (1, 'smpp:a', 'm1', '081200000001', '081200000001', 'H.S.****', 10, 1, 'Harga', 'ok', 'k1'),
      (2, 'smpp:a', 'm1', '081200000002', '081200000002', 'SAL.****', 11, NULL, NULL, 'silent', NULL),
      (5, 'http', 'x', '081200000001', '081200000001', 'S10.0813.****', 12, 1, 'Beli', 'ok', NULL);
    INSERT INTO outbox (id, channel, recipient, text, inbound_id, created_at, sent_at) VALUES
      (1, 'smpp:a', '081200000001', 'HARGA', 1, 10, 20), (2, 'http', '081200000001', 'diproses', 5, 12, NULL),
      (3, 'http', '081200000001', 'SUKSES', NULL, 13, NULL), (4, 'smpp:a', '081200000001', 'lagi', 1, 14, NULL);
    INSERT INTO outbox_part (outbox_id, seq, total, ref, channel, message_id, accepted_at) VALUES (1, 1, 1, 7, 'smpp:a', 'abc', 20);
  `);
}

describe('migration 0007: the journal key in (channel, message id, sender) order', () => {
  it('keeps every journal row and every reply linked to its message', async () => {
    const db = await databaseBefore0007();
    const before = {
      inbound: db.prepare('SELECT * FROM inbound ORDER BY id').all(),
      outbox: db.prepare('SELECT * FROM outbox ORDER BY id').all(),
      parts: db.prepare('SELECT * FROM outbox_part').all(),
    };
    await migrate(db);
    expect(db.prepare('SELECT * FROM inbound ORDER BY id').all()).toEqual(before.inbound);
    expect(db.prepare('SELECT * FROM outbox ORDER BY id').all()).toEqual(before.outbox);
    expect(db.prepare('SELECT * FROM outbox_part').all()).toEqual(before.parts);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('keeps the rule: an id is unique per channel and sender, in the new order, with the same indexes', async () => {
    const db = await databaseBefore0007();
    await migrate(db);
    const insert = db.prepare("INSERT INTO inbound (channel, message_id, sender, chat, text, received_at) VALUES (?, ?, ?, ?, 't', 0)");
    expect(() => insert.run('smpp:a', 'm1', '081200000001', 'c')).toThrow(/UNIQUE/);
    insert.run('smpp:a', 'm1', '081200000003', 'c'); // the same id from another sender
    insert.run('smpp:b', 'm1', '081200000001', 'c'); // or on another channel
    const keyColumns = db.prepare("SELECT name FROM pragma_index_info((SELECT name FROM pragma_index_list('inbound') WHERE origin = 'u'))").pluck().all();
    expect(keyColumns).toEqual(['channel', 'message_id', 'sender']);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inbound' AND sql IS NOT NULL").pluck().all();
    expect(indexes).toEqual(['inbound_content']);
    // A reply still cannot point at a journal row that does not exist.
    expect(() => db.exec("INSERT INTO outbox (channel, recipient, text, inbound_id, created_at) VALUES ('http', 'x', 't', 999, 0)")).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'outbox'").pluck().get()).toMatch(/references "inbound"/i);
    db.close();
  });

  it('is all or nothing: a failed check leaves the journal as it was, foreign keys on, and it can run again', async () => {
    const db = await databaseBefore0007();
    const schemaBefore = db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all();
    const rowsBefore = db.prepare('SELECT * FROM inbound ORDER BY id').all();
    db.pragma('foreign_keys = OFF');
    db.exec("INSERT INTO outbox (id, channel, recipient, text, inbound_id, created_at) VALUES (9, 'http', 'x', 'orphan', 777, 0)");
    db.pragma('foreign_keys = ON');
    await expect(migrate(db)).rejects.toThrow(/point at no journal row/);
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all()).toEqual(schemaBefore);
    expect(db.prepare('SELECT * FROM inbound ORDER BY id').all()).toEqual(rowsBefore);
    expect(db.prepare("SELECT COUNT(*) FROM schema_migration WHERE name = '0007-journal-key-order'").pluck().get()).toBe(0);
    db.exec('DELETE FROM outbox WHERE id = 9');
    await migrate(db);
    expect(db.prepare('SELECT * FROM inbound ORDER BY id').all()).toEqual(rowsBefore);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
