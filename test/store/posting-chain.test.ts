import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { deposit, transfer } from '../../src/engine/balances.js';
import { GroupCommitter } from '../../src/gateway/group-committer.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { postEntry } from '../../src/store/repos/ledger-repo.js';
import { depositsAlongChain, statsRepo } from '../../src/store/repos/stats-repo.js';
import { agent, engineFixture, type EngineFixture } from '../support/engine-fixture.js';

// Each account's postings form a chain (migration 0009): a posting points back to the account's
// posting before it, the account row holds its latest, and `ledger check` follows every link.

let f: EngineFixture;
let a: number;
let b: number;
beforeEach(async () => {
  f = await engineFixture();
  const make = f.ctx.sql.db.prepare("INSERT INTO account (name, kind) VALUES (?, 'system') RETURNING id").pluck();
  a = make.get('T:A') as number;
  b = make.get('T:B') as number;
});
afterEach(() => f.close());

const db = () => f.ctx.sql.db;
const post = (legs: Array<[number, number]>) =>
  postEntry(f.ctx.sql, { kind: 'test', at: 1 }, legs.map(([account, amount]) => ({ account, amount })));
type Row = { id: number; prev_id: number | null; amount: number; balance_after: number };
const postingsOf = (account: number) =>
  db().prepare('SELECT id, prev_id, amount, balance_after FROM posting WHERE account_id = ? ORDER BY id').all(account) as Row[];
const headOf = (account: number) => db().prepare('SELECT last_posting FROM account WHERE id = ?').pluck().get(account);
/** The chain from the account's head back to its first posting, as ids. */
const walk = (account: number) => {
  const ids: number[] = [];
  for (let id = headOf(account) as number | null; id !== null; ) {
    ids.push(id);
    id = db().prepare('SELECT prev_id FROM posting WHERE id = ?').pluck().get(id) as number | null;
  }
  return ids;
};

it('links each posting to its account\'s posting before it, in one entry and across entries', () => {
  f.ctx.sql.transaction(() => {
    post([[a, -10], [b, 10]]);
    post([[a, -7], [b, 15], [a, -8]]); // one account twice in one entry
  });
  post([[b, -2], [a, 2]]); // a transaction of its own
  const rowsA = postingsOf(a);
  expect(rowsA.map((r) => r.amount)).toEqual([-10, -7, -8, 2]);
  expect(rowsA.map((r) => r.prev_id)).toEqual([null, rowsA[0]!.id, rowsA[1]!.id, rowsA[2]!.id]);
  expect(rowsA.map((r) => r.balance_after)).toEqual([-10, -17, -25, -23]);
  expect(walk(a)).toEqual(rowsA.map((r) => r.id).reverse());
  expect(walk(b)).toEqual(postingsOf(b).map((r) => r.id).reverse());
  expect(checkLedger(f.ctx.sql)).toMatchObject({ ok: true, badHeads: [], brokenLinks: [] });
});

it('a job rolled back in a group commit takes its links back: the next posting points at the last one kept', async () => {
  const committer = new GroupCommitter(f.ctx.sql, { maxBatch: 64 });
  const results = await Promise.allSettled([
    committer.run(() => post([[a, -1], [b, 1]])),
    committer.run(() => {
      post([[a, -50], [b, 50]]);
      throw new Error('boom');
    }),
    committer.run(() => post([[a, -3], [b, 3]])),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const rowsB = postingsOf(b);
  expect(rowsB.map((r) => [r.amount, r.balance_after])).toEqual([[1, 1], [3, 4]]);
  expect(rowsB[1]!.prev_id).toBe(rowsB[0]!.id);
  expect(headOf(b)).toBe(rowsB[1]!.id);
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('outside a transaction of ours the head is written at once', () => {
  db().transaction(() => post([[a, -4], [b, 4]]))(); // a raw better-sqlite3 transaction
  post([[a, -1], [b, 1]]); // none at all
  expect(walk(a)).toEqual(postingsOf(a).map((r) => r.id).reverse());
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('ledger check names a broken link, a wrong running balance and a wrong head', () => {
  for (let i = 1; i <= 3; i++) post([[a, -i], [b, i]]);
  const [first, second, third] = postingsOf(a);
  db().prepare('UPDATE posting SET prev_id = ? WHERE id = ?').run(first!.id, third!.id); // skips the second
  const lastB = postingsOf(b)[2]!;
  db().prepare('UPDATE posting SET balance_after = balance_after - 1 WHERE id = ?').run(lastB.id);
  db().prepare('UPDATE account SET last_posting = ? WHERE id = ?').run(second!.id, a);
  const r = checkLedger(f.ctx.sql);
  expect(r.ok).toBe(false);
  expect(r.mismatches).toEqual([]); // the balances themselves still agree
  expect(r.brokenLinks.map((l) => [l.id, l.prev_id, l.before])).toEqual([
    [third!.id, first!.id, second!.id],
    [lastB.id, lastB.prev_id, lastB.prev_id],
  ]);
  expect(r.brokenLinks[1]).toMatchObject({ balance_after: 5, expected: 6 });
  expect(r.badHeads).toEqual([{ id: a, name: 'T:A', last_posting: second!.id, latest: third!.id }]);
});

it('an agent\'s deposits are read along its chain, among its other postings', () => {
  agent(f.ctx, { code: 'UP', markup: 0 });
  agent(f.ctx, { code: 'DOWN', upline: 'UP', markup: 0 });
  const up = agentSummary(f.ctx, 'UP')!;
  deposit(f.ctx, 'UP', 70_000);
  transfer(f.ctx, up.agent.id, 'DOWN', 20_000);
  deposit(f.ctx, 'DOWN', 5_000);
  deposit(f.ctx, 'UP', 30_000);
  transfer(f.ctx, up.agent.id, 'DOWN', 1_000);
  expect(statsRepo.deposits(f.ctx.sql, up.agent.balance_account)).toBe(100_000);
  expect(statsRepo.deposits(f.ctx.sql, agentSummary(f.ctx, 'DOWN')!.agent.balance_account)).toBe(5_000);
  // Inside a write transaction, with the account's head still pending: the walk sees it.
  f.ctx.sql.transaction(() => {
    deposit(f.ctx, 'UP', 1);
    expect(statsRepo.deposits(f.ctx.sql, up.agent.balance_account)).toBe(100_001);
  });
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
});

it('the deposits walk reads by key only, and leaves the pending accounts pending', () => {
  const plan = (db().prepare(`EXPLAIN QUERY PLAN ${depositsAlongChain.sql}`).all(1, a, a, 'deposit') as Array<{ detail: string }>)
    .map((r) => r.detail);
  // The only scans are of the chain being walked; postings and entries are looked up by key.
  expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual(['SCAN c', 'SCAN c']);
  expect(plan.filter((d) => /SEARCH (p|e) USING INTEGER PRIMARY KEY/.test(d))).toHaveLength(3);
  expect(depositsAlongChain.account).toBe(false); // it does not read the account table: no flush
  agent(f.ctx, { code: 'MEMBER1', markup: 0 });
  const m = agentSummary(f.ctx, 'MEMBER1')!.agent.balance_account;
  deposit(f.ctx, 'MEMBER1', 10);
  const writes = db().prepare('SELECT total_changes()').pluck();
  f.ctx.sql.transaction(() => {
    post([[a, -5], [m, 5]]);
    const before = writes.get() as number;
    expect(statsRepo.deposits(f.ctx.sql, m)).toBe(10);
    expect(writes.get()).toBe(before); // nothing written to read it
  });
});
