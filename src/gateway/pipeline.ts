import type { PinHasher } from '../engine/pin-hasher.js';
import type { SaleProcessor } from '../engine/sale-processor.js';
import { normalizeSender } from '../engine/senders.js';
import { journalRepo } from '../store/repos/journal-repo.js';
import { outboxRepo, type OutboxRow } from '../store/repos/outbox-repo.js';
import { settledMessage, type InboundMessage, type OutboundMessage } from './envelope.js';
import { BatchFailedError, isStorageFailure, type GroupCommitter } from './group-committer.js';
import { maskPins } from './mask-pins.js';
import { processMessage, replay, type PinOf, type PipelineDeps, type Processed } from './process-message.js';

export interface HandledMessage {
  readonly inboundId: number;
  readonly duplicate: boolean;
  readonly replies: readonly OutboundMessage[];
  /** The sale this message started, whose final result will be queued later. */
  readonly saleId?: number | undefined;
  /**
   * The agent's code and PIN hash, for the channels' thread that parsed the command to check the
   * sender's next PIN with (remote-core.ts, which keeps it from the channels).
   */
  readonly pinOf?: PinOf | undefined;
}

/** The content key of a raw message under the PIN key (the same in every thread and process). */
export const contentKeyOf = (pins: PinHasher, raw: string): string => pins.keyed('inbound-content', raw);

export const toOutbound = (r: Pick<OutboxRow, 'id' | 'channel' | 'recipient' | 'text'>): OutboundMessage => ({ id: r.id, channel: r.channel, to: r.recipient, text: r.text });

/**
 * The gateway every channel feeds. `handle` resolves once the message, its effect and its replies
 * are committed; the channel delivers the replies and then calls `delivered` with their ids. A
 * message that throws where nothing should is journaled with a generic apology: the gateway never
 * crashes and never loses a message.
 */
export class Pipeline {
  private confirmed: number[] = [];
  private confirmedJob: Promise<void> | undefined;

  constructor(
    private readonly deps: PipelineDeps,
    private readonly committer: GroupCommitter,
    private readonly processor: SaleProcessor,
    private readonly onQueued: (rows: readonly OutboxRow[]) => void = () => {},
  ) {}

  async handle(received: InboundMessage): Promise<HandledMessage> {
    // One sender key everywhere (journal, de-duplication, sale reference) however the number was
    // written; replies still go to the chat address the channel gave.
    const msg = settledMessage(received, normalizeSender(received.sender) ?? received.sender, received.chat ?? received.sender);
    let processed: Processed;
    try {
      processed = await this.committer.run(() => processMessage(this.deps, msg));
    } catch (error) {
      // The database could not commit (locked, full, failing disk): nothing of this message is
      // stored, so the channel must not acknowledge it and will deliver it again.
      if (error instanceof BatchFailedError || isStorageFailure(error)) throw error;
      processed = await this.committer.run(() => this.apologise(msg, error));
    }
    if (processed.sale && !processed.duplicate) this.processor.submit(processed.sale);
    if (!processed.duplicate) this.onQueued(processed.replies);
    return {
      inboundId: processed.inboundId, duplicate: processed.duplicate, replies: processed.replies.map(toOutbound),
      saleId: processed.sale?.id, pinOf: processed.pinOf,
    };
  }

  /**
   * The channel confirmed these replies: mark them sent. Every confirmation of the same turn of
   * the event loop goes into one job of the next group commit.
   */
  delivered(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    for (const id of ids) this.confirmed.push(id);
    if (this.confirmedJob) return this.confirmedJob;
    let ran = false;
    let marked: number[] | undefined;
    const job: Promise<void> = this.committer.run(() => {
      ran = true; // (may run synchronously, inside run(), when the batch is full)
      this.confirmedJob = undefined; // confirmations from now on need a job of their own
      marked ??= this.confirmed.splice(0); // the same ids if the batch runs this job a second time
      const at = this.deps.ctx.clock.now();
      outboxRepo.markManySent(this.deps.ctx.sql, marked, at);
    });
    // Later confirmations join this job until it has run; a batch that failed before the job
    // ran leaves its ids queued for the next one.
    if (!ran) {
      this.confirmedJob = job;
      void job.catch(() => {}).finally(() => {
        if (this.confirmedJob === job) this.confirmedJob = undefined;
      });
    }
    return job;
  }

  /**
   * A keyed digest (the PIN key) of a message's identifying content: stable across restarts, and
   * it does not give away a PIN that is part of that content.
   */
  contentKey(raw: string): string {
    return contentKeyOf(this.deps.ctx.pins, raw);
  }

  /** Messages of a channel since a time that carry a content key, with the ids they were given. */
  recentContent(channel: string, since: number): Array<{ key: string; messageId: string; at: number }> {
    return journalRepo
      .recentWithContentKey(this.deps.ctx.sql, channel, since)
      .map((r) => ({ key: r.content_key, messageId: r.message_id, at: r.received_at }));
  }

  /** Replies to `to` on a channel that cannot push (HTTP), still waiting to be fetched. */
  unsentTo(channel: string, to: string): OutboundMessage[] {
    return outboxRepo.unsentTo(this.deps.ctx.sql, channel, to).map(toOutbound);
  }

  /** Delivery failed: try again after `delayMs`. */
  retryLater(id: number, delayMs: number): Promise<void> {
    const at = this.deps.ctx.clock.now() + delayMs;
    return this.committer.run(() => void outboxRepo.retryLater(this.deps.ctx.sql, id, at));
  }

  private apologise(msg: InboundMessage, error: unknown): Processed {
    const sql = this.deps.ctx.sql;
    const prior = journalRepo.find(sql, msg.channel, msg.sender, msg.messageId);
    if (prior) return replay(sql, prior, msg);
    const chat = msg.chat ?? msg.sender;
    const text = maskPins(msg.text, undefined);
    const inboundId = journalRepo.insert(
      sql,
      { channel: msg.channel, messageId: msg.messageId, sender: msg.sender, chat, text, at: msg.receivedAt, contentKey: msg.contentKey },
      { agent: null, command: null, outcome: `error: ${error instanceof Error ? error.name : 'unknown'}` },
    );
    const apology = this.deps.language.current.render('error.INTERNAL.ERROR');
    const row = outboxRepo.insert(sql, { channel: msg.channel, recipient: chat, text: apology, inboundId }, this.deps.ctx.clock.now());
    return { inboundId, replies: [row], duplicate: false };
  }
}
