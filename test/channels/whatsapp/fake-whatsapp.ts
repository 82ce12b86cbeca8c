/**
 * A fake WhatsApp behind our WhatsAppClient interface. `FakeWhatsApp` is the WhatsApp side, which
 * outlives any one client: chats with their history and unread counts, what was sent, which
 * `@lid` ids map to which phone. `newClient` is the factory the channel calls on every (re)start;
 * each client emits the library's events (`qr`, `ready`, `message`, `disconnected`) with its
 * shapes, and records whether it was destroyed (a real one would leave Chromium running).
 * Misbehaviour on demand: `failNextStarts` (initialize rejects like an unreachable WhatsApp Web),
 * `hangNextStart` (initialize never settles), `failNextSeen` (marking read fails once).
 */
import { EventEmitter } from 'node:events';
import type { WhatsAppChat, WhatsAppClient, WhatsAppMessage } from '../../../src/channels/whatsapp/whatsapp-client.js';

interface Stored extends WhatsAppMessage {
  read: boolean;
}

export class FakeWhatsApp {
  readonly clients: FakeWhatsAppClient[] = [];
  readonly sent: { chatId: string; text: string }[] = [];
  readonly chats = new Map<string, Stored[]>();
  readonly lids = new Map<string, string>();
  readonly log: string[] = [];
  private startFailures: Error[] = [];
  private hang = false;
  seenFailures = 0;
  private nextId = 1;

  readonly newClient = (): WhatsAppClient => {
    const c = new FakeWhatsAppClient(this, this.startFailures.shift(), this.hang);
    this.hang = false;
    this.clients.push(c);
    return c;
  };

  get current(): FakeWhatsAppClient | undefined {
    return this.clients.at(-1);
  }

  failNextStarts(...errors: Error[]): void {
    this.startFailures.push(...errors);
  }

  hangNextStart(): void {
    this.hang = true;
  }

  /** Someone writes to us: kept unread, and emitted to a connected client like whatsapp-web.js does. */
  receive(from: string, body: string, extra: Partial<WhatsAppMessage> = {}): WhatsAppMessage {
    const m: Stored = {
      id: { _serialized: `false_${from}_3EB0${String(this.nextId++).padStart(16, '0')}` },
      from, body, type: 'chat', fromMe: false, isStatus: from === 'status@broadcast', timestamp: Math.floor(Date.now() / 1000),
      read: false, ...extra,
    };
    this.history(from).push(m);
    const c = this.current;
    if (c?.connected) c.emit('message', m);
    return m;
  }

  /** The owner opens the chat on the phone: everything in it is read. */
  readOnPhone(chatId: string): void {
    for (const m of this.history(chatId)) m.read = true;
  }

  /** The owner types a message on the phone. */
  sendFromPhone(chatId: string, body: string): void {
    this.history(chatId).push({
      id: { _serialized: `true_${chatId}_3EB0${String(this.nextId++).padStart(16, '0')}` }, from: chatId, body, type: 'chat',
      fromMe: true, isStatus: false, timestamp: Math.floor(Date.now() / 1000), read: true,
    });
  }

  unreadIn(chatId: string): number {
    return this.history(chatId).filter((m) => !m.read && !m.fromMe).length;
  }

  sentTo(chatId: string): string[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.text);
  }

  history(chatId: string): Stored[] {
    let h = this.chats.get(chatId);
    if (!h) this.chats.set(chatId, (h = []));
    return h;
  }

  async until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`fake WhatsApp: timed out waiting for ${what}; sent ${JSON.stringify(this.sent)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  destroyed = false;
  connected = false;

  constructor(
    private readonly wa: FakeWhatsApp,
    private readonly startFailure: Error | undefined,
    private readonly hang: boolean,
  ) {
    super();
  }

  async initialize(): Promise<void> {
    if (this.hang) return new Promise<void>(() => {});
    if (this.startFailure) throw this.startFailure;
    this.emit('qr', '2@FAKE-QR-REF,KEY,SECRET');
    setImmediate(() => this.becomeReady()); // the phone scanned the code (or the session was restored)
  }

  /** The connection drops, as whatsapp-web.js reports it. */
  disconnect(reason = 'NAVIGATION'): void {
    this.connected = false;
    this.emit('disconnected', reason);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.connected = false;
  }

  async sendMessage(chatId: string, text: string): Promise<unknown> {
    if (!this.connected) throw new Error('Evaluation failed: not connected');
    this.wa.sent.push({ chatId, text });
    this.wa.history(chatId).push({
      id: { _serialized: `true_${chatId}_OUT${this.wa.sent.length}` }, from: chatId, body: text, type: 'chat',
      fromMe: true, isStatus: false, timestamp: Math.floor(Date.now() / 1000), read: true,
    });
    return {};
  }

  async sendSeen(chatId: string): Promise<unknown> {
    if (this.wa.seenFailures > 0) {
      this.wa.seenFailures--;
      throw new Error('Execution context was destroyed');
    }
    for (const m of this.wa.history(chatId)) m.read = true;
    return true;
  }

  async getChats(): Promise<WhatsAppChat[]> {
    return [...this.wa.chats.keys()].map((id) => ({
      id: { _serialized: id },
      isGroup: id.endsWith('@g.us'),
      unreadCount: this.wa.unreadIn(id),
      fetchMessages: async ({ limit }) => this.wa.history(id).slice(-limit).map(({ read: _, ...m }) => m),
      sendSeen: () => this.sendSeen(id),
    }));
  }

  async getContactLidAndPhone(ids: string[]): Promise<{ lid: string; pn: string }[]> {
    return ids.map((lid) => ({ lid, pn: this.wa.lids.get(lid) ?? '' }));
  }

  private becomeReady(): void {
    if (this.destroyed) return;
    this.connected = true;
    this.emit('ready');
  }
}
