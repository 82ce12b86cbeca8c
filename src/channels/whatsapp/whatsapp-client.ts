/**
 * The part of whatsapp-web.js the WhatsApp channel uses, as our own interface: the real `Client`
 * sits behind it (webjs-client.ts), tests put a fake there. Shapes follow whatsapp-web.js 1.34
 * (index.d.ts: Client, Message, Chat).
 */
export interface WhatsAppMessage {
  /** `_serialized` is unique per message, e.g. `false_6281234567890@c.us_3EB0…`. */
  readonly id: { readonly _serialized: string };
  /** The chat: `<phone>@c.us`, `<lid>@lid`, `<id>@g.us` (a group) or `status@broadcast`. */
  readonly from: string;
  /** In a group, who wrote it. */
  readonly author?: string | undefined;
  readonly body: string;
  /** `chat` for text. */
  readonly type: string;
  readonly fromMe: boolean;
  readonly isStatus: boolean;
  readonly broadcast?: boolean | undefined;
  /** Seconds since the epoch. */
  readonly timestamp: number;
}

export interface WhatsAppChat {
  readonly id: { readonly _serialized: string };
  readonly isGroup: boolean;
  readonly unreadCount: number;
  /** The latest `limit` messages, oldest first. */
  fetchMessages(options: { limit: number }): Promise<WhatsAppMessage[]>;
  /** Marks the chat read. */
  sendSeen(): Promise<unknown>;
}

export interface WhatsAppClient {
  /** Launches the browser and loads WhatsApp Web; `qr` or `ready` follows. */
  initialize(): Promise<void>;
  /** Closes the browser (keeps the session; never `logout`). */
  destroy(): Promise<void>;
  sendMessage(chatId: string, text: string): Promise<unknown>;
  sendSeen(chatId: string): Promise<unknown>;
  getChats(): Promise<WhatsAppChat[]>;
  /** Maps `@lid` ids to `{ lid, pn }`, pn being `<phone>@c.us` when WhatsApp tells it. */
  getContactLidAndPhone(ids: string[]): Promise<{ lid: string; pn: string }[]>;
  on(event: 'qr', listener: (qr: string) => void): this;
  on(event: 'ready', listener: () => void): this;
  on(event: 'message', listener: (message: WhatsAppMessage) => void): this;
  on(event: 'disconnected', listener: (reason: string) => void): this;
  on(event: 'auth_failure', listener: (message: string) => void): this;
}
