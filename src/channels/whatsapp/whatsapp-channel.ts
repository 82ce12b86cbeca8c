import type { WhatsAppSettings } from '../../config/whatsapp-schema.js';
import type { OutboundMessage } from '../../gateway/envelope.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import type { PushChannel } from '../../gateway/outbox-dispatcher.js';
import { splitText } from '../split-text.js';
import type { WhatsAppChat, WhatsAppClient, WhatsAppMessage } from './whatsapp-client.js';

export const WHATSAPP_CHANNEL = 'whatsapp';
/** WhatsApp has no documented limit; long texts are split for readability like Telegram's. */
const MAX_TEXT = 4000;
/** Extra messages fetched on catch-up, in case own messages sit among the unread ones. */
const OWN_MARGIN = 20;

export interface WhatsAppChannelOptions {
  /** A new client for every start (the real one launches a browser). */
  readonly createClient: () => WhatsAppClient;
  readonly settings: Pick<WhatsAppSettings, 'startTimeoutMs' | 'reconnect' | 'catchUp'>;
  readonly log: (line: string) => void;
  /** Shows the linking QR code to the operator. */
  readonly showQr: (qr: string) => void;
}

/**
 * The WhatsApp channel over our WhatsAppClient interface. Inbound: a text from `<phone>@c.us`
 * (or an `@lid` the library maps to a phone) becomes an InboundMessage keyed by
 * `message.id._serialized`; groups, status, broadcasts and own messages are ignored. A message is
 * marked read only after the pipeline committed it. On every `ready`, unread messages that came
 * while the gateway was down are run through the same path: the journal makes each run once.
 * A failed start destroys its client (no browser is left running); a disconnect reconnects with
 * backoff. Outbound: replies through the outbox dispatcher while the client is ready.
 */
export class WhatsAppChannel implements PushChannel {
  readonly name = WHATSAPP_CHANNEL;
  private client: WhatsAppClient | undefined;
  private ready = false;
  private stopped = false;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly partsSent = new Map<number, number>();

  constructor(
    private readonly core: GatewayPort,
    private readonly opts: WhatsAppChannelOptions,
  ) {}

  /** The first start: throws (with the client destroyed) when it fails. */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.markDown();
    await Promise.allSettled([...this.inFlight]);
    const client = this.client;
    this.client = undefined;
    await client?.destroy().catch((e: unknown) => this.opts.log(`whatsapp: closing the browser failed (${describe(e)})`));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** PushChannel: resolves once every part was sent; rejects (retried later) while not ready. */
  async send(msg: OutboundMessage): Promise<void> {
    const client = this.client;
    if (!client || !this.ready) throw new Error('WhatsApp is not connected');
    const parts = splitText(msg.text, MAX_TEXT);
    for (let i = this.partsSent.get(msg.id) ?? 0; i < parts.length; i++) {
      await client.sendMessage(msg.to, parts[i]!);
      this.partsSent.set(msg.id, i + 1);
    }
    this.partsSent.delete(msg.id);
  }

  private async connect(): Promise<void> {
    const client = this.opts.createClient();
    this.client = client;
    const current = () => this.client === client && !this.stopped;
    client.on('qr', (qr) => current() && this.opts.showQr(qr));
    client.on('auth_failure', (m) => current() && this.opts.log(`whatsapp: authentication failed (${m}); link the device again`));
    client.on('ready', () => current() && this.track(this.onReady(client)));
    client.on('message', (m) => current() && this.track(this.onMessage(client, m)));
    client.on('disconnected', (reason) => current() && this.track(this.onDisconnected(client, reason)));
    try {
      await withTimeout(client.initialize(), this.opts.settings.startTimeoutMs, 'WhatsApp Web did not load');
    } catch (e) {
      if (this.client === client) this.client = undefined;
      await client.destroy().catch(() => {}); // initialize() leaves Chromium running when it fails
      throw e;
    }
  }

  private async onReady(client: WhatsAppClient): Promise<void> {
    this.attempts = 0;
    this.opts.log('whatsapp: ready');
    await this.catchUp(client); // before any reply goes out, so the unread ones are the latest
    if (this.client !== client || this.stopped) return;
    this.ready = true;
    this.core.register(this);
  }

  private async onDisconnected(client: WhatsAppClient, reason: string): Promise<void> {
    this.opts.log(`whatsapp: disconnected (${reason}); reconnecting`);
    this.markDown();
    this.client = undefined;
    await client.destroy().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const { initialMs, maxMs } = this.opts.settings.reconnect;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(this.attempts++, 20));
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((e: unknown) => {
        this.opts.log(`whatsapp: reconnect failed (${describe(e)})`);
        this.scheduleReconnect();
      });
    }, delay);
  }

  private markDown(): void {
    this.ready = false;
    this.core.unregister(this.name);
  }

  /** Unread messages that arrived while the gateway was down, oldest first per chat. */
  private async catchUp(client: WhatsAppClient): Promise<void> {
    const { windowMs, limit } = this.opts.settings.catchUp;
    if (limit === 0) return;
    const oldest = this.core.now() - windowMs;
    let chats: WhatsAppChat[];
    try {
      chats = await client.getChats();
    } catch (e) {
      return this.opts.log(`whatsapp: catching up failed (${describe(e)})`);
    }
    for (const chat of chats) {
      if (chat.isGroup || chat.unreadCount <= 0 || ignoredChat(chat.id._serialized)) continue;
      try {
        // The unread ones are the latest incoming messages; our own (sent from the phone) may sit among them.
        const n = Math.min(chat.unreadCount, limit);
        const incoming = (await chat.fetchMessages({ limit: n + OWN_MARGIN })).filter((m) => !m.fromMe).slice(-n);
        let ran = true;
        for (const m of incoming) {
          if (m.timestamp * 1000 < oldest) {
            this.opts.log(`whatsapp: ${m.id._serialized} is older than the catch-up window; not run`);
            continue;
          }
          ran = (await this.handle(client, m)) && ran;
        }
        if (ran) await chat.sendSeen();
      } catch (e) {
        this.opts.log(`whatsapp: catching up ${chat.id._serialized} failed (${describe(e)})`);
      }
    }
  }

  private async onMessage(client: WhatsAppClient, m: WhatsAppMessage): Promise<void> {
    if (await this.handle(client, m)) {
      await client.sendSeen(m.from).catch(() => {}); // the acknowledgement: read only once committed
    }
  }

  /** Runs one message through the pipeline; false when it was not committed (it stays unread). */
  private async handle(client: WhatsAppClient, m: WhatsAppMessage): Promise<boolean> {
    if (ignored(m)) return true;
    const sender = await this.senderOf(client, m.from);
    try {
      await this.core.handle({
        channel: WHATSAPP_CHANNEL, messageId: m.id._serialized, sender, chat: m.from, text: m.body,
        receivedAt: this.core.now(),
      });
      return true;
    } catch (e) {
      this.opts.log(`whatsapp: ${m.id._serialized} not handled (${describe(e)}); it stays unread for the next catch-up`);
      return false;
    }
  }

  /**
   * `<phone>@c.us` is the phone number. An `@lid` (WhatsApp's privacy id) is mapped to the phone
   * when the library knows it; otherwise the sender is `wa:<lid>`, which matches no phone.
   */
  private async senderOf(client: WhatsAppClient, from: string): Promise<string> {
    const phone = phoneOf(from);
    if (phone) return phone;
    if (from.endsWith('@lid')) {
      try {
        const [pair] = await client.getContactLidAndPhone([from]);
        const resolved = pair?.pn ? phoneOf(pair.pn) : null;
        if (resolved) return resolved;
      } catch (e) {
        this.opts.log(`whatsapp: ${from} could not be mapped to a phone number (${describe(e)})`);
      }
    }
    return `wa:${from}`;
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((e: unknown) => this.opts.log(`whatsapp: ${describe(e)}`)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

/** The digits of `<phone>@c.us` (a phone number without "+"), or null. */
export function phoneOf(jid: string): string | null {
  const m = /^(\d{6,15})@c\.us$/.exec(jid);
  return m ? m[1]! : null;
}

const ignoredChat = (id: string) =>
  id.endsWith('@g.us') || id.endsWith('@broadcast') || id.endsWith('@newsletter');

/** Only texts people send us in a one-to-one chat are commands. */
function ignored(m: WhatsAppMessage): boolean {
  return m.fromMe || m.isStatus || m.broadcast === true || m.type !== 'chat' || ignoredChat(m.from);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));
