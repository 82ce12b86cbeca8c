import { randomInt } from 'node:crypto';
import type { OutboundMessage } from '../../gateway/envelope.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import { addressOf, type Address } from './addresses.js';
import { normaliseMessageId } from './delivery-receipt.js';
import { splitText, type Segment } from './segments.js';
import { SmppStatusError, type SmppSession } from './smpp-session.js';
import { isThrottle, STATUS } from './smpp-status.js';
import { str } from './smpp-wire.js';
import { ESM_UDHI } from './udh.js';

export interface ReplySenderOptions {
  readonly channel: string;
  /** Where accepted parts are recorded. */
  readonly port: Pick<GatewayPort, 'partsOf' | 'addPart'>;
  /** Our address when the recipient never wrote to one. */
  readonly sourceAddr: string;
  /** registered_delivery of each part: 1 asks the SMSC for a final receipt (SMPP 3.4 §5.2.17). */
  readonly registeredDelivery: number;
  /** Record every accepted part (receipts are matched to them), or only the parts of split replies. */
  readonly recordAll: boolean;
  /** How long a session sends nothing after ESME_RTHROTTLED or ESME_RMSGQFUL. */
  readonly throttlePauseMs: number;
}

/**
 * Sends one outbox reply as submit_sm (to an SMSC) or deliver_sm (to a bound client), split into
 * parts, and resolves only when every part was accepted. Each accepted part is recorded before
 * `send` resolves, so a retry after a partial failure sends only the missing parts, under the
 * same concatenation reference: a part the peer accepted is never sent twice. Any error status,
 * timeout or lost session rejects, and the dispatcher retries the reply later.
 */
export class ReplySender {
  private ref = randomInt(256);
  private readonly routes = new Map<string, string>();

  constructor(private readonly opts: ReplySenderOptions) {}

  /** Replies to `recipient` come from `ours` (the address it wrote to). */
  route(recipient: string, ours: string): void {
    if (ours && this.routes.get(recipient) !== ours) this.routes.set(recipient, ours);
  }

  async send(msg: OutboundMessage, session: SmppSession, command: 'submit_sm' | 'deliver_sm'): Promise<void> {
    let ref = this.nextRef();
    let parts = splitText(msg.text, ref);
    if (parts.length > 1 || this.opts.recordAll) {
      const done = await this.opts.port.partsOf(msg.id);
      if (done.length > 0) {
        ref = done[0]!.ref;
        const accepted = new Set(done.map((d) => d.seq));
        parts = splitText(msg.text, ref).filter((p) => !accepted.has(p.seq));
      }
    }
    const to = addressOf(msg.to);
    const from = addressOf(this.routes.get(msg.to) ?? this.opts.sourceAddr);
    if (parts.length === 1) return this.sendPart(session, command, msg.id, ref, parts[0]!, from, to);
    const results = await Promise.allSettled(parts.map((p) => this.sendPart(session, command, msg.id, ref, p, from, to)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async sendPart(
    session: SmppSession, command: string, outboxId: number, ref: number, p: Segment, from: Address, to: Address,
  ): Promise<void> {
    const resp = await session.request(command, {
      source_addr_ton: from.ton, source_addr_npi: from.npi, source_addr: from.addr,
      dest_addr_ton: to.ton, dest_addr_npi: to.npi, destination_addr: to.addr,
      esm_class: p.udh ? ESM_UDHI : 0,
      registered_delivery: this.opts.registeredDelivery,
      data_coding: p.dataCoding,
      short_message: p.shortMessage,
    });
    if (resp.command_status !== STATUS.OK) {
      if (isThrottle(resp.command_status)) session.pauseFor(this.opts.throttlePauseMs);
      throw new SmppStatusError(command, resp.command_status);
    }
    if (!this.opts.recordAll && p.total === 1) return;
    const part = {
      outboxId, seq: p.seq, total: p.total, ref, channel: this.opts.channel, messageId: normaliseMessageId(str(resp, 'message_id')),
    };
    await this.opts.port.addPart(part);
  }

  private nextRef(): number {
    this.ref = (this.ref + 1) & 0xff;
    return this.ref;
  }
}
