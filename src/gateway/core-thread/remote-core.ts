import { Worker } from 'node:worker_threads';
import type { Config } from '../../config/resolve-config.js';
import { createPinHasher, loadPinKey, type PinHasher } from '../../engine/pin-hasher.js';
import { GrammarError } from '../../grammar/grammar-error.js';
import { LanguageHolder } from '../../grammar/language-holder.js';
import { buildLanguage, type CompiledLanguage } from '../../grammar/language.js';
import type { InboundMessage } from '../envelope.js';
import type { GatewayPort } from '../gateway-port.js';
import { startCheckpointer, type Checkpointer } from '../../store/checkpointer.js';
import { migrate, openDatabase } from '../../store/open-store.js';
import { OutboxDispatcher, type PushableRow } from '../outbox-dispatcher.js';
import { contentKeyOf } from '../pipeline.js';
import type { PinOf } from '../process-message.js';
import type { CoreMethods, StartFailure } from './core-methods.js';
import { toWire, type InboundWire } from './inbound-wire.js';
import { ThreadLink } from './thread-link.js';

/** How long the core thread may take to open the database (migrations included), and to close it. */
const START_TIMEOUT_MS = 120_000;
const CLOSE_TIMEOUT_MS = 10_000;
/** How often the main thread copies the WAL into the database (store/checkpointer.ts). */
const CHECKPOINT_EVERY_MS = 200;

/** Senders whose agent's PIN hash the channels' thread keeps (then it starts again). */
const KNOWN_PINS_LIMIT = 100_000;

/** How often unsent replies are swept, and the first retry delay after a failed send. */
export interface OutboxTimings {
  readonly pollMs: number;
  readonly retryMs: number;
}

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
 * with the core's error when it cannot (a GrammarError for a broken grammar, as in-process).
 */
export async function startCoreThread(
  config: Config, log: (line: string) => void, outbox: OutboxTimings = { pollMs: 1_000, retryMs: 5_000 },
): Promise<CoreThread> {
  // Migrations run here first: rebuilding a large table takes minutes (0007: ~10 µs per journal
  // row), which the start timeout below must not cut short. The worker then finds nothing to do.
  if (config.databasePath !== ':memory:') {
    const db = openDatabase(config.databasePath);
    try {
      await migrate(db);
    } finally {
      db.close();
    }
  }
  const pins = createPinHasher(loadPinKey(config.pinKey)); // the worker reads the same key
  // The same formats as the core's: commands are parsed here, beside the transport work, and
  // the core takes them instead of parsing again while its language has the same stamp.
  const language = new LanguageHolder(buildLanguage(config.grammar, config.replies));
  // Each sender's agent's PIN as the core last told it (code and stored hash): a command's PIN is
  // checked here too, and the core skips its own check while that hash is still the agent's.
  const pinsOf = new Map<string, PinOf>();
  const learn = (sender: string, pin: PinOf) => {
    if (pinsOf.size >= KNOWN_PINS_LIMIT && !pinsOf.has(sender)) pinsOf.clear();
    pinsOf.set(sender, pin);
  };
  const worker = spawnWorker({ config });
  const link = new ThreadLink<CoreMethods>(worker);
  const confirmations = deliveries((ids) => link.call('delivered', ids));
  let dispatcher: OutboxDispatcher | undefined;
  link.on<string>('log', log);
  link.on<PushableRow>('queued', (row) => dispatcher?.queued([row]));
  let stopping = false;
  let gone: Error | undefined;
  const died = new Promise<Error>((resolve) => {
    const end = (e: Error) => {
      if (gone) return; // 'error' is followed by 'exit'
      gone = e;
      link.fail(e);
      if (stopping) return; // closed on purpose: not a death
      log(`the core thread stopped: ${e.message}`);
      resolve(e);
    };
    worker.once('error', end);
    worker.once('exit', (code) => end(new Error(`core thread exited (${code})`)));
  });
  const stop = async () => {
    stopping = true;
    await worker.terminate();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      link.on('ready', () => resolve());
      link.on<StartFailure>('failed', (f) => reject('grammar' in f ? new GrammarError(f.grammar) : new Error(f.message)));
      void died.then(reject);
      setTimeout(() => reject(new Error(`the core thread did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS).unref();
    });
  } catch (e) {
    await stop();
    throw e;
  }
  // The WAL is copied back into the database from this thread, off the core thread's commits.
  // Without it (the file cannot be opened a second time) the core's own checkpoints still run.
  let checkpoints: Checkpointer | undefined;
  try {
    if (config.databasePath !== ':memory:') checkpoints = startCheckpointer(config.databasePath, CHECKPOINT_EVERY_MS, log);
  } catch (e) {
    log(`WAL checkpoints stay in the core thread: ${e instanceof Error ? e.message : String(e)}`);
  }
  void died.then(() => checkpoints?.stop());
  const port: Omit<CoreThread, 'dispatcher' | 'register' | 'unregister'> = {
    now: () => Date.now(),
    handle: (m) =>
      link.call('handle', preparsed(language.current, m, pins, pinsOf.get(m.sender))).then((h) => {
        if (!h.pinOf) return h;
        learn(m.sender, h.pinOf);
        // The agent's code and hash stay in this thread's cache: the channels are not given them.
        return { inboundId: h.inboundId, duplicate: h.duplicate, replies: h.replies, saleId: h.saleId };
      }),
    delivered: confirmations.confirm,
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
    async reload(source) {
      const refused = await link.call('reload', { grammar: source.grammar, replies: source.replies });
      // As the core did (were the build here to fail, the stamps differ and the core parses).
      if (refused === undefined) language.tryReload(() => buildLanguage(source.grammar, source.replies));
      return refused;
    },
    died,
    async close() {
      dispatcher?.stop();
      if (gone) return;
      checkpoints?.stop(); // the core's connection, closing last, checkpoints what is left
      await confirmations.settled(); // confirmations still gathering go ahead of the close
      // The core commits what it holds and closes the database; a core stuck that long is stopped.
      await Promise.race([link.call('close').catch(() => {}), new Promise((r) => setTimeout(r, CLOSE_TIMEOUT_MS).unref())]);
      await stop();
    },
  };
  const d = new OutboxDispatcher(
    { delivered: port.delivered, retryLater: port.retryLater, due: (channel, now, limit) => link.call('due', channel, now, limit) },
    { ...outbox, now: port.now },
  );
  dispatcher = d;
  return { ...port, dispatcher: d, register: (c) => d.register(c), unregister: (name) => d.unregister(name) };
}

/**
 * `m` as it crosses, with its command parsed by `lang` when it parses (one that does not is left to
 * the core), and with the stored hash its PIN matches when `known` is its agent's and matches.
 */
export function preparsed(lang: CompiledLanguage, m: InboundMessage, pins: PinHasher, known: PinOf | undefined): InboundWire {
  try {
    const parsed = lang.parse(m.text);
    if (!parsed.ok) return toWire(m, undefined);
    const command = parsed.command;
    const pinHash = known !== undefined && 'pin' in command && pins.verify(known.code, command.pin, known.hash) ? known.hash : undefined;
    return toWire(m, { stamp: lang.stamp, command, pinHash });
  } catch {
    return toWire(m, undefined); // (neither throws; were one to, the core parses and checks the message itself)
  }
}

/**
 * The dispatcher confirms each reply on its own; the confirmations of one turn of the event loop
 * cross to the core as one call (a call per reply cost the two threads more than the reply's
 * own mark). Every caller of the turn waits for that call: their marks commit together.
 */
export function deliveries(send: (ids: number[]) => Promise<void>): {
  confirm(ids: readonly number[]): Promise<void>;
  /** Settles once the confirmations made so far have crossed and been answered (or failed). */
  settled(): Promise<void>;
} {
  let ids: number[] = [];
  let turn: Promise<void> | undefined;
  let last: Promise<void> = Promise.resolve();
  return {
    confirm(more) {
      if (more.length === 0) return Promise.resolve();
      for (const id of more) ids.push(id);
      turn ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        const batch = ids;
        ids = [];
        turn = undefined;
        return send(batch);
      });
      last = turn;
      return turn;
    },
    settled: () => last.catch(() => {}),
  };
}
