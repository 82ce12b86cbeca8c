import type { SmppServerSettings } from '../../config/resolve-smpp.js';
import type { OutboundMessage } from '../../gateway/envelope.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import type { PushChannel } from '../../gateway/outbox-dispatcher.js';
import { intakeFor, type InboundIntake } from './inbound-intake.js';
import { ReplySender } from './reply-sender.js';
import { SmppClosedError, type SmppSession } from './smpp-session.js';
import { THROTTLE_PAUSE_MS } from './smpp-status.js';
import type { Pdu } from './smpp-wire.js';

/**
 * One account of server mode as a channel (`smpp-server:<systemId>`): its clients' submit_sm are
 * inbound commands from their source_addr, and the replies go back as deliver_sm over one of its
 * sessions bound to receive (round robin). Registered with the dispatcher while such a session
 * is bound.
 */
export class ServerAccountChannel implements PushChannel {
  readonly name: string;
  private readonly receivers: SmppSession[] = [];
  private next = 0;
  private readonly intake: InboundIntake;
  private readonly sender: ReplySender;

  constructor(
    private readonly core: GatewayPort,
    readonly systemId: string,
    settings: SmppServerSettings,
    log: (line: string) => void,
  ) {
    this.name = `smpp-server:${systemId}`;
    this.sender = new ReplySender({
      channel: this.name, port: core, sourceAddr: settings.sourceAddr,
      registeredDelivery: 0, recordAll: false, throttlePauseMs: THROTTLE_PAUSE_MS,
    });
    this.intake = intakeFor(core, this.name, settings, { onRoute: (sender, ours) => this.sender.route(sender, ours), log });
  }

  /** A submit_sm from one of this account's sessions: answered with our message id once journaled. */
  submit(session: SmppSession, pdu: Pdu): void {
    this.intake.accept(pdu, session.id, (status, messageId) => void session.respond(pdu, status, { message_id: messageId ?? '' }));
  }

  /** A session of this account is bound; `receives` when it may carry deliver_sm. */
  attach(session: SmppSession, receives: boolean): void {
    if (!receives) return;
    this.receivers.push(session);
    if (this.receivers.length === 1) this.core.register(this);
  }

  detach(session: SmppSession): void {
    this.intake.sessionEnded(session.id);
    const i = this.receivers.indexOf(session);
    if (i < 0) return;
    this.receivers.splice(i, 1);
    if (this.receivers.length === 0) this.core.unregister(this.name);
  }

  /** Resolves once the client acknowledged every part (deliver_sm_resp OK). */
  send(msg: OutboundMessage): Promise<void> {
    const open = this.receivers.filter((s) => s.isOpen);
    if (open.length === 0) return Promise.reject(new SmppClosedError(`${this.name} has no receiving session`));
    const session = open[this.next++ % open.length]!;
    return this.sender.send(msg, session, 'deliver_sm');
  }

  /** Resolves once the intake knows what was journaled before this start. */
  get ready(): Promise<void> {
    return this.intake.ready;
  }

  stop(): void {
    this.core.unregister(this.name);
    this.intake.stop();
  }
}
