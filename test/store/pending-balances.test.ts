import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GroupCommitter } from '../../src/gateway/group-committer.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { balanceOf, loadSystemAccounts, postEntry } from '../../src/store/repos/ledger-repo.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { defineQuery, param } from '../../src/store/sql.js';
import { tempDir } from '../support/temp-dir.js';

// Balances moved by the ledger are written once per account at commit (pending-balances.ts).
// These tests hold that to what one UPDATE per leg gave: every reader sees the moved balance,
// rollbacks take it back, and the table and the postings always agree once committed.

let dir: ReturnType<typeof tempDir>;
let store: Store;
let a: number;
let b: number;
beforeEach(async () => {
  dir = tempDir();
  store = await openStore(`${dir.path}/ledger.db`);
  const make = store.sql.db.prepare("INSERT INTO account (name, kind) VALUES (?, 'system') RETURNING id").pluck();
  a = make.get('T:A') as number;
  b = make.get('T:B') as number;
});
afterEach(() => {
  store.close();
  dir.cleanup();
});

const move = (amount: number, from = a, to = b) =>
  postEntry(store.sql, { kind: 'test', at: 1 }, [{ account: from, amount: -amount }, { account: to, amount }]);
/** The balance in the table itself, read by a second connection (what another process sees). */
const stored = (account: number) => {
  const other = new Sqlite(store.path, { readonly: true });
  try {
    return other.prepare('SELECT balance FROM account WHERE id = ?').pluck().get(account);
  } finally {
    other.close();
  }
};
const setBalance = defineQuery<{ id: number; balance: number }>()((k) =>
  k.updateTable('account').set({ balance: param('balance') }).where('id', '=', param('id')),
);
const postingsAfter = (account: number) =>
  store.sql.db.prepare('SELECT balance_after FROM posting WHERE account_id = ? ORDER BY id').pluck().all(account);

it('a transaction reads its own moves, and the table holds them once it commits', () => {
  store.sql.transaction(() => {
    move(100);
    move(30);
    expect(balanceOf(store.sql, a)).toBe(-130);
    expect(stored(a)).toBe(0); // not committed yet
  });
  expect(stored(a)).toBe(-130);
  expect(stored(b)).toBe(130);
  expect(postingsAfter(b)).toEqual([100, 130]);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('a statement on the account table inside the transaction sees the moved balances', () => {
  store.sql.transaction(() => {
    move(70);
    const check = checkLedger(store.sql); // SQL over account and posting
    expect(check.ok).toBe(true);
    move(5); // and moves after it still land
  });
  expect(stored(b)).toBe(75);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('a rolled-back transaction leaves no balance behind, in the table or in memory', () => {
  expect(() =>
    store.sql.transaction(() => {
      move(40);
      throw new Error('abandon');
    }),
  ).toThrow('abandon');
  expect(stored(a)).toBe(0);
  expect(balanceOf(store.sql, a)).toBe(0);
  store.sql.transaction(() => move(1));
  expect(stored(b)).toBe(1);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('in a group commit, a job that throws after moving money takes back only its own moves', async () => {
  const committer = new GroupCommitter(store.sql, { maxBatch: 64 });
  const failing = () => {
    move(1_000);
    throw new Error('boom');
  };
  const failingAfterSettling = () => {
    move(500);
    move(500);
    checkLedger(store.sql); // writes what is pending, inside this job's savepoint
    move(7);
    throw new Error('boom');
  };
  const settle = () => {
    move(1);
    checkLedger(store.sql); // forces the pending balances out mid-batch
    move(2);
  };
  const results = await Promise.allSettled([
    committer.run(() => move(10)), committer.run(failing), committer.run(settle), committer.run(failingAfterSettling),
    committer.run(() => move(100)),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
  expect(stored(b)).toBe(113);
  expect(postingsAfter(b)).toEqual([10, 11, 13, 113]);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('a balance that would leave the safe integers fails its own entry and moves nothing', () => {
  // Every move in a transaction of ours is checked before it is kept, the first as a later one.
  expect(() => store.sql.transaction(() => { move(5); move(Number.MAX_SAFE_INTEGER - 1); })).toThrow(RangeError);
  store.sql.transaction(() => move(Number.MAX_SAFE_INTEGER - 1));
  expect(() => store.sql.transaction(() => move(5))).toThrow(RangeError);
  expect(stored(b)).toBe(Number.MAX_SAFE_INTEGER - 1);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('moves inside a read that throws leave nothing behind for a later statement to write', () => {
  expect(() =>
    store.sql.read(() => {
      move(3);
      move(4);
      throw new Error('abandon');
    }),
  ).toThrow('abandon');
  loadSystemAccounts(store.sql); // a statement on the account table, outside any transaction
  expect(stored(b)).toBe(0);
  expect(checkLedger(store.sql).ok).toBe(true);
  expect(postingsAfter(b)).toEqual([]);
});

it('outside a transaction of ours, a move is written at once', () => {
  store.sql.db.transaction(() => move(9))(); // a raw better-sqlite3 transaction
  expect(stored(b)).toBe(9);
  move(1); // no transaction at all
  expect(stored(b)).toBe(10);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('a second connection that commits between transactions is seen by the next one', () => {
  store.sql.transaction(() => move(5));
  const other = new Sqlite(store.path);
  other.prepare('UPDATE account SET balance = balance + 50 WHERE id = ?').run(b);
  other.close();
  store.sql.transaction(() => {
    expect(balanceOf(store.sql, b)).toBe(55);
    move(1);
  });
  expect(stored(b)).toBe(56);
});

it('after a group commit in which a job threw, the next transaction starts from what was committed', async () => {
  const committer = new GroupCommitter(store.sql, { maxBatch: 64 });
  const results = await Promise.allSettled([
    committer.run(() => move(10)),
    committer.run(() => {
      move(1_000);
      throw new Error('boom');
    }),
    committer.run(() => move(5)),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  // The accounts kept from that batch (sql.ts) are what it committed, not what the failed job moved.
  store.sql.transaction(() => {
    expect(balanceOf(store.sql, b)).toBe(15);
    move(1);
  });
  expect(stored(b)).toBe(16);
  expect(postingsAfter(b)).toEqual([10, 15, 16]);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('a group commit that SQLite itself rolls back (a full disk in one job) writes no balance', async () => {
  const committer = new GroupCommitter(store.sql, { maxBatch: 64 });
  const db = store.sql.db;
  const results = await Promise.allSettled([
    committer.run(() => move(10)),
    committer.run(() => {
      // SQLITE_FULL rolls the whole transaction back, even from inside the job's savepoint.
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      try {
        db.prepare("INSERT INTO entry (kind, created_at, memo) VALUES ('big', 1, ?)").run('x'.repeat(200_000));
      } finally {
        db.pragma('max_page_count = 1073741823');
      }
    }),
    committer.run(() => move(5)),
  ]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  expect(stored(b)).toBe(0);
  expect(postingsAfter(b)).toEqual([]);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('an account kept from the last commit is read again after a statement of the executor on the account table', () => {
  store.sql.transaction(() => move(5)); // b is kept at 5 (sql.ts)
  store.sql.run(setBalance, { id: b, balance: 55 });
  store.sql.transaction(() => {
    expect(balanceOf(store.sql, b)).toBe(55);
    move(1);
  });
  expect(stored(b)).toBe(56);
});

it('a transaction that rolls back leaves no balance of its own kept', () => {
  store.sql.transaction(() => move(5));
  expect(() =>
    store.sql.transaction(() => {
      move(20);
      throw new Error('rolled back');
    }),
  ).toThrow('rolled back');
  store.sql.transaction(() => expect(balanceOf(store.sql, b)).toBe(5));
  store.sql.transaction(() => move(1));
  expect(stored(b)).toBe(6);
  expect(checkLedger(store.sql).ok).toBe(true);
});

it('an entry with more legs than one statement holds has every posting written, in leg order', () => {
  const make = store.sql.db.prepare("INSERT INTO account (name, kind) VALUES (?, 'system') RETURNING id").pluck();
  const many = Array.from({ length: 20 }, (_, i) => make.get(`T:M${i}`) as number);
  const legs = [{ account: a, amount: -210 }, ...many.map((account, i) => ({ account, amount: i + 1 }))];
  const after = store.sql.transaction(() => postEntry(store.sql, { kind: 'test', at: 1 }, legs));
  const rows = store.sql.db.prepare('SELECT account_id AS account, amount FROM posting ORDER BY id').all();
  expect(rows).toEqual(legs);
  expect(many.map((m) => stored(m))).toEqual(many.map((_, i) => i + 1));
  expect(after.get(a)).toBe(-210);
  expect(checkLedger(store.sql).ok).toBe(true);
});
