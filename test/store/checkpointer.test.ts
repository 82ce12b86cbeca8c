import { statSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/store/checkpointer.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { tempDir } from '../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let store: Store;
afterEach(() => {
  store.close();
  dir.cleanup();
});

it('copies committed pages into the database file while the writer keeps committing', async () => {
  dir = tempDir();
  const path = `${dir.path}/c.db`;
  store = await openStore(path);
  const db = store.sql.db;
  db.exec('CREATE TABLE filler (v TEXT)');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  const pages = () => statSync(path).size / 4096;
  const before = pages();
  const logged: string[] = [];
  const c = startCheckpointer(path, 10, (l) => logged.push(l));
  try {
    for (let i = 0; i < 40; i++) {
      db.transaction(() => { for (let k = 0; k < 25; k++) insert.run('x'.repeat(1000)); })(); // never SQLITE_BUSY
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(c.runs).toBeGreaterThan(5);
    expect(pages() - before).toBeGreaterThan(200); // 1,000 rows of 1 kB: about 250 pages
    expect(db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(1_000);
    expect(logged).toEqual([]);
  } finally {
    c.stop();
  }
  c.stop(); // stopping twice is harmless
});
