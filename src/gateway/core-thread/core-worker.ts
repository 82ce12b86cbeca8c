/**
 * The worker thread of `startCoreThread`: the whole core (database, engine, group commit, supplier
 * work) in its own thread, serving the calls of the channels in the main thread. Replies queued
 * here are announced to the main thread's dispatcher as `queued` events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config/resolve-config.js';
import { buildLanguage } from '../../grammar/language.js';
import { outboxRepo, type OutboxRow } from '../../store/repos/outbox-repo.js';
import { startCoreDuties } from '../core-duties.js';
import { createGatewayCore } from '../gateway-core.js';
import type { GatewayPort } from '../gateway-port.js';
import { ThreadLink } from './thread-link.js';

const link = new ThreadLink(parentPort!);
const config = (workerData as { config: Config }).config;
const log = (line: string) => link.emit('log', line);

try {
  const core = await createGatewayCore(config, { log });
  const stopDuties = startCoreDuties(core, config, log);
  core.dispatcher.events.on('queued', (row: OutboxRow) => link.emit('queued', row));
  const served: Omit<GatewayPort, 'now' | 'contentKey' | 'register' | 'unregister'> = core;
  link.serve({
    handle: served.handle,
    delivered: served.delivered,
    retryLater: served.retryLater,
    recentContent: served.recentContent,
    unsentTo: served.unsentTo,
    saleResult: served.saleResult,
    partsOf: served.partsOf,
    addPart: served.addPart,
    addReceipt: served.addReceipt,
    agentOfSender: served.agentOfSender,
    bindSenderByPhone: served.bindSenderByPhone,
    due: (channel: string, now: number, limit: number) => outboxRepo.due(core.store.sql, channel, now, limit),
    reload: (source: Pick<Config, 'grammar' | 'replies'>) => {
      const r = core.language.tryReload(() => buildLanguage(source.grammar, source.replies));
      return r.ok ? undefined : r.error.message;
    },
    close: () => {
      stopDuties();
      core.close();
    },
  });
  link.emit('ready', { clashes: core.clashes });
} catch (e) {
  link.emit('failed', e instanceof Error ? e.message : String(e));
}
