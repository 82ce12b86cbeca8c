import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/resolve-config.js';
import type { EngineContext } from '../engine/context.js';
import { createEngine, type Engine } from '../engine/create-engine.js';
import { openStore, type Store } from '../store/open-store.js';

/** Options every command takes, before or after its name. */
export interface GlobalOptions {
  readonly config?: string;
  readonly db?: string;
}

export interface CliApp {
  readonly config: Config;
  readonly store: Store;
  readonly engine: Engine;
  readonly ctx: EngineContext;
}

export function configFrom(opts: GlobalOptions): Config {
  return loadConfig({ path: opts.config, dbPath: opts.db });
}

/** Hooks the composition root adds (the grammar's reserved keywords). */
export interface CliHooks {
  reservedCodes?: (config: Config) => Promise<(code: string) => boolean>;
}

/** Opens config, database (migrating it) and engine for one command, and closes them after. */
export async function withApp<T>(opts: GlobalOptions, hooks: CliHooks, fn: (app: CliApp) => T | Promise<T>): Promise<T> {
  const config = configFrom(opts);
  const isReservedCode = hooks.reservedCodes ? await hooks.reservedCodes(config) : undefined;
  const store = await openStore(config.databasePath);
  try {
    const engine = createEngine(store, config, isReservedCode ? { isReservedCode } : {});
    return await fn({ config, store, engine, ctx: engine.ctx });
  } finally {
    store.close();
  }
}
