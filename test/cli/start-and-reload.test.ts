import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { saldoReply } from '../support/replies.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
let dir: ReturnType<typeof tempDir>;
let child: ChildProcess | undefined;
let log = '';
let history = '';
beforeEach(() => {
  dir = tempDir();
  log = '';
  history = '';
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  dir.cleanup();
});

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 300 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!cond()) throw new Error(`timed out waiting for ${what}; log:\n${log}`);
};

/** The core in a thread of its own (`gateway.coreThread`). */
const THREAD = 'gateway:\n  coreThread: true\n';

function writeConfig(extra = '') {
  const file = join(dir.path, 'pulsagate.yaml');
  writeFileSync(file, `channels:\n  http:\n    port: 0\nsupplier:\n  simulator:\n    delay: 10ms\n${extra}`);
  return file;
}

async function start(config: string) {
  history += log;
  log = '';
  child = spawn(process.execPath, [MAIN, 'start', '--config', config, '--db', join(dir.path, 'g.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  await until(() => /HTTP channel on (http:\S+)/.test(log) && log.includes('running'), 'start');
  return /HTTP channel on (http:\S+)/.exec(log)![1]!;
}

const say = async (url: string, from: string, text: string) => {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify({ from, text }) });
  return ((await res.json()) as { replies: string[] }).replies;
};

it.each([
  ['in-process', ''],
  ['in its own thread', THREAD],
])('start (core %s) loads the demo into an empty database, prints it, serves HTTP, and stops on SIGTERM', async (_where, extra) => {
  const url = await start(writeConfig(extra));
  expect(log).toContain('OX002  Ani            sender 081200000002  PIN 2222');
  expect(await say(url, '081200000002', 'SAL.2222')).toEqual([saldoReply('200.000')]);
  child!.kill('SIGTERM');
  await new Promise((r) => child!.once('exit', r));
  expect(child!.exitCode).toBe(0);
  const again = await start(writeConfig(extra));
  expect((history + log).match(/Demo data loaded/g)).toHaveLength(1); // not loaded twice
  expect(await say(again, '081200000002', 'SAL.2222')).toEqual([saldoReply('200.000')]);
}, 60_000);

it('demo: false leaves the database empty; other commands never load the demo', async () => {
  const db = join(dir.path, 'g.db');
  expect(runCli(['agent', 'list', '--json', '--db', db]).stdout.trim()).toBe('[]');
  await start(writeConfig('demo: false\n'));
  expect(log).not.toContain('Demo data loaded');
  expect(runCli(['agent', 'list', '--json', '--db', db]).stdout.trim()).toBe('[]');
}, 60_000);

it.each([
  ['in-process', ''],
  ['in its own thread', THREAD],
])('reload swaps in edited formats (core %s); a broken edit keeps the running set and says why', async (_where, mode) => {
  const config = writeConfig(mode);
  const url = await start(config);
  const db = join(dir.path, 'g.db');
  writeConfig(mode + 'grammar:\n  requests:\n    CekSaldo:\n      formats: ["SALDO.<pin>"]\n');
  const ok = runCli(['reload', '--config', config, '--db', db]);
  expect(ok.code).toBe(0);
  await until(() => log.includes('reloaded formats and replies'), 'reload');
  expect(await say(url, '081200000002', 'SALDO.2222')).toEqual([saldoReply('200.000')]);

  writeConfig(mode + 'grammar:\n  separators: ["*"]\n');
  const broken = runCli(['reload', '--config', config, '--db', db]);
  expect(broken.code).not.toBe(0);
  expect(broken.stderr).toMatch(/grammar:.*\*/);
  child!.kill('SIGHUP'); // a signal with the broken file on disk: refused, the running set stays
  await until(() => log.includes('reload refused'), 'refusal');
  expect(await say(url, '081200000002', 'SALDO.2222')).toEqual([saldoReply('200.000')]);
}, 60_000);

it('a product code equal to a keyword in effect is refused when added', () => {
  const r = runCli(['product', 'add', 'SAL', '--name', 'x', '--price', '1', '--db', join(dir.path, 'k.db')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('product code SAL is a command keyword');
});
