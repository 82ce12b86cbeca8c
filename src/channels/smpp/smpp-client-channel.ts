import type { SmppClientSettings } from '../../config/resolve-smpp.js';
import type { OutboundMessage } from '../../gateway/envelope.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import type { PushChannel } from '../../gateway/outbox-dispatcher.js';
import { intakeFor, type InboundIntake } from './inbound-intake.js';
import { ReplySender } from './reply-sender.js';
import { SmppLink, type BindAs } from './smpp-link.js';
import { SmppClosedError, type SmppSession } from './smpp-session.js';
import { STATUS, THROTTLE_PAUSE_MS } from './smpp-status.js';
import type { Pdu } from './smpp-wire.js';

/**
 * Client (ESME) mode: the gateway bound to an SMSC as a transceiver, or as a transmitter plus a
 * receiver. deliver_sm → pipeline → deliver_sm_resp once journaled; delivery receipts recorded
 * against the reply's parts; replies pushed by the outbox dispatcher as submit_sm over the
 * transmitting session, registered while it is bound.
 */
export class SmppClientChannel implements PushChannel {
  readonly name: string;
  private readonly links: SmppLink[];
  private readonly intake: InboundIntake;
  private readonly sender: ReplySender;
  private tx: SmppSession | undefined;

  constructor(
    private readonly core: GatewayPort,
    private readonly settings: SmppClientSettings & { readonly password: string },
    private readonly log: (line: string) => void,
  ) {
    this.name = `smpp:${settings.name}`;
    this.sender = new ReplySender({
      channel: this.name, port: core, sourceAddr: settings.sourceAddr,
      registeredDelivery: settings.registeredDelivery ? 1 : 0, recordAll: settings.registeredDelivery, throttlePauseMs: THROTTLE_PAUSE_MS,
    });
    this.intake = intakeFor(core, this.name, settings, {
      onReceipt: (r) => core.addReceipt({ channel: this.name, ...r }),
      onRoute: (sender, ours) => this.sender.route(sender, ours),
      log,
    });
    const binds: BindAs[] = settings.mode === 'transceiver' ? ['transceiver'] : ['transmitter', 'receiver'];
    this.links = binds.map((bindAs) => this.link(bindAs));
  }

  /** Binds once the intake knows what was journaled before this start. */
  async start(): Promise<void> {
    await this.intake.ready;
    for (const l of this.links) l.start();
  }

  async stop(): Promise<void> {
    this.core.unregister(this.name);
    await Promise.all(this.links.map((l) => l.stop()));
    this.intake.stop();
  }

  /** Resolves once the SMSC accepted every part (submit_sm_resp OK); the dispatcher retries on a rejection. */
  send(msg: OutboundMessage): Promise<void> {
    const tx = this.tx;
    if (!tx?.isOpen) return Promise.reject(new SmppClosedError(`${this.name} is not bound`));
    return this.sender.send(msg, tx, 'submit_sm');
  }

  private link(bindAs: BindAs): SmppLink {
    const s = this.settings;
    const sends = bindAs !== 'receiver';
    return new SmppLink(
      {
        label: `${this.name}${bindAs === 'transceiver' ? '' : ` (${bindAs})`}`,
        host: s.host, port: s.port, bindAs, systemId: s.systemId, password: s.password, systemType: s.systemType,
        interfaceVersion: s.interfaceVersion, reconnectMinMs: s.reconnectMinMs, reconnectMaxMs: s.reconnectMaxMs,
        window: s.window, responseTimeoutMs: s.responseTimeoutMs, enquireLinkMs: s.enquireLinkMs, throughput: s.throughput,
      },
      {
        bound: (session) => {
          if (!sends) return;
          this.tx = session;
          this.core.register(this);
        },
        down: (session) => {
          this.intake.sessionEnded(session.id);
          if (sends && this.tx === session) {
            this.tx = undefined;
            this.core.unregister(this.name);
          }
        },
      },
      this.log,
      (session) => (session.onRequest = (pdu) => this.request(session, pdu)),
    );
  }

  private request(session: SmppSession, pdu: Pdu): void {
    if (pdu.command !== 'deliver_sm') {
      session.respond(pdu, STATUS.INVCMDID);
      return;
    }
    this.intake.accept(pdu, session.id, (status) => void session.respond(pdu, status));
  }
}
