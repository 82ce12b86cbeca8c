/**
 * Issue 5 benchmark. (1) SMPP commands per second end to end: a machine client in its own
 * process binds to our server mode, submits price checks and sales (half each) with a window of
 * outstanding submit_sm, and waits for every reply as deliver_sm (one per price check, two per
 * sale: "processing" and the result); each command is journaled and committed before its
 * submit_sm_resp, each reply marked sent after its deliver_sm_resp. (2) In the same run, Kannel's
 * own forward-only loop on the same machine, logging at info (its production level): a node SMSC
 * pushes MO deliver_sm to bearerbox → smsbox → an HTTP app that answers at once → smsbox →
 * bearerbox → submit_sm back to the SMSC; rate = messages / time until the last MT arrived.
 * The two take turns, round by round (ours then Kannel's, then Kannel's then ours, ...; a second's
 * pause before each), so each pair meets the machine in the same minute; the figure is the ratio
 * of their medians, and each pair's ratio is shown too.
 * (3) The floor (smpp-floor.ts): the same durable writes by a hand-written one-thread loop.
 * Target: ours >= 2x Kannel's. Alone: `npx tsx bench/smpp-bench.ts`.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLedger } from '../src/store/repos/ledger-check-repo.js';
import { openStore } from '../src/store/open-store.js';
import { runGateway } from '../src/run-gateway.js';
import { tempDir } from '../test/support/temp-dir.js';
import { findKannel } from '../test/channels/smpp/kannel.js';
import { median } from './bench-util.js';
import { startKannelLoop } from './kannel-loop.js';
import { floorLoop } from './smpp-floor.js';
import type { LoadJob, LoadResult } from './smpp-load-client.js';
import { benchConfig, CHANNEL, messagesOf, runClient, seed, WINDOW } from './smpp-load.js';

/** CPU time (µs, user + system) of each thread of this process, by thread id (Linux). */
function threadCpu(): Map<string, number> {
  const tick = 10_000; // µs per clock tick (USER_HZ 100)
  const cpu = new Map<string, number>();
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(t, (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // the thread ended meanwhile
    }
  }
  return cpu;
}

/** Adds each thread's CPU between two readings into `sum`. */
function addCpu(sum: Map<string, number>, before: Map<string, number>, after: Map<string, number>): void {
  for (const [t, v] of after) sum.set(t, (sum.get(t) ?? 0) + v - (before.get(t) ?? 0));
}

/** Per command: the main thread's CPU, the busiest other thread's (the core thread), and the rest's. */
function cpuPerCommand(used: Map<string, number>, commands: number) {
  const main = String(process.pid);
  const others = [...used].filter(([t]) => t !== main).map(([, v]) => v).sort((a, b) => b - a);
  const per = (us: number) => Math.round(us / commands);
  return {
    main: per(used.get(main) ?? 0),
    busiest: per(others[0] ?? 0),
    rest: per(others.slice(1).reduce((a, b) => a + b, 0)),
  };
}

/**
 * Ours: one gateway started as `pulsagate start` starts it (runGateway) on a copy of the seeded
 * database, and one load client session running the rounds one after the other (a gateway runs
 * for days: the first round only warms it up, as its JIT and caches are in production). Each
 * measured round runs through `turn(round, ours)`, which runs Kannel's round of the same pair
 * beside it (before or after ours), so the two loops meet the machine in the same minute.
 * Returns each round's rate, the CPU per command of the measured rounds, and the core thread's
 * (the busiest other thread) in each; throws when anything was lost or doubled.
 */
async function ours(
  master: string, dir: string, senders: readonly string[], sizes: readonly number[], coreThread: boolean,
  turn: (round: number, ours: () => Promise<void>) => Promise<void> = (_, ours) => ours(),
) {
  const path = join(dir, `ours-${coreThread ? 'thread' : 'plain'}.db`);
  copyFileSync(master, path);
  const gw = await runGateway(benchConfig(path, coreThread), () => {});
  const job: LoadJob = {
    systemId: 'bench', password: 'benchpw', window: WINDOW, rounds: sizes.map((n, round) => messagesOf(senders, n, round)),
  };
  const file = join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  const results: LoadResult[] = [];
  const used = new Map<string, number>();
  const coreByRound: number[] = [];
  try {
    const session = await runClient(gw.smpp!.server!.port, file);
    results.push(await session.round()); // the warm-up
    for (let r = 1; r < sizes.length; r++) {
      await turn(r, async () => {
        const before = threadCpu();
        results.push(await session.round());
        const after = threadCpu();
        const one = new Map<string, number>();
        addCpu(one, before, after);
        addCpu(used, before, after);
        coreByRound.push(cpuPerCommand(one, sizes[r]!).busiest);
      });
    }
    await session.done;
  } finally {
    await gw.stop();
  }
  const store = await openStore(path);
  try {
    const count = (q: string) => (store.sql.db.prepare(q).get() as { n: number }).n;
    const n = sizes.reduce((a, b) => a + b, 0);
    const expected = job.rounds.flat().reduce((a, m) => a + m[2], 0);
    const problems = [
      results.some((r) => r.refused > 0) && 'submits refused',
      count(`SELECT COUNT(*) AS n FROM inbound WHERE channel = '${CHANNEL}'`) !== n && 'journal count differs',
      results.reduce((a, r) => a + r.replies, 0) !== expected && `replies differ from the ${expected} expected`,
      count(`SELECT COUNT(*) AS n FROM outbox WHERE channel = '${CHANNEL}'`) !== expected && 'outbox count differs',
      count("SELECT COUNT(*) AS n FROM sale WHERE status = 'success'") !== n / 2 && 'sales missing',
      !checkLedger(store.sql).ok && 'ledger unbalanced',
    ].filter(Boolean);
    if (problems.length) throw new Error(`smpp bench: ${problems.join(', ')}`);
    return { rates: results.map((r, i) => sizes[i]! / r.seconds), cpu: cpuPerCommand(used, n - sizes[0]!), coreByRound };
  } finally {
    store.close();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

export async function benchSmpp(opts: { messages?: number; rounds?: number } = {}): Promise<Record<string, number | string>> {
  const n = opts.messages ?? 10_000;
  const rounds = opts.rounds ?? 5;
  const dir = tempDir('pulsagate-smpp-bench-');
  try {
    const master = join(dir.path, 'master.db');
    const senders = await seed(master);
    const sizes = [2_000, ...Array.from({ length: rounds }, () => n)]; // the first warms the gateway up
    // Ours (core thread) and Kannel's loop take turns, round by round: the machine's speed moves
    // by a third within minutes, and each pair of rounds meets it within seconds of each other.
    const bin = findKannel();
    const kannel = bin ? await startKannelLoop(bin, join(dir.path, 'kannel')) : undefined;
    const k: number[] = [];
    let threaded;
    try {
      threaded = await ours(master, dir.path, senders, sizes, true, async (r, ourRound) => {
        if (!kannel) return ourRound();
        // Each loop starts on a quiet machine: the other's tail (our WAL checkpoint, GC, Kannel's
        // queues; our warm-up) has a second to finish first. Who goes first alternates, so a
        // machine speeding up or slowing down within a pair favours neither.
        const theirs = async () => void k.push(await kannel.run(n, `R${r}`));
        for (const one of r % 2 === 1 ? [ourRound, theirs] : [theirs, ourRound]) {
          await settle();
          await one();
        }
      });
    } finally {
      await kannel?.stop();
    }
    const plain = await ours(master, dir.path, senders, sizes, false);
    const floor = await floorLoop(master, dir.path, senders, sizes);
    const runs = threaded.rates.slice(1);
    const oneThread = plain.rates.slice(1);
    const ourRate = median(runs);
    const figures: Record<string, number | string> = {
      [`SMPP commands/s end to end (median of ${rounds})`]: ourRate,
      [`  per run (${n} commands, half price checks, half sales)`]: runs.map(Math.round).join(' / '),
      ['  same, core in the main thread (gateway.coreThread: false)']: median(oneThread),
      ['    per run']: oneThread.map(Math.round).join(' / '),
      ['CPU µs per command, core thread: main / core thread / other threads']:
        `${threaded.cpu.main} / ${threaded.cpu.busiest} / ${threaded.cpu.rest}`,
      ['  the core thread\'s, per run']: threaded.coreByRound.join(' / '),
      ['CPU µs per command, single thread: main / other threads']: `${plain.cpu.main} / ${plain.cpu.busiest + plain.cpu.rest}`,
      [`floor: the same durable writes, hand-written, one thread (bench/smpp-floor.ts)`]: median(floor.rates.slice(1)),
      ['  its CPU µs per command (whole process)']: floor.cpuPerCommand,
    };
    if (!kannel) {
      figures['Kannel forward loop msg/s'] = 'skipped: Kannel not installed (apt-get install -y kannel)';
      return figures;
    }
    const kRate = median(k);
    figures[`Kannel forward loop msg/s (MO → HTTP → MT, info; median of ${rounds})`] = kRate;
    figures['  per run (paired with ours in order; ours first in odd pairs)'] = k.map(Math.round).join(' / ');
    figures['ours / Kannel, each pair'] = runs.map((r, i) => (r / k[i]!).toFixed(2)).join(' / ');
    figures['ours / Kannel (medians; target >= 2)'] = (ourRate / kRate).toFixed(2);
    return figures;
  } finally {
    dir.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchSmpp());
}
