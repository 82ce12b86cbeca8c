import type { Config } from '../../config/resolve-config.js';
import type { GrammarErrorDetail } from '../../grammar/grammar-error.js';
import type { OutboxRow } from '../../store/repos/outbox-repo.js';
import type { GatewayPort } from '../gateway-port.js';
import type { InboundWire } from './inbound-wire.js';

/** What the core thread serves the channels' thread: the port's database calls, and its own. */
export type CoreMethods = Pick<
  GatewayPort,
  | 'delivered' | 'retryLater' | 'recentContent' | 'unsentTo' | 'saleResult'
  | 'partsOf' | 'addPart' | 'addReceipt' | 'agentOfSender' | 'bindSenderByPhone'
> & {
  /** `GatewayPort.handle`, the message as a flat tuple (inbound-wire.ts). */
  handle(msg: InboundWire): ReturnType<GatewayPort['handle']>;
  /** Unsent rows of a channel due by `now` (the main thread's dispatcher sweeps with it). */
  due(channel: string, now: number, limit: number): OutboxRow[];
  /** Rebuilds formats and replies; the error's text when the edit is refused. */
  reload(source: Pick<Config, 'grammar' | 'replies'>): string | undefined;
  /** Stops the core's duties and closes the database. */
  close(): void;
};

/** Why the core thread could not start: a broken grammar, or anything else as text. */
export type StartFailure = { readonly grammar: GrammarErrorDetail } | { readonly message: string };
