import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Runs the built `pulsagate` command (npm test builds dist/ first) and captures its output. */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PULSAGATE_CONFIG: undefined, PULSAGATE_DB: undefined, ...opts.env },
    cwd: opts.cwd,
    input: opts.input,
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `cli(...)` runs the command against one database; `ok(...)` also expects success with nothing
 * on stderr and returns stdout. `where` is read at each call (tests set db and dir in hooks).
 */
export function cliOn(where: () => { db: string; cwd: string }) {
  const cli = (...args: string[]) => runCli(['--db', where().db, ...args], { cwd: where().cwd });
  const ok = (...args: string[]) => {
    const r = cli(...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };
  return { cli, ok };
}
