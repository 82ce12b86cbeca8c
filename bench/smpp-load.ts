/**
 * What both SMPP loops of the benchmark share: the seeded database (500 agents with a sender
 * each under 10 uplines, three products), the command mix, the gateway's bench config and the
 * load client run as its own process (smpp-load-client.ts).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseConfig } from '../src/config/load-config.js';
import type { Config } from '../src/config/resolve-config.js';
import { createEngine } from '../src/engine/create-engine.js';
import { openStore } from '../src/store/open-store.js';
import { agent, fund, manualSupplier, product } from '../test/support/engine-fixture.js';
import type { LoadJob, LoadResult } from './smpp-load-client.js';

const AGENTS = 500;
export const PIN = '1234';
export const CHANNEL = 'smpp-server:bench';
/** The longest a round of the load client may take (as Kannel's loop allows its rounds). */
const ROUND_TIMEOUT_MS = 120_000;
/** Outstanding submit_sm of the client, and deliver_sm of our server (config `window`). */
export const WINDOW = 200;

export function benchConfig(dbPath: string, coreThread = true): Config {
  return parseConfig(
    {
      demo: false,
      gateway: { ratePerMinute: 0, coreThread },
      supplier: { simulator: { delay: '0ms' } },
      channels: {
        http: { enabled: false },
        smpp: { server: { enabled: true, port: 0, window: WINDOW, accounts: [{ systemId: 'bench', password: 'benchpw' }] } },
      },
    },
    { file: 'bench', env: {}, cwd: '.', dbPath },
  );
}

/** Agents with a sender each, PIN 1234 and plenty of balance, under 10 uplines; three products. */
export async function seed(path: string): Promise<string[]> {
  const store = await openStore(path);
  const { ctx } = createEngine(store, benchConfig(path), { supplier: manualSupplier() });
  const senders: string[] = [];
  ctx.sql.transaction(() => {
    for (const p of [{ code: 'S5', price: 5_400, cost: 5_250 }, { code: 'S10', price: 10_400, cost: 10_200 }, { code: 'X10', price: 10_600, cost: 10_350 }]) product(ctx, p);
    for (let i = 0; i < AGENTS; i++) {
      const sender = `0812${String(i + 1).padStart(8, '0')}`;
      const code = `A${i}`;
      agent(ctx, { code, pin: PIN, markup: 50, senders: [sender], ...(i >= 10 ? { upline: `A${i % 10}` } : {}) });
      fund(ctx, code, 1_000_000_000);
      senders.push(sender);
    }
  });
  store.close();
  return senders;
}

/** Half price checks, half sales to unique numbers, senders in turn. */
export function messagesOf(senders: readonly string[], n: number, round: number): LoadJob['rounds'][number] {
  return Array.from({ length: n }, (_, i): [string, string, number] => {
    const from = senders[i % senders.length]!;
    if (i % 2 === 0) return [from, `H.${i % 4 === 0 ? 'S' : 'X'}.${PIN}`, 1];
    return [from, `S10.0813${String(round * 1_000_000 + i).padStart(8, '0')}.${PIN}`, 2];
  });
}

/** The load client beside this file: compiled (`npm run bench`) or TypeScript through tsx. */
function clientArgs(): string[] {
  const compiled = import.meta.url.endsWith('.js');
  const file = join(import.meta.dirname, `smpp-load-client.${compiled ? 'js' : 'ts'}`);
  return compiled ? [file] : ['--import', 'tsx', file];
}

/** The load client's session: `round()` runs the job's next round and resolves with its result. */
export interface LoadSession {
  round(): Promise<LoadResult>;
  /** Resolves when the client has ended its session (after the job's last round) and exited. */
  readonly done: Promise<void>;
}

/** Starts the load client and resolves once it is bound; it runs a round per `round()` call. */
export function runClient(port: number, jobFile: string): Promise<LoadSession> {
  const child = spawn(process.execPath, [...clientArgs(), String(port), jobFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.on('error', () => {}); // a client that died: told by its exit below, not by EPIPE
  const waiting: Array<{ resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  let buffered = '';
  let ended: Error | undefined;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      waiting.shift()?.resolve(line);
    }
  });
  // 'close', not 'exit': it comes after the last line of stdout was read.
  const done = new Promise<void>((resolve, reject) =>
    child.on('close', (code) => {
      ended = new Error(code === 0 ? 'the load client had ended its session' : `load client exited ${code}: ${buffered}`);
      for (const w of waiting.splice(0)) w.reject(ended);
      if (code === 0) resolve();
      else reject(ended);
    }),
  );
  done.catch(() => {}); // reported through round() or by whoever awaits done
  const nextLine = () => new Promise<string>((resolve, reject) => (ended ? reject(ended) : waiting.push({ resolve, reject })));
  return nextLine().then((bound) => {
    if (bound !== 'bound') throw new Error(`load client: ${bound}`);
    return {
      round: () => {
        const line = nextLine();
        // A round that loses a reply would wait for ever: the client is stopped, and the round fails.
        const stuck = setTimeout(() => child.kill(), ROUND_TIMEOUT_MS);
        child.stdin.write('go\n');
        return line.then((l) => JSON.parse(l) as LoadResult).finally(() => clearTimeout(stuck));
      },
      done,
    };
  });
}

/** Runs every round of the job, one after the other, in one client session. */
export async function runAllRounds(port: number, jobFile: string, rounds: number): Promise<LoadResult[]> {
  const session = await runClient(port, jobFile);
  const results: LoadResult[] = [];
  for (let r = 0; r < rounds; r++) results.push(await session.round());
  await session.done;
  return results;
}
