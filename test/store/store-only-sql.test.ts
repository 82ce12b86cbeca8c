import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// The executor keeps the accounts its own commits wrote (sql.ts `kept`) and the rows of the read
// cache: both hold only while every statement on the gateway's connection goes through it. Other
// connections are seen by `PRAGMA data_version`; raw SQL on this one would not be.

const ALLOWED = new Set(['src/store/sql.ts', 'src/store/read-cache.ts', 'src/store/open-store.ts', 'src/store/checkpointer.ts']);
const RAW_SQL = /\bdb\.(prepare|exec|transaction|pragma)\(|\bsql\.db\b/;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

it('no code outside the store runs SQL on the gateway connection by itself', () => {
  const offenders = filesUnder('src')
    .filter((f) => f.endsWith('.ts') && !ALLOWED.has(f) && !f.startsWith('src/store/migrations/'))
    .filter((f) => RAW_SQL.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});
