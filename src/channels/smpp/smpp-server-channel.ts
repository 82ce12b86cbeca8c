import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SmppServerSettings } from '../../config/resolve-smpp.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import { ServerAccountChannel } from './server-account.js';
import { SmppSession } from './smpp-session.js';
import { STATUS } from './smpp-status.js';
import { createRawServer, str, type Pdu, type RawServer, type RawSession } from './smpp-wire.js';

const BINDS: Record<string, { sends: boolean; receives: boolean }> = {
  bind_transmitter: { sends: true, receives: false },
  bind_receiver: { sends: false, receives: true },
  bind_transceiver: { sends: true, receives: true },
};

interface Bound {
  readonly account: ServerAccountChannel;
  readonly sends: boolean;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Server mode: machine clients (a partner's gateway, Kannel) bind to us with an account from the
 * config. Wrong credentials are refused (ESME_RINVSYSID / ESME_RINVPASWD, SMPP 3.4 §5.1.3) and the
 * connection closed; requests out of bind state get ESME_RINVBNDSTS (the package enforces none);
 * a session that does not bind within the response timeout is closed. enquire_link and unbind
 * are answered by SmppSession; once bound, we supervise the link with our own enquire_link.
 */
export class SmppServerChannel {
  private server: RawServer | undefined;
  private readonly bound = new Map<SmppSession, Bound>();
  private readonly open = new Set<SmppSession>();
  private readonly accounts = new Map<string, { password: string | undefined; channel: ServerAccountChannel }>();

  constructor(
    core: GatewayPort,
    private readonly settings: SmppServerSettings,
    private readonly log: (line: string) => void,
  ) {
    for (const a of settings.accounts) {
      if (a.password === undefined) log(`SMPP server: account ${a.systemId} has no password (${a.passwordEnv} is not set); its binds are refused`);
      this.accounts.set(a.systemId, { password: a.password, channel: new ServerAccountChannel(core, a.systemId, settings, log) });
    }
  }

  async start(): Promise<AddressInfo> {
    await Promise.all([...this.accounts.values()].map((a) => a.channel.ready));
    const server = createRawServer((raw) => this.accept(raw));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.settings.port, this.settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (e) => this.log(`SMPP server: ${e.message}`));
    return server.address() as AddressInfo;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const { channel } of this.accounts.values()) channel.stop();
    await Promise.all([...this.open].map((s) => s.unbind()));
    for (const s of this.open) s.destroy('server stopped');
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(raw: RawSession): void {
    const s = this.settings;
    const session = new SmppSession(raw, { window: s.window, responseTimeoutMs: s.responseTimeoutMs, enquireLinkMs: s.enquireLinkMs });
    this.open.add(session);
    session.onRequest = (pdu) => this.request(session, pdu);
    const unbound = setTimeout(() => {
      if (!this.bound.has(session)) session.destroy('no bind');
    }, s.responseTimeoutMs);
    unbound.unref();
    void session.closed.then(() => {
      clearTimeout(unbound);
      this.open.delete(session);
      const b = this.bound.get(session);
      this.bound.delete(session);
      b?.account.detach(session);
    });
  }

  private request(session: SmppSession, pdu: Pdu): void {
    const kind = BINDS[pdu.command];
    if (kind) return this.bind(session, pdu, kind);
    const b = this.bound.get(session);
    if (pdu.command === 'submit_sm') {
      if (!b?.sends) session.respond(pdu, STATUS.INVBNDSTS);
      else b.account.submit(session, pdu);
      return;
    }
    session.respond(pdu, b ? STATUS.INVCMDID : STATUS.INVBNDSTS);
  }

  private bind(session: SmppSession, pdu: Pdu, kind: { sends: boolean; receives: boolean }): void {
    if (this.bound.has(session)) {
      session.respond(pdu, STATUS.ALYBND, { system_id: 'pulsagate' });
      return;
    }
    const systemId = str(pdu, 'system_id');
    const account = this.accounts.get(systemId);
    const status = !account
      ? STATUS.INVSYSID
      : account.password !== undefined && timingSafeEqual(digest(account.password), digest(str(pdu, 'password')))
        ? STATUS.OK
        : STATUS.INVPASWD;
    session.respond(pdu, status, { system_id: 'pulsagate' });
    if (status !== STATUS.OK || !account) {
      this.log(`SMPP server: bind as ${JSON.stringify(systemId.slice(0, 16))} refused`);
      session.close();
      return;
    }
    this.bound.set(session, { account: account.channel, sends: kind.sends });
    session.supervise();
    account.channel.attach(session, kind.receives);
  }
}
