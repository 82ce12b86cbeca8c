import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/resolve-config.js';
import type { Clock, EngineContext } from '../../src/engine/context.js';
import { createEngine, type Engine } from '../../src/engine/create-engine.js';
import type { Supplier, SupplierAnswer, SupplierOrder } from '../../src/engine/supplier.js';
import { addAgent, type NewAgent } from '../../src/engine/agents.js';
import { upsertProduct, type ProductInput } from '../../src/engine/catalogue.js';
import { deposit } from '../../src/engine/balances.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { tempDir } from './temp-dir.js';

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 22, 3, 0, 0)): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms), set: (ms) => void (now = ms) };
}

/** A supplier that answers only when the test says so, and records what it was asked. */
export function manualSupplier(): Supplier & {
  orders: SupplierOrder[];
  answer(trxid: string, a: SupplierAnswer): void;
} {
  const waiting = new Map<string, (a: SupplierAnswer) => void>();
  const orders: SupplierOrder[] = [];
  return {
    orders,
    submit(order) {
      orders.push(order);
      return new Promise((resolve) => waiting.set(order.trxid, resolve));
    },
    answer(trxid, a) {
      const resolve = waiting.get(trxid);
      if (!resolve) throw new Error(`no order ${trxid} is waiting`);
      waiting.delete(trxid);
      resolve(a);
    },
  };
}

export interface EngineFixture {
  readonly dir: string;
  readonly store: Store;
  readonly config: Config;
  readonly engine: Engine;
  readonly ctx: EngineContext;
  readonly clock: ReturnType<typeof manualClock>;
  close(): void;
}

/** A real SQLite file with real migrations in a temp dir, and an engine over it. */
export async function engineFixture(
  raw: Record<string, unknown> = {},
  opts: { supplier?: Supplier; reserved?: (code: string) => boolean } = {},
): Promise<EngineFixture> {
  const dir = tempDir();
  const config = parseConfig(raw, { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'test.db') });
  const store = await openStore(config.databasePath);
  const clock = manualClock();
  const engine = createEngine(store, config, {
    clock,
    supplier: opts.supplier ?? manualSupplier(),
    ...(opts.reserved ? { isReservedCode: opts.reserved } : {}),
  });
  return {
    dir: dir.path, store, config, engine, ctx: engine.ctx, clock,
    close() {
      engine.processor.stop();
      store.close();
      dir.cleanup();
    },
  };
}

/** Adds an agent or fails the test with the refusal. */
export function agent(ctx: EngineContext, a: Partial<NewAgent> & { code: string }) {
  const r = addAgent(ctx, { name: a.code, pin: '1234', ...a });
  if (!r.ok) throw new Error(`addAgent ${a.code}: ${r.code}`);
  return r.value;
}

export function product(ctx: EngineContext, p: Partial<ProductInput> & { code: string; price: number }) {
  const r = upsertProduct(ctx, { name: p.code, ...p });
  if (!r.ok) throw new Error(`upsertProduct ${p.code}: ${r.code}`);
  return r.value;
}

export function fund(ctx: EngineContext, code: string, amount: number) {
  const r = deposit(ctx, code, amount);
  if (!r.ok) throw new Error(`deposit ${code}: ${r.code}`);
  return r.value.balance;
}

/** Builds a chain ROOT → L1 → … of `depth` agents with the same general markup on every edge. */
export function chain(ctx: EngineContext, depth: number, markup: number, prefix = 'L'): string[] {
  const codes: string[] = [];
  for (let i = 1; i <= depth; i++) {
    const code = `${prefix}${i}`;
    agent(ctx, { code, markup, ...(i > 1 ? { upline: codes[i - 2] } : {}) });
    codes.push(code);
  }
  return codes;
}
