import { Worker } from 'node:worker_threads';
import type { Config } from '../../config/resolve-config.js';
import { createPinHasher, loadPinKey } from '../../engine/pin-hasher.js';
import { buildLanguage } from '../../grammar/language.js';
import type { OutboxRow } from '../../store/repos/outbox-repo.js';
import type { GatewayPort } from '../gateway-port.js';
import { OutboxDispatcher } from '../outbox-dispatcher.js';
import { contentKeyOf } from '../pipeline.js';
import { ThreadLink } from './thread-link.js';

/** The gateway's core in a worker thread, as the channels of this thread see it. */
export interface CoreThread extends GatewayPort {
  /** Pushes queued replies through the channels of this thread. */
  readonly dispatcher: OutboxDispatcher;
  /** Rebuilds the formats and replies in the core; the error's text when the edit is refused. */
  reload(source: Pick<Config, 'grammar' | 'replies'>): Promise<string | undefined>;
  /** Settles if the thread dies before `close` (the gateway cannot go on without it). */
  readonly died: Promise<Error>;
  close(): Promise<void>;
}

/** The worker beside this file: compiled, or its TypeScript through tsx's loader (tests, `tsx`). */
function spawnWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./core-worker.js', import.meta.url), { workerData });
  const file = new URL('./core-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Starts the core (database, engine, group commit, supplier work) in a worker thread, so that
 * the database work of one message runs beside the transport work (sockets, PDU codec, reply
 * splitting) of others on a second core. Resolves once the core has opened the database; rejects
 * with the core's error when it cannot (a broken grammar is reported before the thread starts).
 */
export async function startCoreThread(config: Config, log: (line: string) => void): Promise<CoreThread> {
  buildLanguage(config.grammar, config.replies); // throws GrammarError here, as in-process start does
  const pins = createPinHasher(loadPinKey(config.pinKey)); // the worker reads the same key
  const worker = spawnWorker({ config });
  const link = new ThreadLink(worker);
  let dispatcher: OutboxDispatcher | undefined;
  link.on<string>('log', log);
  link.on<OutboxRow>('queued', (row) => dispatcher?.queued([row]));
  let stopping = false;
  const died = new Promise<Error>((resolve) => {
    const gone = (e: Error) => {
      link.fail(e);
      if (stopping) return; // closed on purpose: not a death
      log(`the core thread stopped: ${e.message}`);
      resolve(e);
    };
    worker.once('error', gone);
    worker.once('exit', (code) => gone(new Error(`core thread exited (${code})`)));
  });
  await new Promise<void>((resolve, reject) => {
    link.on<{ clashes: string[] }>('ready', () => resolve());
    link.on<string>('failed', (why) => {
      stopping = true;
      void worker.terminate();
      reject(new Error(why));
    });
    void died.then(reject);
  });
  const port: Omit<CoreThread, 'dispatcher' | 'register' | 'unregister'> = {
    now: () => Date.now(),
    handle: (m) => link.call('handle', m),
    delivered: (ids) => (ids.length === 0 ? Promise.resolve() : link.call('delivered', ids)),
    retryLater: (id, delayMs) => link.call('retryLater', id, delayMs),
    contentKey: (raw) => contentKeyOf(pins, raw),
    recentContent: (channel, since) => link.call('recentContent', channel, since),
    unsentTo: (channel, to) => link.call('unsentTo', channel, to),
    saleResult: (saleId, timeoutMs) => link.call('saleResult', saleId, timeoutMs),
    partsOf: (outboxId) => link.call('partsOf', outboxId),
    addPart: (part) => link.call('addPart', part),
    addReceipt: (r) => link.call('addReceipt', r),
    agentOfSender: (address) => link.call('agentOfSender', address),
    bindSenderByPhone: (req) => link.call('bindSenderByPhone', req),
    reload: (source) => link.call('reload', { grammar: source.grammar, replies: source.replies }),
    died,
    async close() {
      stopping = true;
      dispatcher?.stop();
      await link.call('close').catch(() => {});
      await worker.terminate();
    },
  };
  const d = new OutboxDispatcher(
    {
      delivered: port.delivered,
      retryLater: port.retryLater,
      due: (channel, now, limit) => link.call<OutboxRow[]>('due', channel, now, limit),
    },
    { pollMs: 1_000, retryMs: 5_000, now: port.now },
  );
  dispatcher = d;
  return { ...port, dispatcher: d, register: (c) => d.register(c), unregister: (name) => d.unregister(name) };
}
