/**
 * The worker thread of `startCoreThread`: the whole core (database, engine, group commit, supplier
 * work) in its own thread, serving the calls of the channels in the main thread. Replies queued
 * here are announced to the main thread's dispatcher as `queued` events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config/resolve-config.js';
import { GrammarError } from '../../grammar/grammar-error.js';
import { outboxRepo, type OutboxRow } from '../../store/repos/outbox-repo.js';
import { reloadFormats, startCoreDuties } from '../core-duties.js';
import { createGatewayCore } from '../gateway-core.js';
import { pushable } from '../outbox-dispatcher.js';
import type { CoreMethods, StartFailure } from './core-methods.js';
import { fromWire } from './inbound-wire.js';
import { ThreadLink } from './thread-link.js';

const link = new ThreadLink<Record<string, never>, CoreMethods>(parentPort!);
const config = (workerData as { config: Config }).config;
const log = (line: string) => link.emit('log', line);

try {
  const core = await createGatewayCore(config, { log, overlap: true });
  const stopDuties = startCoreDuties(core, config, log);
  core.dispatcher.events.on('queued', (row: OutboxRow) => link.emit('queued', pushable(row)));
  link.serve({
    handle: (w) => core.pipeline.handle(fromWire(w)), // the port would drop what this thread's peer parsed
    delivered: core.delivered,
    retryLater: core.retryLater,
    recentContent: core.recentContent,
    unsentTo: core.unsentTo,
    saleResult: core.saleResult,
    partsOf: core.partsOf,
    addPart: core.addPart,
    addReceipt: core.addReceipt,
    agentOfSender: core.agentOfSender,
    bindSenderByPhone: core.bindSenderByPhone,
    due: (channel, now, limit) => outboxRepo.due(core.store.sql, channel, now, limit),
    reload: (source) => reloadFormats(core, source),
    close: () => {
      stopDuties();
      core.close();
    },
  });
  link.emit('ready', null);
} catch (e) {
  // A broken grammar is told as such, for `start` to say so and exit as it does in-process.
  const failure: StartFailure = e instanceof GrammarError
    ? { grammar: { reason: e.reason, ...(e.key === undefined ? {} : { key: e.key }), ...(e.format === undefined ? {} : { format: e.format }) } }
    : { message: e instanceof Error ? e.message : String(e) };
  link.emit('failed', failure);
}
