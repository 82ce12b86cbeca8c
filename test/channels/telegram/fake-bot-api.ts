/**
 * A fake Telegram Bot API on 127.0.0.1 for real grammY (client.apiRoot). It keeps updates the way
 * Telegram does: an update is forgotten only once getUpdates is called with an offset above its
 * update_id, so whatever was not confirmed is delivered again (to the same or the next bot).
 * Misbehaviour on demand: `failNext` answers one call with an error (a 429, a 500), `hangReplies`
 * never answers the sendMessage calls it matches (the bot is stuck in a request when it crashes).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  chat_id: number | string;
  text: string;
  reply_markup?: { keyboard?: { text: string; request_contact?: boolean }[][]; remove_keyboard?: boolean };
}

interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export type FakeBotApi = Awaited<ReturnType<typeof fakeBotApi>>;

export async function fakeBotApi(token = '123456:TEST-TOKEN') {
  const queue: { update_id: number }[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const w of [...wakers]) w();
  };
  const calls: { method: string; body: Record<string, unknown>; at: number }[] = [];
  const sent: SentMessage[] = [];
  const offsets: number[] = [];
  const failures = new Map<string, ApiError[]>();
  let hang: (m: SentMessage) => boolean = () => false;
  let hung = 0;
  const open = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const reply = (body: unknown, status = 200) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '');
    if (!m) return reply({ ok: false, error_code: 404, description: 'Not Found' }, 404);
    if (m[1] !== token) return reply({ ok: false, error_code: 401, description: 'Unauthorized' }, 401);
    const method = m[2]!;
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    calls.push({ method, body, at: Date.now() });
    const failure = failures.get(method)?.shift();
    if (failure) return reply({ ok: false, ...failure }, failure.error_code);
    switch (method) {
      case 'getMe':
        return reply({ ok: true, result: {
          id: 42, is_bot: true, first_name: 'Fake', username: 'fake_pulsa_bot', can_join_groups: true,
          can_read_all_group_messages: false, supports_inline_queries: false,
        } });
      case 'getUpdates': {
        const offset = typeof body.offset === 'number' ? body.offset : 0;
        offsets.push(offset);
        while (queue.length > 0 && queue[0]!.update_id < offset) queue.shift(); // confirmed: forgotten
        const timeout = typeof body.timeout === 'number' ? body.timeout : 0;
        if (queue.length === 0 && timeout > 0) {
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              wakers.delete(done);
              resolve();
            };
            const timer = setTimeout(done, timeout * 1000);
            wakers.add(done);
            res.on('close', done); // the bot aborted the long poll
          });
        }
        const limit = typeof body.limit === 'number' ? body.limit : 100;
        return reply({ ok: true, result: queue.slice(0, limit) });
      }
      case 'sendMessage': {
        const msg = body as unknown as SentMessage;
        if (hang(msg)) {
          hung++;
          return; // never answered: the request stays open until the bot gives up or dies
        }
        sent.push(msg);
        return reply({ ok: true, result: {
          message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: msg.chat_id, type: 'private' }, text: msg.text,
        } });
      }
      default:
        return reply({ ok: true, result: true }); // deleteWebhook, setWebhook, ...
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const message = (from: number, chatId: number, extra: Record<string, unknown>) => ({
    message_id: nextMessageId++, date: Math.floor(Date.now() / 1000),
    chat: chatId < 0 ? { id: chatId, type: 'group', title: 'Grup' } : { id: chatId, type: 'private', first_name: 'U' },
    from: { id: from, is_bot: false, first_name: 'U' }, ...extra,
  });

  const api = {
    token,
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    sent,
    /** The offset of every getUpdates, in order. */
    offsets,
    get hung() {
      return hung;
    },
    /** Updates Telegram still holds (not confirmed). */
    pending: () => queue.map((u) => u.update_id),
    calledTimes: (method: string) => calls.filter((c) => c.method === method).length,
    sentTo: (chatId: number) => sent.filter((s) => String(s.chat_id) === String(chatId)).map((s) => s.text),

    pushUpdate(u: Record<string, unknown>): number {
      const update_id = nextUpdateId++;
      queue.push({ update_id, ...u });
      wake();
      return update_id;
    },
    /** A text from user `from` in its private chat (or in `chatId`, a group when negative). */
    pushText(from: number, text: string, chatId = from): number {
      const command = /^\/\w+/.exec(text);
      const entities = command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : undefined;
      return api.pushUpdate({ message: message(from, chatId, { text, ...(entities ? { entities } : {}) }) });
    },
    /** A contact shared by `from`: its own (share button) when `userId` is `from`. */
    pushContact(from: number, contact: { phone: string; userId?: number }): number {
      return api.pushUpdate({ message: message(from, from, {
        contact: { phone_number: contact.phone, first_name: 'Kontak', ...(contact.userId === undefined ? {} : { user_id: contact.userId }) },
      }) });
    },
    /** The next `count` calls of `method` are answered with this error. */
    failNext(method: string, error: ApiError, count = 1): void {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: count }, () => error)]);
    },
    hangReplies(predicate: (m: SentMessage) => boolean): void {
      hang = predicate;
    },
    async until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`fake Bot API: timed out waiting for ${what}; sent: ${JSON.stringify(sent.map((s) => s.text))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close(): Promise<void> {
      wake();
      for (const res of open) res.destroy();
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return api;
}
