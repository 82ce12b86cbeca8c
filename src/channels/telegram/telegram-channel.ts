import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, Keyboard, webhookCallback, type Context } from 'grammy';
import type { ReplyKeyboardRemove } from 'grammy/types';
import type { TelegramSettings } from '../../config/telegram-schema.js';
import type { OutboundMessage } from '../../gateway/envelope.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import type { PushChannel } from '../../gateway/outbox-dispatcher.js';
import { splitText } from '../split-text.js';
import type { BindingTexts } from './binding-texts.js';
import { apiSignal, describe, pollUpdates, type ApiSignal } from './long-polling.js';

export const TELEGRAM_CHANNEL = 'telegram';
/** sendMessage takes 1-4096 characters (Bot API). */
const MAX_TEXT = 4096;
const REMOVE_KEYBOARD: ReplyKeyboardRemove = { remove_keyboard: true };

/**
 * The Telegram channel (grammY). Inbound: a text in a private chat becomes an InboundMessage
 * (messageId = update_id, sender `tg:<from.id>`, chat = chat id) and the update is confirmed to
 * Telegram only after the pipeline committed it, by long polling (default) or by answering the
 * webhook. `/start` and a shared contact bind the account to an agent; other chats are ignored.
 * Outbound: plain text through the outbox dispatcher, split under 4096 characters, in order.
 */
export class TelegramChannel implements PushChannel {
  readonly name = TELEGRAM_CHANNEL;
  readonly bot: Bot;
  private readonly stopping = new AbortController();
  /** Aborts Bot API calls in flight (a send, an answer) when the channel stops. */
  private readonly stopSignal = apiSignal(this.stopping.signal);
  private polling: Promise<void> | undefined;
  private webhook: Server | undefined;
  /** Parts of a split reply Telegram already accepted: a retry sends only the rest. */
  private readonly partsSent = new Map<number, number>();

  constructor(
    private readonly core: GatewayPort,
    private readonly settings: TelegramSettings,
    private readonly texts: BindingTexts,
    private readonly log: (line: string) => void,
  ) {
    this.bot = new Bot(settings.token, { client: { apiRoot: settings.apiRoot } });
    // 429 waits retry_after, 5xx backs off; network errors are left to the caller (the dispatcher
    // and the polling loop have their own backoff, and a stop must not wait on a retry).
    this.bot.api.config.use(autoRetry({
      maxRetryAttempts: settings.retry.attempts, maxDelaySeconds: settings.retry.maxDelaySeconds, rethrowHttpErrors: true,
    }));
    const chat = this.bot.chatType('private');
    chat.command(['start', 'help'], (ctx) => this.welcome(ctx, ctx.from.id));
    chat.on('message:contact', (ctx) => this.bindContact(ctx, ctx.from.id, ctx.message.contact));
    chat.on('message:text', (ctx) =>
      this.command(String(ctx.update.update_id), ctx.from.id, ctx.chat.id, ctx.message.text));
  }

  /** Reaches the Bot API (bad token or unreachable: throws), then polls or serves the webhook. */
  async start(): Promise<void> {
    const signal = apiSignal(AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.settings.startTimeoutMs)]));
    await this.bot.init(signal);
    if (this.settings.webhook && this.settings.mode === 'webhook') {
      await this.startWebhook(this.settings.webhook, signal);
    } else {
      // A webhook and getUpdates exclude each other. Pending updates are kept: never drop them.
      await this.bot.api.deleteWebhook({}, signal);
      this.polling = pollUpdates(this.bot.api, (u) => this.bot.handleUpdate(u), {
        limit: this.settings.polling.limit, timeoutSeconds: this.settings.polling.timeoutSeconds,
        signal: this.stopping.signal, log: this.log,
      });
    }
    this.core.register(this);
  }

  /** Stops taking updates: the one in hand finishes and is confirmed; the rest stay with Telegram. */
  async stop(): Promise<void> {
    this.core.unregister(this.name);
    this.stopping.abort();
    await this.polling;
    const server = this.webhook;
    this.webhook = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where the webhook server listens (webhook mode). */
  webhookAddress(): AddressInfo | undefined {
    return this.webhook?.address() as AddressInfo | undefined;
  }

  /** PushChannel: resolves once Telegram accepted every part. */
  async send(msg: OutboundMessage): Promise<void> {
    const parts = splitText(msg.text, MAX_TEXT);
    for (let i = this.partsSent.get(msg.id) ?? 0; i < parts.length; i++) {
      try {
        await this.bot.api.sendMessage(chatIdOf(msg.to), parts[i]!, {}, this.stopSignal);
      } catch (e) {
        // 400 (chat not found) and 403 (bot blocked) will never succeed: give up instead of
        // holding every later reply to this chat behind it.
        if (e instanceof GrammyError && (e.error_code === 400 || e.error_code === 403)) {
          this.log(`telegram: reply ${msg.id} to chat ${msg.to} not deliverable: ${e.description}`);
          break;
        }
        throw e;
      }
      this.partsSent.set(msg.id, i + 1);
    }
    this.partsSent.delete(msg.id);
  }

  private async command(updateId: string, from: number, chat: number, text: string): Promise<void> {
    await this.core.handle({
      channel: TELEGRAM_CHANNEL, messageId: updateId, sender: `tg:${from}`, chat: String(chat), text,
      receivedAt: this.core.now(),
    });
  }

  private async welcome(ctx: Context, from: number): Promise<void> {
    const agent = await this.core.agentOfSender(`tg:${from}`);
    if (agent) return this.say(ctx, this.texts.welcomeBound(agent), REMOVE_KEYBOARD);
    return this.say(ctx, this.texts.welcome, this.contactButton());
  }

  /** Accepts only the sender's own contact (the share button sets user_id to the sender's id). */
  private async bindContact(ctx: Context, from: number, contact: { phone_number: string; user_id?: number }): Promise<void> {
    if (contact.user_id !== from) return this.say(ctx, this.texts.notYours, this.contactButton());
    const address = `tg:${from}`;
    const r = await this.core.bindSenderByPhone({ phone: contact.phone_number, address });
    if (r.ok) {
      if (!r.value.already) this.log(`telegram: ${address} bound to agent ${r.value.agent.code}`);
      return this.say(ctx, this.texts.bound(r.value.agent.code), REMOVE_KEYBOARD);
    }
    if (r.code === 'SENDER.TAKEN') return this.say(ctx, this.texts.taken, REMOVE_KEYBOARD);
    return this.say(ctx, this.texts.notRegistered(contact.phone_number), REMOVE_KEYBOARD);
  }

  private contactButton(): Keyboard {
    return new Keyboard().requestContact(this.texts.button).resized().oneTime();
  }

  /** A direct answer (binding, /start): a failure is logged, never holds the update stream. */
  private async say(ctx: Context, text: string, markup: Keyboard | ReplyKeyboardRemove): Promise<void> {
    try {
      await ctx.reply(text, { reply_markup: markup }, this.stopSignal);
    } catch (e) {
      this.log(`telegram: answer to chat ${ctx.chat?.id} not sent (${describe(e)})`);
    }
  }

  private async startWebhook(w: NonNullable<TelegramSettings['webhook']>, signal: ApiSignal): Promise<void> {
    // Answered only after the middleware (the pipeline commit) finished; an error answers 500 so
    // Telegram delivers the update again, and the journal makes it run once.
    const handle = webhookCallback(this.bot, 'http', { secretToken: w.secret, onTimeout: 'throw', timeoutMilliseconds: 9_000 });
    const server = createServer((req, res) => {
      if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== w.path) {
        res.writeHead(404).end();
        return;
      }
      handle(req, res).catch((e: unknown) => {
        this.log(`telegram: webhook update not handled (${describe(e)}); Telegram will send it again`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(w.port, w.host, () => resolve());
    });
    this.webhook = server;
    await this.bot.api.setWebhook(w.url, { secret_token: w.secret, allowed_updates: ['message'] }, signal);
  }
}

/** Chat ids are integers (negative for groups); the outbox keeps them as text. */
const chatIdOf = (to: string): number | string => (/^-?\d+$/.test(to) ? Number(to) : to);
