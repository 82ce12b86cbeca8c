import { SmppSession, type SessionOptions } from './smpp-session.js';
import { isCredentialRefusal, STATUS, statusName } from './smpp-status.js';
import { connectRaw } from './smpp-wire.js';

export type BindAs = 'transceiver' | 'transmitter' | 'receiver';

export interface LinkOptions extends SessionOptions {
  /** For log lines, e.g. `smpp:aggregator (transmitter)`. */
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly bindAs: BindAs;
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  readonly interfaceVersion: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
}

export interface LinkEvents {
  /** The session is bound: it may carry requests now. */
  bound(session: SmppSession): void;
  /** The bound session ended (it was handed to `bound` before). */
  down(session: SmppSession, reason: string): void;
}

/**
 * One bind to an SMSC, kept up: connect, bind, supervise with enquire_link, and when the session
 * ends for any reason, a NEW session after a backoff (1 s, 2 s, 4 s … up to the maximum, with
 * jitter; the maximum at once when the SMSC refused our credentials). The package's own
 * reconnect reuses a dead socket and hangs (research §1.5), so a session is never reused.
 */
export class SmppLink {
  private stopped = true;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private session: SmppSession | undefined;
  private boundSession: SmppSession | undefined;

  constructor(
    private readonly opts: LinkOptions,
    private readonly events: LinkEvents,
    private readonly log: (line: string) => void,
    /** Sets up a new session's request handler before it binds. */
    private readonly prepare: (session: SmppSession) => void,
  ) {}

  /** The bound session, if any. */
  get current(): SmppSession | undefined {
    return this.boundSession;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
  }

  /** Unbinds and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const s = this.session;
    if (s) {
      await s.unbind();
      s.destroy('stopped');
    }
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    const session = new SmppSession(connectRaw(this.opts.host, this.opts.port), this.opts);
    this.session = session;
    this.prepare(session);
    let refusedCredentials = false;
    try {
      await session.connected();
      const resp = await session.request(`bind_${this.opts.bindAs}`, {
        system_id: this.opts.systemId, password: this.opts.password, system_type: this.opts.systemType,
        interface_version: this.opts.interfaceVersion, addr_ton: 0, addr_npi: 0, address_range: '',
      }, false);
      if (resp.command_status !== STATUS.OK) {
        refusedCredentials = isCredentialRefusal(resp.command_status);
        this.log(`${this.opts.label}: bind refused (${statusName(resp.command_status)})`);
        session.destroy('bind refused');
      } else if (this.stopped) {
        await session.unbind();
      } else {
        this.attempt = 0;
        this.log(`${this.opts.label}: bound to ${this.opts.host}:${this.opts.port}`);
        session.supervise();
        this.boundSession = session;
        this.events.bound(session);
        const reason = await session.closed;
        this.boundSession = undefined;
        this.events.down(session, reason);
        if (!this.stopped) this.log(`${this.opts.label}: link down (${reason})`);
      }
    } catch (e) {
      session.destroy('failed');
      if (!this.stopped) this.log(`${this.opts.label}: cannot bind to ${this.opts.host}:${this.opts.port} (${e instanceof Error ? e.message : e})`);
    }
    if (this.stopped) return;
    const delay = this.nextDelay(refusedCredentials);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  private nextDelay(slow: boolean): number {
    const { reconnectMinMs: min, reconnectMaxMs: max } = this.opts;
    const base = slow ? max : Math.min(max, min * 2 ** this.attempt++);
    return Math.round(base * (0.75 + Math.random() * 0.25));
  }
}
