import type { Config } from '../config/resolve-config.js';
import { loadSystemAccounts } from '../store/repos/ledger-repo.js';
import type { Store } from '../store/open-store.js';
import { systemClock, type Clock, type EngineContext } from './context.js';
import { HeldSales } from './held-sales.js';
import { createPinHasher, loadPinKey } from './pin-hasher.js';
import { SaleProcessor, type ProcessorOptions } from './sale-processor.js';
import { createSimulator } from './supplier-simulator.js';
import type { Supplier } from './supplier.js';

export interface EngineOptions {
  readonly clock?: Clock;
  readonly supplier?: Supplier;
  readonly isReservedCode?: (code: string) => boolean;
  readonly onSaleFinished?: ProcessorOptions['onFinished'];
  readonly applyVerdict?: ProcessorOptions['apply'];
  readonly onSaleError?: ProcessorOptions['onError'];
}

export interface Engine {
  readonly ctx: EngineContext;
  readonly processor: SaleProcessor;
  readonly supplier: Supplier;
}

/** Composes the engine's context from the configuration and an open store. */
export function createEngine(store: Store, config: Config, opts: EngineOptions = {}): Engine {
  const ctx: EngineContext = {
    sql: store.sql,
    settings: {
      currency: config.currency,
      timeZone: config.timeZone,
      maxMarkup: config.rules.maxMarkup,
      pinMaxAttempts: config.rules.pinMaxAttempts,
      commissionMode: config.rules.commissionMode,
      sameSaleWindow: config.rules.sameSaleWindow,
      discounts: config.reseller.discounts,
      activation: config.reseller.activation,
    },
    clock: opts.clock ?? systemClock,
    pins: createPinHasher(loadPinKey(config.pinKey)),
    accounts: loadSystemAccounts(store.sql),
    heldSales: new HeldSales(),
    isReservedCode: opts.isReservedCode ?? (() => false),
  };
  const supplier = opts.supplier ?? createSimulator(config.supplier.simulator);
  const processor = new SaleProcessor(ctx, supplier, {
    recheckMs: config.supplier.recheckMs,
    ...(opts.onSaleFinished ? { onFinished: opts.onSaleFinished } : {}),
    ...(opts.applyVerdict ? { apply: opts.applyVerdict } : {}),
    ...(opts.onSaleError ? { onError: opts.onSaleError } : {}),
  });
  return { ctx, processor, supplier };
}
