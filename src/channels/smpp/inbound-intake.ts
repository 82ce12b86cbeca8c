import type { SmppLinkSettings } from '../../config/resolve-smpp.js';
import type { InboundMessage } from '../../gateway/envelope.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import { isReceipt, parseReceipt, type Receipt } from './delivery-receipt.js';
import { readPduMessage } from './pdu-message.js';
import { Reassembler, type Ack } from './reassembly.js';
import { RedeliveryFilter } from './redelivery.js';
import { STATUS } from './smpp-status.js';
import { int, octets, str, type Pdu } from './smpp-wire.js';

export interface IntakeOptions {
  /** The channel instance, e.g. `smpp:aggregator`. */
  readonly channel: string;
  /** The pipeline: resolves once the message, its effect and its replies are committed. */
  readonly handle: (msg: InboundMessage) => Promise<{ readonly inboundId: number }>;
  /** The pipeline's keyed digest of a message's identity (kept in the journal). */
  readonly contentKey: (raw: string) => string;
  /** What this channel committed within the redelivery window before this start. */
  readonly recent: (since: number) => Promise<ReadonlyArray<{ key: string; messageId: string; at: number }>>;
  readonly now: () => number;
  readonly reassemblyTimeoutMs: number;
  readonly redeliveryWindowMs: number;
  /** How long before a session ended an acknowledgement may have been lost with it. */
  readonly lossMs: number;
  /** Client mode: records a delivery receipt; resolves once it is durable. */
  readonly onReceipt?: ((r: Receipt) => Promise<void>) | undefined;
  /** A sender wrote to one of our addresses: replies to it come from that address. */
  readonly onRoute: (sender: string, ours: string) => void;
  readonly log: (line: string) => void;
}

/**
 * Turns message PDUs (deliver_sm from an SMSC, submit_sm from a bound client) into pipeline
 * calls. The acknowledgement is sent only after `handle` resolved, i.e. after the message is in
 * the journal; if it rejects, the peer is told to retry (ESME_RX_T_APPN) and nothing is lost.
 */
export class InboundIntake {
  private readonly redelivery: RedeliveryFilter;
  private readonly parts: Reassembler;
  /** Settles once the redelivery filter knows what was journaled before this start (accept only after). */
  readonly ready: Promise<void>;

  constructor(private readonly opts: IntakeOptions) {
    this.redelivery = new RedeliveryFilter({ windowMs: opts.redeliveryWindowMs, lossMs: opts.lossMs, now: opts.now });
    this.ready = opts.recent(opts.now() - opts.redeliveryWindowMs).then((rows) =>
      this.redelivery.seed(rows.map((r) => ({ key: r.key, id: r.messageId, at: r.at }))),
    );
    this.ready.catch(() => {}); // whoever starts the channel awaits it and reports the failure
    this.parts = new Reassembler(
      { timeoutMs: opts.reassemblyTimeoutMs, keepDoneMs: opts.redeliveryWindowMs, now: opts.now },
      (key, text, acks) => {
        const sender = key.split('\u0000')[0]!;
        opts.log(`${opts.channel}: parts of a long message from ${sender} missing after ${opts.reassemblyTimeoutMs} ms; handling what arrived`);
        this.run(`${key}\u0000partial\u0000${text}`, { sender, text }, 0, acks, key);
      },
    );
  }

  /** A message PDU arrived on session `session`; `ack` answers it with a status. */
  accept(pdu: Pdu, session: number, ack: Ack): void {
    if (this.opts.onReceipt && isReceipt(int(pdu, 'esm_class') ?? 0)) return this.receipt(pdu, ack);
    const m = readPduMessage(pdu);
    this.opts.onRoute(m.sender, m.recipient);
    if (!m.concat) return this.run(`${m.sender}\u0000${m.recipient}\u0000${m.text}`, m, session, [ack]);
    const group = `${m.sender}\u0000${m.recipient}\u0000${m.concat.ref}\u0000${m.concat.total}`;
    const outcome = this.parts.add(group, m.concat.total, m.concat.seq, m.text, ack);
    if (outcome.kind === 'seen') ack(STATUS.OK);
    else if (outcome.kind === 'complete') this.run(`${group}\u0000${outcome.text}`, { ...m, text: outcome.text }, session, outcome.acks, group);
  }

  sessionEnded(session: number): void {
    this.redelivery.sessionEnded(session);
  }

  stop(): void {
    this.parts.stop();
  }

  private run(raw: string, m: { sender: string; text: string }, session: number, acks: Ack[], group?: string): void {
    const key = this.opts.contentKey(raw); // the PIN is in `raw`: only its keyed digest is kept
    const { id: messageId, minted } = this.redelivery.idFor(key, session);
    this.opts
      .handle({
        channel: this.opts.channel, messageId, sender: m.sender, text: m.text, receivedAt: this.opts.now(), contentKey: key,
        freshId: minted,
      })
      .then(
        (h) => {
          for (const ack of acks) ack(STATUS.OK, String(h.inboundId));
          this.redelivery.acked(key, messageId, session);
          if (group) this.parts.handled(group, true);
        },
        (e: unknown) => {
          this.opts.log(`${this.opts.channel}: message from ${m.sender} not journaled (${e instanceof Error ? e.message : e}); asked to redeliver`);
          for (const ack of acks) ack(STATUS.RX_T_APPN);
          if (group) this.parts.handled(group, false);
        },
      );
  }

  private receipt(pdu: Pdu, ack: Ack): void {
    const r = parseReceipt({
      receiptedMessageId: str(pdu, 'receipted_message_id'),
      messageState: int(pdu, 'message_state'),
      text: (octets(pdu, 'short_message') ?? octets(pdu, 'message_payload') ?? Buffer.alloc(0)).toString('latin1'),
    });
    if (!r) {
      this.opts.log(`${this.opts.channel}: a delivery receipt without a message id was ignored`);
      return ack(STATUS.OK);
    }
    this.opts.onReceipt!(r).then(
      () => ack(STATUS.OK),
      () => ack(STATUS.RX_T_APPN),
    );
  }
}

/** The intake of one SMPP channel of the gateway `core`, with the link's timing. */
export function intakeFor(
  core: GatewayPort,
  channel: string,
  link: SmppLinkSettings,
  hooks: Pick<IntakeOptions, 'onRoute' | 'onReceipt' | 'log'>,
): InboundIntake {
  return new InboundIntake({
    channel,
    handle: (m) => core.handle(m),
    contentKey: (raw) => core.contentKey(raw),
    recent: (since) => core.recentContent(channel, since),
    now: () => core.now(),
    reassemblyTimeoutMs: link.reassemblyTimeoutMs,
    redeliveryWindowMs: link.redeliveryWindowMs,
    lossMs: link.enquireLinkMs + link.responseTimeoutMs,
    ...hooks,
  });
}
