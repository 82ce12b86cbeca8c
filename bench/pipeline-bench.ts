/**
 * Issue 4 benchmark: end-to-end messages per second through the in-process pipeline with durable
 * group commits (journal, effect and outbox; synchronous=FULL), the channel's delivery ack
 * (`pipeline.delivered`) and the sales' final results (simulator, 0 ms: applied through the same
 * group committer, queued in the outbox and acked like a push channel would); latency at a fixed
 * offered load; peak RSS. Targets: >= 5,000 messages/s, p99 <= 20 ms at 1,000 messages/s,
 * RSS <= 150 MB.
 * Alone: `npx tsx bench/pipeline-bench.ts`. From the runner: `await benchPipeline()` (prints nothing).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/load-config.js';
import type { Config } from '../src/config/resolve-config.js';
import { createEngine } from '../src/engine/create-engine.js';
import { setProductMarkups } from '../src/engine/markups.js';
import type { InboundMessage } from '../src/gateway/envelope.js';
import { createGatewayCore, type GatewayCore } from '../src/gateway/gateway-core.js';
import type { OutboxRow } from '../src/store/repos/outbox-repo.js';
import { checkLedger } from '../src/store/repos/ledger-check-repo.js';
import { openStore } from '../src/store/open-store.js';
import { agent, fund, manualSupplier, product } from '../test/support/engine-fixture.js';
import { tempDir } from '../test/support/temp-dir.js';
import { median, seeded } from './bench-util.js';

const ROOTS = 4;
const FANOUT = 3;
const DEPTH = 5; // 4 + 12 + 36 + 108 + 324 = 484 agents
const PIN = '1234';
const CHANNEL = 'bench';
const PRODUCTS = [
  { code: 'S5', price: 5_400, cost: 5_250 },
  { code: 'S10', price: 10_400, cost: 10_200 },
  { code: 'S20', price: 20_300, cost: 20_050 },
  { code: 'S25', price: 25_300, cost: 25_000 },
  { code: 'S50', price: 49_900, cost: 49_500 },
  { code: 'S100', price: 98_500, cost: 98_000 },
  { code: 'X5', price: 5_600, cost: 5_400 },
  { code: 'X10', price: 10_600, cost: 10_350 },
  { code: 'X25', price: 25_500, cost: 25_150 },
  { code: 'I5', price: 5_700, cost: 5_500 },
  { code: 'I10', price: 10_800, cost: 10_550 },
  { code: 'I25', price: 25_700, cost: 25_300 },
];
const PREFIXES = ['S', 'X', 'I'];

interface BenchAgent {
  readonly code: string;
  readonly sender: string;
  readonly downlines: readonly string[];
}

/** The gateway settings of the run: the shipped defaults except where a benchmark must differ. */
function benchConfig(dbPath: string, maxBatch: number): Config {
  return parseConfig(
    {
      demo: false,
      // 30/min per sender (the default) would cap 484 senders at ~240 messages/s.
      gateway: { ratePerMinute: 0, maxBatch },
      supplier: { simulator: { delay: '0ms', failurePercent: 5 } },
    },
    { file: 'bench', env: {}, cwd: '.', dbPath },
  );
}

/**
 * A tree of agents (depth 5), each with a sender (0812…), PIN 1234 and lots of balance; product
 * markups on about a quarter of the edge × product pairs.
 */
async function seed(path: string): Promise<BenchAgent[]> {
  const config = benchConfig(path, 64);
  const store = await openStore(path);
  const { ctx } = createEngine(store, config, { supplier: manualSupplier() });
  const rand = seeded(4);
  const agents: Array<{ code: string; sender: string; downlines: string[] }> = [];
  ctx.sql.transaction(() => {
    for (const p of PRODUCTS) product(ctx, p);
    const add = (code: string, upline?: string) => {
      const sender = `0812${String(agents.length + 1).padStart(8, '0')}`;
      const markup = 25 + Math.floor(rand() * 76);
      const row = agent(ctx, { code, pin: PIN, markup, senders: [sender], ...(upline ? { upline } : {}) });
      fund(ctx, code, 1_000_000_000);
      const a = { code, sender, downlines: [] as string[] };
      agents.push(a);
      if (upline) {
        agents.find((u) => u.code === upline)!.downlines.push(code);
        const items = PRODUCTS.filter(() => rand() < 0.25)
          .map((p) => ({ product: p.code, markup: 10 + Math.floor(rand() * 150) }));
        const r = setProductMarkups(ctx, row.upline_id, code, items);
        if (!r.ok) throw new Error(`setProductMarkups ${code}: ${r.code}`);
      }
      return code;
    };
    let level = Array.from({ length: ROOTS }, (_, i) => add(`R${i}`));
    for (let d = 2; d <= DEPTH; d++) {
      level = level.flatMap((up) => Array.from({ length: FANOUT }, (_, k) => add(`${up}X${k}`, up)));
    }
  });
  store.close();
  return agents;
}

/** The message mix: 50 % sales (unique destinations), 40 % price/balance checks, 10 % other. */
function messageSource(seed: number) {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const wrongPins = new Map<string, number>();
  const lastDest = new Map<string, string>();
  let dests = 0;
  let wrong = 0;
  return {
    get wrongPins() {
      return wrong;
    },
    next(a: BenchAgent): string {
      const r = rand();
      if (r < 0.5) {
        const dest = `0813${String(++dests).padStart(8, '0')}`;
        lastDest.set(a.code, dest);
        return `${pick(PRODUCTS).code}.${dest}.${PIN}`;
      }
      if (r < 0.7) return `H.${pick(PREFIXES)}.${PIN}`;
      if (r < 0.9) return `SAL.${PIN}`;
      const o = rand();
      // a wrong PIN: at most 2 per sender (5 in a row lock the agent)
      if (o < 0.2 && (wrongPins.get(a.code) ?? 0) < 2) {
        wrongPins.set(a.code, (wrongPins.get(a.code) ?? 0) + 1);
        wrong++;
        return `SAL.9876`;
      }
      if (o < 0.7 && a.downlines.length > 0) return `CMP.${pick(a.downlines)}.${pick(PRODUCTS).code}.${PIN}`;
      const d = lastDest.get(a.code);
      return d ? `CEK.${d}.${PIN}` : `LDL.${PIN}`;
    },
  };
}

/** A gateway core on a fresh copy of the seeded database, with counters and the final-result acks. */
async function openRun(master: string, path: string, maxBatch: number, pragmas: readonly string[]) {
  copyFileSync(master, path);
  const core = await createGatewayCore(benchConfig(path, maxBatch));
  for (const p of pragmas) core.store.sql.db.pragma(p); // experiments only (`opts.pragmas`)
  const stats = { messages: 0, replies: 0, noReply: 0, sales: 0, finals: 0, acks: 0, acking: 0, jobs: 0 };
  const ack = (ids: readonly number[]) => {
    if (ids.length === 0) return;
    stats.acking++;
    stats.jobs++;
    void core.pipeline.delivered(ids).then(() => {
      stats.acking--;
      stats.acks += ids.length;
    });
  };
  // The final result of a sale, queued in the outbox after the verdict's commit: a push channel
  // sends it and acks it (one group-committed job per row, as OutboxDispatcher does).
  core.dispatcher.events.on('queued', (row: OutboxRow) => {
    if (row.sale_id === null || row.inbound_id !== null) return;
    stats.finals++;
    stats.jobs++; // the verdict's own commit job
    ack([row.id]);
  });
  let seq = 0;
  /** One message through the pipeline; resolves with its latency (ms) to handle(), then acks its replies. */
  const send = async (a: BenchAgent, text: string, t0 = performance.now()): Promise<number> => {
    const msg: InboundMessage = {
      channel: CHANNEL, messageId: `m${++seq}`, sender: a.sender, text, receivedAt: Date.now(),
    };
    stats.messages++;
    stats.jobs++;
    const h = await core.pipeline.handle(msg);
    const ms = performance.now() - t0;
    if (h.replies.length === 0) stats.noReply++;
    stats.replies += h.replies.length;
    if (h.saleId !== undefined) stats.sales++;
    ack(h.replies.map((r) => r.id));
    return ms;
  };
  /** Waits until every sale's final result is committed and every reply acked. */
  const drain = async () => {
    const until = Date.now() + 30_000;
    while (stats.finals < stats.sales || stats.acking > 0 || core.engine.processor.busy > 0) {
      if (Date.now() > until) throw new Error(`pipeline bench: not drained ${JSON.stringify(stats)}`);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { core, stats, send, drain };
}

/** Every message journaled and answered, every reply and final result marked sent, the ledger balanced. */
function verify(
  core: GatewayCore, stats: { messages: number; noReply: number; sales: number; finals: number }, wrongPins: number,
): void {
  const db = core.store.sql.db;
  const n = (q: string) => (db.prepare(q).get() as { n: number }).n;
  const fail = (why: string) => {
    throw new Error(`pipeline bench: ${why}`);
  };
  if (stats.noReply > 0) fail(`${stats.noReply} messages got no reply`);
  if (n('SELECT COUNT(*) AS n FROM inbound') !== stats.messages) fail('journal count differs from messages sent');
  const unanswered = 'SELECT COUNT(*) AS n FROM inbound i WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inbound_id = i.id)';
  if (n(unanswered) > 0) fail('a journaled message has no reply');
  if (n('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL') > 0) fail('replies left unsent');
  if (n("SELECT COUNT(*) AS n FROM sale WHERE status = 'pending'") > 0) fail('sales left pending');
  if (n('SELECT COUNT(*) AS n FROM sale') !== stats.sales || stats.finals !== stats.sales) fail('sales and final results differ');
  if (n('SELECT COUNT(*) AS n FROM outbox WHERE sale_id IS NOT NULL AND inbound_id IS NULL') !== stats.sales) fail('final results missing');
  const outcomes = db.prepare('SELECT outcome, COUNT(*) AS n FROM inbound GROUP BY outcome').all() as Array<{ outcome: string; n: number }>;
  // every outcome a success key, except exactly the wrong PINs sent
  for (const o of outcomes) {
    const denied = o.outcome === 'error.AUTH.DENIED';
    if (denied ? o.n !== wrongPins : o.outcome.startsWith('error') || o.outcome.startsWith('parse.') || o.outcome === 'silent') {
      fail(`unexpected outcome ${o.outcome} × ${o.n}`);
    }
  }
  if (!checkLedger(core.store.sql).ok) fail('ledger unbalanced');
}

/** Closed loop: `clients` senders each send their next message when the previous reply arrives. */
async function closedLoop(
  master: string, path: string, agents: readonly BenchAgent[],
  o: { clients: number; messages: number; maxBatch: number; seed: number; pragmas: readonly string[] },
) {
  const run = await openRun(master, path, o.maxBatch, o.pragmas);
  const source = messageSource(o.seed);
  const commits0 = run.core.committer.committed;
  const quota = (c: number) => Math.floor(o.messages / o.clients) + (c < o.messages % o.clients ? 1 : 0);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      const a = agents[c % agents.length]!;
      for (let i = quota(c); i > 0; i--) await run.send(a, source.next(a));
    }),
  );
  await run.drain();
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const commits = run.core.committer.committed - commits0;
  verify(run.core, run.stats, source.wrongPins);
  run.core.close();
  const cpuUs = cpu.user + cpu.system;
  return {
    rate: run.stats.messages / secs, cpuUs: cpuUs / run.stats.messages, cpuShare: cpuUs / 1e6 / secs,
    perCommit: run.stats.messages / commits, jobsPerCommit: run.stats.jobs / commits, commits, stats: run.stats,
  };
}

/** Open loop: one message every `1000 / rate` ms on a timer (catching up when the timer is late). */
async function openLoop(
  master: string, path: string, agents: readonly BenchAgent[],
  o: { rate: number; seconds: number; maxBatch: number; seed: number; pragmas: readonly string[] },
) {
  const run = await openRun(master, path, o.maxBatch, o.pragmas);
  const source = messageSource(o.seed);
  const rand = seeded(o.seed + 1);
  const total = o.rate * o.seconds;
  const spacing = 1000 / o.rate;
  const latencies: number[] = [];
  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  let sent = 0;
  let sendSecs = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor((performance.now() - start) / spacing) + 1);
      while (sent < due) {
        const a = agents[Math.floor(rand() * agents.length)]!;
        // latency from the scheduled send time: a late timer counts against the gateway
        pending.push(run.send(a, source.next(a), start + sent * spacing).then((ms) => void latencies.push(ms)));
        sent++;
      }
      if (sent >= total) {
        sendSecs = (performance.now() - start) / 1000;
        clearInterval(timer);
        resolve();
      }
    }, spacing);
  });
  await Promise.all(pending);
  await run.drain();
  verify(run.core, run.stats, source.wrongPins);
  run.core.close();
  const s = latencies.sort((x, y) => x - y);
  const pct = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: pct(50), p95: pct(95), p99: pct(99), max: s[s.length - 1]!, offered: total / sendSecs };
}

export interface PipelineBenchOptions {
  readonly messages?: number;
  readonly rounds?: number;
  readonly clients?: number;
  readonly maxBatch?: number;
  /** Offered load (messages/s) and duration of the latency run. */
  readonly rate?: number;
  readonly seconds?: number;
  /** Extra pragmas run after the store opened, to try a tuning before changing src/store. */
  readonly pragmas?: readonly string[];
}

export async function benchPipeline(opts: PipelineBenchOptions = {}): Promise<Record<string, number | string>> {
  const messages = opts.messages ?? 30_000;
  const rounds = opts.rounds ?? 3;
  const clients = opts.clients ?? 256;
  const maxBatch = opts.maxBatch ?? 64;
  const pragmas = opts.pragmas ?? [];
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const dir = tempDir('pulsagate-bench-');
  try {
    const master = join(dir.path, 'master.db');
    const agents = await seed(master);
    const runs: Array<Awaited<ReturnType<typeof closedLoop>>> = [];
    for (let r = 0; r < rounds; r++) {
      const o = { clients, messages, maxBatch, seed: 100 + r, pragmas };
      runs.push(await closedLoop(master, join(dir.path, `closed-${r}.db`), agents, o));
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const lat = await openLoop(master, join(dir.path, 'open.db'), agents, {
      rate: opts.rate ?? 1_000, seconds: opts.seconds ?? 5, maxBatch, seed: 200, pragmas,
    });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const mid = [...runs].sort((a, b) => a.rate - b.rate)[runs.length >> 1]!;
    const s = mid.stats;
    return {
      [`messages/s, median of ${rounds} (${clients} clients, maxBatch ${maxBatch})`]: median(runs.map((r) => r.rate)),
      'messages/s per run': runs.map((r) => Math.round(r.rate)).join(' / '),
      'process CPU per message (µs user+sys, median run)': mid.cpuUs.toFixed(0),
      'process CPU busy in the loop (% of one core, median run)': `${(mid.cpuShare * 100).toFixed(0)} %`,
      'messages per group commit (median run)': mid.perCommit.toFixed(1),
      'jobs per group commit (handle, ack, verdict, final ack)': mid.jobsPerCommit.toFixed(1),
      'median run: messages / sales / final results / commits': `${s.messages} / ${s.sales} / ${s.finals} / ${mid.commits}`,
      [`latency p50 / p95 / p99 / max at ${opts.rate ?? 1_000}/s offered (ms)`]:
        [lat.p50, lat.p95, lat.p99, lat.max].map((x) => x.toFixed(2)).join(' / '),
      'offered load achieved (messages/s)': lat.offered,
      'peak RSS (MB, whole process, sampled every 20 ms)': Number((peakRss / 2 ** 20).toFixed(1)),
      'RSS when this suite started (MB)': Number((startRss / 2 ** 20).toFixed(1)),
    };
  } finally {
    clearInterval(sampler);
    dir.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPipeline());
}
