import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GroupCommitter } from '../../src/gateway/group-committer.js';
import { SqlExecutor } from '../../src/store/sql.js';
import { tempDir } from '../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: Sqlite.Database;
let committer: GroupCommitter;
beforeEach(() => {
  dir = tempDir();
  db = new Sqlite(`${dir.path}/c.db`);
  db.exec('CREATE TABLE t (v INTEGER)');
  committer = new GroupCommitter(new SqlExecutor(db), { maxBatch: 64 });
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const insert = (v: number) => () => void db.prepare('INSERT INTO t VALUES (?)').run(v);
const values = () => db.prepare('SELECT v FROM t ORDER BY v').pluck().all();

it('jobs of one turn share one commit, and each resolves only after it', async () => {
  const jobs = [1, 2, 3].map((v) => committer.run(insert(v)));
  expect(values()).toEqual([]); // nothing ran yet: the batch runs on the next turn
  await Promise.all(jobs);
  expect(values()).toEqual([1, 2, 3]);
  expect(committer.committed).toBe(1);
});

it('a job that throws loses only its own writes; the others commit', async () => {
  const failing = () => {
    insert(99)();
    throw new Error('boom');
  };
  const results = await Promise.allSettled([committer.run(insert(1)), committer.run(failing), committer.run(insert(2))]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(values()).toEqual([1, 2]);
});

it('a backlog larger than maxBatch commits batch by batch, and what a batch sets off on the next turn runs before the next batch', async () => {
  const small = new GroupCommitter(new SqlExecutor(db), { maxBatch: 2 });
  const seenByNextTurn: number[][] = [];
  const jobs = [1, 2, 3, 4, 5].map((v) => small.run(insert(v)));
  // What a settled job does next goes out on setImmediate (the core thread posts its results so).
  void jobs[0]!.then(() => setImmediate(() => seenByNextTurn.push(values() as number[])));
  void jobs[2]!.then(() => setImmediate(() => seenByNextTurn.push(values() as number[])));
  await Promise.all(jobs);
  expect(values()).toEqual([1, 2, 3, 4, 5]);
  expect(small.committed).toBe(3);
  expect(seenByNextTurn).toEqual([[1, 2], [1, 2, 3, 4]]);
});

it('drain commits the whole backlog at once (closing)', async () => {
  const small = new GroupCommitter(new SqlExecutor(db), { maxBatch: 2 });
  const jobs = [1, 2, 3, 4, 5].map((v) => small.run(insert(v)));
  small.drain();
  expect(values()).toEqual([1, 2, 3, 4, 5]);
  expect(small.committed).toBe(3);
  await Promise.all(jobs);
});

it('with overlap, a batch takes seven eighths of the backlog, so it is answered while the rest commits', async () => {
  const shares = new GroupCommitter(new SqlExecutor(db), { maxBatch: 64, overlap: true });
  const seen: number[][] = [];
  const jobs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((v) => shares.run(insert(v)));
  void jobs[0]!.then(() => setImmediate(() => seen.push(values() as number[])));
  await Promise.all(jobs);
  expect(seen).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]]); // 14 of 16, then 2 of 2
  expect(shares.committed).toBe(2);
  await shares.run(insert(17)); // a lone job is a batch of its own, at once
  expect(shares.committed).toBe(3);
});
