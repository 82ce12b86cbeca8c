import { EventEmitter } from 'node:events';
import type { OutboxRow } from '../store/repos/outbox-repo.js';
import type { OutboundMessage } from './envelope.js';
import { toOutbound } from './pipeline.js';

/** What pushing a reply needs of its outbox row (all that crosses from the core thread). */
export type PushableRow = Pick<OutboxRow, 'id' | 'channel' | 'recipient' | 'text' | 'attempts'>;

export const pushable = (r: PushableRow): PushableRow => ({ id: r.id, channel: r.channel, recipient: r.recipient, text: r.text, attempts: r.attempts });

const keyOf = (row: PushableRow) => `${row.channel}\u0000${row.recipient}`;

/** A channel that can push a message to a chat (SMS, Telegram, WhatsApp): resolves once confirmed. */
export interface PushChannel {
  readonly name: string;
  send(msg: OutboundMessage): Promise<void>;
}

export interface DeliveryLedger {
  delivered(ids: readonly number[]): Promise<void>;
  retryLater(id: number, delayMs: number): Promise<void>;
  /** Unsent rows of a channel due by `now`, oldest first (read where the database is). */
  due(channel: string, now: number, limit: number): readonly OutboxRow[] | Promise<readonly OutboxRow[]>;
}

/**
 * Sends outbox rows through the push channels that are up: at once when they are queued, and on
 * a timer for rows left unsent (a restart, a failed send, a reply queued by another process).
 * Replies to one chat go out one at a time, in order. A row is marked sent only after the channel
 * confirmed it; a failure retries later with backoff.
 */
export class OutboxDispatcher {
  readonly events = new EventEmitter();
  private readonly channels = new Map<string, PushChannel>();
  private readonly inFlight = new Set<number>();
  private readonly chains = new Map<string, Promise<void>>();
  /**
   * Chats whose earliest unsent reply failed: that reply (`id`) goes again once `until` has
   * passed, and no later reply of the chat goes out before it has.
   */
  private readonly held = new Map<string, { id: number; until: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly opts: { pollMs: number; retryMs: number; now: () => number },
  ) {
    this.events.setMaxListeners(0); // one listener per request waiting for a sale's result
  }

  register(channel: PushChannel): void {
    this.channels.set(channel.name, channel);
    this.sweep(channel.name);
  }

  unregister(name: string): void {
    this.channels.delete(name);
  }

  /** New rows were committed: push those whose channel is up; tell listeners (waiting CLI/HTTP). */
  queued(rows: readonly PushableRow[]): void {
    for (const r of rows) {
      this.events.emit('queued', r);
      if (this.channels.has(r.channel)) this.push(r);
    }
  }

  start(): void {
    this.timer ??= setInterval(() => {
      for (const name of this.channels.keys()) this.sweep(name);
    }, this.opts.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sweep(name: string): void {
    const now = this.opts.now();
    const rows = this.ledger.due(name, now, 500);
    if (!(rows instanceof Promise)) this.pushDue(rows, now);
    else void rows.then((rs) => this.pushDue(rs, now), () => {}); // swept again at the next tick of the timer
  }

  private pushDue(rows: readonly PushableRow[], now: number): void {
    // A held reply that is no longer due by its own time was sent or removed meanwhile (its hold
    // in the outbox ends no later than ours): the chat is free again.
    const due = new Set(rows.map((r) => r.id));
    for (const r of rows) {
      const key = keyOf(r);
      const h = this.held.get(key);
      if (h && h.until <= now && !due.has(h.id) && r.id > h.id) this.held.delete(key);
    }
    for (const r of rows) this.push(r);
  }

  private push(row: PushableRow): void {
    if (this.inFlight.has(row.id)) return;
    const channel = this.channels.get(row.channel);
    if (!channel) return;
    this.inFlight.add(row.id);
    const key = keyOf(row);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const h = this.held.get(key);
        // An earlier reply waits for its retry: this one stays in the outbox, swept after it.
        if (h && (row.id > h.id || (row.id === h.id && h.until > this.opts.now()))) return;
        await channel.send(toOutbound(row));
        this.held.delete(key);
        await this.ledger.delivered([row.id]);
      } catch {
        const delay = Math.min(this.opts.retryMs * 2 ** Math.min(row.attempts, 6), 10 * 60_000);
        const hold = { id: Math.min(row.id, this.held.get(key)?.id ?? row.id), until: Infinity };
        this.held.set(key, hold);
        await this.ledger.retryLater(row.id, delay).catch(() => {});
        // From when the outbox's own hold was written: ours never ends before it.
        hold.until = this.opts.now() + delay;
      } finally {
        this.inFlight.delete(row.id);
      }
    });
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }
}
