import type { Command } from '../domain/commands.js';

/**
 * The one envelope every channel hands the gateway, and what goes back. A channel's adapter
 * turns its transport event into an InboundMessage and an OutboundMessage into a transport call;
 * nothing else of the transport reaches the pipeline.
 */
export interface InboundMessage {
  /** The channel instance, e.g. `http`, `smpp:aggregator`, `telegram`, `whatsapp`, `cli`. */
  readonly channel: string;
  /** The channel's own id of the message: the key that makes a redelivery run only once. */
  readonly messageId: string;
  /** Who sent it, as the channel knows them: a phone number or `tg:<user id>`. */
  readonly sender: string;
  /** Where replies go on that channel (a chat id); the sender when omitted. */
  readonly chat?: string | undefined;
  readonly text: string;
  readonly receivedAt: number;
  /**
   * For transports whose messages have no id of their own (SMPP): `pipeline.contentKey()` of what
   * identifies the message's content. Kept in the journal so that, after a restart, the channel
   * can give a redelivery the id the first copy had (`pipeline.recentContent`).
   */
  readonly contentKey?: string | undefined;
  /**
   * The channel minted `messageId` just now as a new id (SMPP, message-id.ts; a message not taken
   * as a redelivery): no journal row and no sale can carry it yet, so the pipeline skips both
   * de-duplication reads. Were an id ever reused, the journal's and the sale's unique indexes
   * would still refuse the second row.
   */
  readonly freshId?: boolean | undefined;
  /**
   * The command as the channels' thread parsed `text` with the language of stamp `stamp`
   * (core-thread/remote-core.ts): the core takes it instead of parsing again when its own
   * language has that stamp. Only a parse that succeeded is passed. `pinHash`: the agent's stored
   * PIN hash that thread found the command's PIN to match; the core skips its own check when it
   * still is the agent's (a changed PIN has another hash), and checks the PIN itself otherwise.
   * Only that thread sets it: the in-process port drops a channel's (gateway-core.ts).
   */
  readonly preparsed?: { readonly stamp: string; readonly command: Command; readonly pinHash?: string | undefined } | undefined;
}

/**
 * `m` with its sender and chat settled, as one object literal of a fixed shape. A message that
 * crossed from another thread (structured clone) and was copied by spread came out slow to read:
 * its property reads were ~4 % of the core thread's time (measured). Every field is listed: the
 * mapped type makes a field added to InboundMessage fail to compile here until it is copied.
 */
export function settledMessage(m: InboundMessage, sender: string, chat: string): InboundMessage {
  const out: { [K in keyof Required<InboundMessage>]: InboundMessage[K] } = {
    channel: m.channel, messageId: m.messageId, sender, chat, text: m.text, receivedAt: m.receivedAt,
    contentKey: m.contentKey, freshId: m.freshId, preparsed: m.preparsed,
  };
  return out;
}

export interface OutboundMessage {
  /** The outbox row: acknowledge it with this id once the channel confirms delivery. */
  readonly id: number;
  readonly channel: string;
  readonly to: string;
  readonly text: string;
}
