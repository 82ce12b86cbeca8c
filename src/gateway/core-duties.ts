import type { Config } from '../config/resolve-config.js';
import { buildLanguage } from '../grammar/language.js';
import { isEmpty, seedDemo } from './demo-seed.js';
import type { GatewayCore } from './gateway-core.js';

/**
 * What the running gateway's core does beside answering channels, wherever it runs: warn about
 * product codes that clash with keywords, seed the demo on an empty database, and hand the sales
 * left pending (by a previous run or another process) to the supplier again, now and every
 * `supplier.recheckMs`. Returns what stops the recheck.
 */
export function startCoreDuties(core: GatewayCore, config: Config, log: (line: string) => void): () => void {
  for (const c of core.clashes) log(`warning: product ${c} has the code of a command keyword and cannot be bought by chat`);
  if (config.demo && isEmpty(core.engine.ctx)) log(seedDemo(core.engine.ctx));
  const resumed = core.engine.processor.resumePending();
  if (resumed > 0) log(`${resumed} pending sale(s) handed to the supplier again`);
  const sweep = setInterval(() => core.engine.processor.resumePending(), config.supplier.recheckMs);
  return () => clearInterval(sweep);
}

/** Rebuilds the formats and replies from `source`; the error's text when refused (the running set stays). */
export function reloadFormats(core: GatewayCore, source: Pick<Config, 'grammar' | 'replies'>): string | undefined {
  const r = core.language.tryReload(() => buildLanguage(source.grammar, source.replies));
  return r.ok ? undefined : r.error.message;
}
