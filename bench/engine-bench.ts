/**
 * Issue 2 benchmark: durable sales per second through the engine (startSale + finishSale, one
 * commit each, synchronous=FULL) next to the same work in hand-written better-sqlite3 statements,
 * on copies of the same database, rounds interleaved; and price checks per second.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/load-config.js';
import { agentSummary } from '../src/engine/agents.js';
import { createEngine } from '../src/engine/create-engine.js';
import { priceOf } from '../src/engine/prices.js';
import { finishSale, startSale } from '../src/engine/sales.js';
import { checkLedger } from '../src/store/repos/ledger-check-repo.js';
import { openStore } from '../src/store/open-store.js';
import { agent, fund, manualSupplier, product } from '../test/support/engine-fixture.js';
import { tempDir } from '../test/support/temp-dir.js';
import { median, seeded, timeIt } from './bench-util.js';
import { rawSaleRunner } from './raw-sale.js';

const ROOTS = 20;
const FANOUT = 3;
const DEPTH = 5;
const PRODUCTS = 50;

async function seed(path: string): Promise<string[]> {
  const config = parseConfig({}, { file: 'bench', env: {}, cwd: '.', dbPath: path });
  const store = await openStore(path);
  const { ctx } = createEngine(store, config, { supplier: manualSupplier() });
  for (let p = 0; p < PRODUCTS; p++) product(ctx, { code: `P${p}`, price: 10_000 + p * 1_000, cost: 9_500 + p * 1_000 });
  const leaves: string[] = [];
  let level = Array.from({ length: ROOTS }, (_, i) => `R${i}`);
  level.forEach((code) => agent(ctx, { code, markup: 100 }));
  for (let d = 2; d <= DEPTH; d++) {
    const next: string[] = [];
    for (const up of level) {
      for (let k = 0; k < FANOUT; k++) {
        const code = `${up}X${k}`;
        agent(ctx, { code, upline: up, markup: 50 + d });
        next.push(code);
      }
    }
    level = next;
  }
  for (const leaf of level) {
    fund(ctx, leaf, 1_000_000_000);
    leaves.push(leaf);
  }
  store.close();
  return leaves;
}

export async function benchEngine(opts: { sales?: number; rounds?: number; quotes?: number } = {}) {
  const sales = opts.sales ?? 2_000;
  const rounds = opts.rounds ?? 3;
  const dir = tempDir('pulsagate-bench-');
  try {
    const master = join(dir.path, 'master.db');
    const leaves = await seed(master);
    const engineRates: number[] = [];
    const rawRates: number[] = [];
    let quoteRate = 0;
    for (let r = 0; r < rounds; r++) {
      for (const variant of ['engine', 'raw'] as const) {
        const path = join(dir.path, `${variant}-${r}.db`);
        copyFileSync(master, path);
        const rand = seeded(42 + r);
        const work = Array.from({ length: sales }, (_, i) => ({
          leaf: leaves[Math.floor(rand() * leaves.length)]!,
          product: `P${Math.floor(rand() * PRODUCTS)}`,
          dest: `0812${String(i).padStart(8, '0')}`,
        }));
        const config = parseConfig({}, { file: 'bench', env: {}, cwd: '.', dbPath: path });
        const store = await openStore(path);
        const { ctx } = createEngine(store, config, { supplier: manualSupplier() });
        const ids = new Map(leaves.map((l) => [l, agentSummary(ctx, l)!.agent.id]));
        if (variant === 'engine') {
          const secs = timeIt(() => {
            for (const w of work) {
              const s = startSale(ctx, { agentId: ids.get(w.leaf)!, product: w.product, dest: w.dest });
              if (!s.ok) throw new Error(s.code);
              finishSale(ctx, s.value.sale.id, { status: 'success', sn: 'SN' });
            }
          });
          engineRates.push(sales / secs);
          if (!checkLedger(ctx.sql).ok) throw new Error('engine bench left the ledger unbalanced');
          if (r === rounds - 1) quoteRate = benchQuotes(ctx, ids, opts.quotes ?? 20_000);
        } else {
          const run = rawSaleRunner(store.sql.db, ctx.accounts);
          const secs = timeIt(() => {
            for (const w of work) run(ids.get(w.leaf)!, w.product, w.dest);
          });
          rawRates.push(sales / secs);
          if (!checkLedger(ctx.sql).ok) throw new Error('raw bench left the ledger unbalanced');
        }
        store.close();
      }
    }
    const engine = median(engineRates);
    const raw = median(rawRates);
    return {
      'engine sales/s (hold + success, 2 durable commits each)': engine,
      'raw better-sqlite3 sales/s (same work)': raw,
      'engine / raw': `${((engine / raw) * 100).toFixed(0)} %`,
      'price checks/s (depth-5 buyer, priceOf)': quoteRate,
    };
  } finally {
    dir.cleanup();
  }
}

function benchQuotes(ctx: Parameters<typeof priceOf>[0], ids: Map<string, number>, n: number): number {
  const rand = seeded(7);
  const buyers = [...ids.values()];
  const secs = timeIt(() => {
    for (let i = 0; i < n; i++) {
      const q = priceOf(ctx, buyers[Math.floor(rand() * buyers.length)]!, `P${Math.floor(rand() * PRODUCTS)}`);
      if (!q.ok) throw new Error(q.code);
    }
  });
  return n / secs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchEngine());
}
