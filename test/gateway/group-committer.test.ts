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
