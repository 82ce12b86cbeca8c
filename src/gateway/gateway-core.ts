import type { Config } from '../config/resolve-config.js';
import type { Clock } from '../engine/context.js';
import { createEngine, type Engine } from '../engine/create-engine.js';
import { finishSale } from '../engine/sales.js';
import type { Supplier } from '../engine/supplier.js';
import { LanguageHolder } from '../grammar/language-holder.js';
import { buildLanguage } from '../grammar/language.js';
import { productsRepo } from '../store/repos/products-repo.js';
import type { OutboxRow } from '../store/repos/outbox-repo.js';
import { openStore, type Store } from '../store/open-store.js';
import { agentOfSender, bindSenderByPhone } from '../engine/sender-binding.js';
import { outboxRepo } from '../store/repos/outbox-repo.js';
import { smsPartsRepo } from '../store/repos/sms-parts-repo.js';
import { awaitSaleResult } from './await-sale-result.js';
import type { GatewayPort } from './gateway-port.js';
import { GroupCommitter } from './group-committer.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { Pipeline } from './pipeline.js';
import type { PipelineDeps } from './process-message.js';
import { RateLimiter } from './rate-limiter.js';
import { queueSaleResult } from './sale-results.js';

/** The gateway in this thread: the port every channel uses, and the parts behind it. */
export interface GatewayCore extends GatewayPort {
  readonly config: Config;
  readonly store: Store;
  readonly engine: Engine;
  readonly language: LanguageHolder;
  readonly committer: GroupCommitter;
  readonly pipeline: Pipeline;
  readonly dispatcher: OutboxDispatcher;
  /** Product codes that clash with a keyword in effect (reported at start). */
  readonly clashes: readonly string[];
  close(): void;
}

export interface CoreOptions {
  readonly clock?: Clock;
  readonly supplier?: Supplier;
  /** How often unsent replies are swept, and the first retry delay after a failed send. */
  readonly outbox?: { readonly pollMs: number; readonly retryMs: number };
  /** Where operational problems are told (default: stderr). */
  readonly log?: (line: string) => void;
  /** The channels run in another thread (group-committer.ts `overlap`). */
  readonly overlap?: boolean;
}

/**
 * Composes the gateway without any channel: language (throws GrammarError on a broken set),
 * database, engine, group committer, pipeline and outbox dispatcher. Used by `start`, by
 * `pulsagate send` and by the tests.
 */
export async function createGatewayCore(config: Config, opts: CoreOptions = {}): Promise<GatewayCore> {
  const language = new LanguageHolder(buildLanguage(config.grammar, config.replies));
  const store = await openStore(config.databasePath);
  let applyVerdict: (id: number, v: Parameters<typeof finishSale>[2]) => Promise<unknown> = async () => {};
  const engine = createEngine(store, config, {
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.supplier ? { supplier: opts.supplier } : {}),
    isReservedCode: (code) => language.current.keywords.has(code.toUpperCase()),
    applyVerdict: (id, v) => applyVerdict(id, v),
    onSaleError: (id, what, e) =>
      (opts.log ?? ((l: string) => console.error(l)))(
        `sale T${id}: ${what === 'supplier' ? 'supplier did not answer' : 'could not apply the verdict'} (${e instanceof Error ? e.message : e}); asking again later`,
      ),
  });
  const committer = new GroupCommitter(store.sql, { maxBatch: config.gateway.maxBatch, overlap: opts.overlap });
  const deps: PipelineDeps = {
    ctx: engine.ctx, language, settings: config.gateway, limiter: new RateLimiter(config.gateway.ratePerMinute),
  };
  let dispatcher: OutboxDispatcher | undefined;
  const pipeline = new Pipeline(deps, committer, engine.processor, (rows) => dispatcher?.queued(rows));
  const sql = store.sql;
  const ledger = {
    delivered: (ids: readonly number[]) => pipeline.delivered(ids),
    retryLater: (id: number, delayMs: number) => pipeline.retryLater(id, delayMs),
    due: (channel: string, now: number, limit: number) => outboxRepo.due(sql, channel, now, limit),
  };
  dispatcher = new OutboxDispatcher(ledger, {
    ...(opts.outbox ?? { pollMs: 1_000, retryMs: 5_000 }),
    now: () => engine.ctx.clock.now(),
  });
  const d = dispatcher;
  applyVerdict = async (id, verdict) => {
    const rows = await committer.run(() => {
      const queued: OutboxRow[] = [];
      finishSale(engine.ctx, id, verdict, (f) => {
        const row = queueSaleResult(deps, f);
        if (row) queued.push(row);
      });
      return queued;
    });
    d.queued(rows);
  };
  const clashes = productsRepo.all(store.sql).map((p) => p.code).filter((c) => language.current.keywords.has(c));
  const now = () => engine.ctx.clock.now();
  const port: GatewayPort = {
    now,
    // A command parsed (and its PIN checked) elsewhere comes only from the channels' thread of
    // this process (core-thread/), which calls the pipeline itself: a channel's is dropped.
    handle: (m) => pipeline.handle(m.preparsed === undefined ? m : { ...m, preparsed: undefined }),
    delivered: ledger.delivered,
    retryLater: ledger.retryLater,
    contentKey: (raw) => pipeline.contentKey(raw),
    recentContent: async (channel, since) => pipeline.recentContent(channel, since),
    unsentTo: async (channel, to) => pipeline.unsentTo(channel, to),
    saleResult: (saleId, timeoutMs) => awaitSaleResult(sql, d, saleId, timeoutMs),
    register: (channel) => d.register(channel),
    unregister: (name) => d.unregister(name),
    partsOf: async (outboxId) => smsPartsRepo.partsOf(sql, outboxId),
    addPart: (part) => committer.run(() => smsPartsRepo.addPart(sql, part, now())),
    addReceipt: (r) => committer.run(() => smsPartsRepo.addReceipt(sql, r, now())),
    agentOfSender: async (address) => agentOfSender(engine.ctx, address)?.code,
    bindSenderByPhone: (req) => committer.run(() => bindSenderByPhone(engine.ctx, req)),
  };
  return {
    ...port,
    config, store, engine, language, committer, pipeline, dispatcher: d, clashes,
    close() {
      d.stop();
      engine.processor.stop();
      committer.drain();
      store.close();
    },
  };
}
