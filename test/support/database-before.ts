import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { migrate, openDatabase } from '../../src/store/open-store.js';
import { tempDir } from './temp-dir.js';

/**
 * For the tests of one migration: a fresh temp dir per test (removed after it), and a function
 * that opens a database file there, migrated up to `last` (the migration before the one under
 * test), with `seed` run on it. Call it at the top of the test file: it registers the hooks.
 */
export function databasesBefore(): (last: string, seed: string) => Promise<ReturnType<typeof openDatabase>> {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());
  return async (last, seed) => {
    const db = openDatabase(join(dir.path, 'old.db'));
    await migrate(db, last);
    db.exec(seed);
    return db;
  };
}
