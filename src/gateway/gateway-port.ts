import type { Binding, BindingRefusal } from '../engine/sender-binding.js';
import type { Result } from '../domain/result.js';
import type { OutboxPartRow } from '../store/repos/sms-parts-repo.js';
import type { InboundMessage, OutboundMessage } from './envelope.js';
import type { PushChannel } from './outbox-dispatcher.js';
import type { HandledMessage } from './pipeline.js';

/** A part of a split reply the peer accepted under `messageId`. */
export interface AcceptedPart {
  readonly outboxId: number;
  readonly seq: number;
  readonly total: number;
  readonly ref: number;
  readonly channel: string;
  readonly messageId: string;
}

/** A delivery receipt of a part (client mode). */
export interface ReceiptRecord {
  readonly channel: string;
  readonly messageId: string;
  readonly state: string;
  readonly error: string | null;
}

/**
 * Everything a channel may ask of the gateway. The core implements it in-process
 * (`createGatewayCore`), and `startCoreThread` implements it across a worker thread, so a channel
 * neither knows nor cares where the database is. Whatever touches the database is asynchronous.
 */
export interface GatewayPort {
  /** The gateway's clock (epoch ms). */
  now(): number;
  /** Journals a message, runs it and queues its replies; resolves once that is committed. */
  handle(msg: InboundMessage): Promise<HandledMessage>;
  /** The channel confirmed these replies. */
  delivered(ids: readonly number[]): Promise<void>;
  /** Delivery failed: try again after `delayMs`. */
  retryLater(id: number, delayMs: number): Promise<void>;
  /** A keyed digest of a message's identifying content (see InboundMessage.contentKey). */
  contentKey(raw: string): string;
  /** Messages of a channel since a time that carry a content key, with the ids they were given. */
  recentContent(channel: string, since: number): Promise<Array<{ key: string; messageId: string; at: number }>>;
  /** Replies to `to` on a channel that cannot push (HTTP), still waiting to be fetched. */
  unsentTo(channel: string, to: string): Promise<OutboundMessage[]>;
  /** The final-result reply of a sale once it is queued, or undefined after `timeoutMs`. */
  saleResult(saleId: number, timeoutMs: number): Promise<OutboundMessage | undefined>;
  /** A push channel is up: replies for it are sent through it (and those left unsent, at once). */
  register(channel: PushChannel): void;
  unregister(name: string): void;
  /** The parts of a split reply already accepted by the peer. */
  partsOf(outboxId: number): Promise<OutboxPartRow[]>;
  /** Records an accepted part; resolves once durable. */
  addPart(part: AcceptedPart): Promise<void>;
  /** Records a delivery receipt; resolves once durable. */
  addReceipt(receipt: ReceiptRecord): Promise<void>;
  /** The agent code bound to a sender address (Telegram's welcome). */
  agentOfSender(address: string): Promise<string | undefined>;
  /** Binds a chat address to the agent registered under a phone number (Telegram's contact). */
  bindSenderByPhone(req: { readonly phone: string; readonly address: string }): Promise<Result<Binding, BindingRefusal>>;
}
