import { afterEach, describe, expect, it } from 'vitest';
import { startTelegram } from '../../../src/channels/telegram/start-telegram.js';
import type { TelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { agentSummary } from '../../../src/engine/agents.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';
import { fakeBotApi, type FakeBotApi } from './fake-bot-api.js';
import { inboundOf, salesOf } from './telegram-support.js';

const ANI = 777; // Telegram user id of OX002's owner
const STRANGER = 888;
const { pin } = DEMO.OX002;
/** OX002's balance reply (the reseller programme may add a referral code). */
const SALDO = /^Saldo 200\.000\. Komisi 0\./;
const ANI_PHONE = '6281200000002'; // OX002's registered sender 081200000002, as Telegram shares it

let api: FakeBotApi;
let f: GatewayFixture;
let channels: TelegramChannel[] = [];
let logs: string[] = [];

afterEach(async () => {
  for (const c of channels.splice(0)) await c.stop();
  await f?.close();
  await api?.close();
  logs = [];
});

/** A gateway with the demo, and the Telegram channel polling the fake Bot API. */
async function setup(raw: Record<string, unknown> = {}, telegram: Record<string, unknown> = {}): Promise<TelegramChannel> {
  api = await fakeBotApi();
  f = await gatewayFixture({
    channels: { telegram: { enabled: true, token: api.token, apiRoot: api.apiRoot, polling: { timeout: '1s' }, ...telegram } },
    ...raw,
  });
  return start();
}

async function start(): Promise<TelegramChannel> {
  const c = await startTelegram(f.core, f.config, (l) => logs.push(l));
  if (!c) throw new Error(`telegram did not start: ${logs.join('\n')}`);
  channels.push(c);
  return c;
}

async function bindAni(): Promise<void> {
  api.pushContact(ANI, { phone: ANI_PHONE, userId: ANI });
  await api.until(() => api.sentTo(ANI).length === 1, 'the binding answer');
}

const senders = (code: string) => agentSummary(f.core.engine.ctx, code)!.senders;

describe('Telegram: binding an account', () => {
  it('/start explains binding and offers a share-contact button', async () => {
    await setup();
    api.pushText(ANI, '/start');
    await api.until(() => api.sent.length === 1, 'the welcome');
    const [welcome] = api.sent;
    expect(welcome!.chat_id).toBe(ANI);
    expect(welcome!.text).toMatch(/hubungkan akun Telegram.*"Bagikan nomor saya"/);
    expect(welcome!.reply_markup?.keyboard).toEqual([[{ text: 'Bagikan nomor saya', request_contact: true }]]);
  });

  it("the sender's own contact binds tg:<id> to the agent with that phone, once", async () => {
    await setup();
    await bindAni();
    expect(api.sentTo(ANI)).toEqual(['Berhasil: akun Telegram ini sekarang terhubung ke agen OX002. Kirim perintah di sini seperti lewat SMS.']);
    expect(api.sent[0]!.reply_markup).toEqual({ remove_keyboard: true });
    expect(senders('OX002')).toEqual(['6281200000002', `tg:${ANI}`]);

    api.pushContact(ANI, { phone: `+${ANI_PHONE}`, userId: ANI }); // shared again: nothing changes
    api.pushText(ANI, '/start');
    await api.until(() => api.sentTo(ANI).length === 3, 'two more answers');
    expect(api.sentTo(ANI)[2]).toBe('Akun Telegram ini terhubung ke agen OX002. Kirim perintah di sini seperti lewat SMS.');
    expect(senders('OX002')).toEqual(['6281200000002', `tg:${ANI}`]);
  });

  it("someone else's contact, or a card with no Telegram user, is refused and binds nothing", async () => {
    await setup();
    api.pushContact(STRANGER, { phone: ANI_PHONE, userId: ANI });
    api.pushContact(STRANGER, { phone: ANI_PHONE });
    api.pushText(STRANGER, `SAL.${pin}`);
    await api.until(() => api.sentTo(STRANGER).length === 3, 'three answers');
    const [other, card, saldo] = api.sentTo(STRANGER);
    expect(other).toMatch(/^Ditolak: itu bukan kontak Anda sendiri/);
    expect(card).toBe(other);
    expect(saldo).not.toMatch(/Saldo/); // still an unknown sender
    expect(senders('OX002')).toEqual(['6281200000002']);
  });

  it('a phone number that is no registered sender is refused', async () => {
    await setup({ grammar: { language: 'en' } });
    api.pushContact(STRANGER, { phone: '6281299999999', userId: STRANGER });
    await api.until(() => api.sent.length === 1, 'the answer');
    expect(api.sent[0]!.text).toBe('The number 6281299999999 is not registered for any agent. Contact your upline or the operator.');
    expect(agentSummary(f.core.engine.ctx, 'OX002')!.senders).toEqual(['6281200000002']);
  });
});

describe('Telegram: commands', () => {
  it('a price check and a sale go round-trip in the same chat, in order', async () => {
    await setup();
    await bindAni();
    api.pushText(ANI, `HARGA.S.${pin}`);
    api.pushText(ANI, `S10.081234567890.${pin}`);
    await api.until(() => api.sentTo(ANI).length === 4, 'the price list, the processing and the final reply');
    const [, harga, processing, success] = api.sentTo(ANI);
    expect(harga).toMatch(/^Harga S: .*S10/);
    expect(processing).toMatch(/^S10 ke 081234567890 sedang diproses\. .* ID T\d+$/);
    expect(success).toMatch(/^SUKSES S10 ke 081234567890\. SN: \d{20}\. .* ID T\d+$/);
    expect(salesOf(f.core, 'OX002')).toHaveLength(1);
    expect(inboundOf(f.core).map((r) => r.sender)).toEqual([`tg:${ANI}`, `tg:${ANI}`]);
  });

  it('messages in a group are ignored, and confirmed so they do not come back', async () => {
    await setup();
    await bindAni();
    api.pushText(ANI, `SAL.${pin}`, -100123);
    api.pushText(ANI, `SAL.${pin}`);
    await api.until(() => api.sentTo(ANI).length === 2, 'the balance in the private chat');
    expect(api.sentTo(-100123)).toEqual([]);
    expect(inboundOf(f.core)).toHaveLength(1);
    await api.until(() => api.pending().length === 0, 'every update confirmed');
  });

  it('a 429 on sendMessage is retried after retry_after and the reply arrives once', async () => {
    await setup();
    await bindAni();
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    api.pushText(ANI, `SAL.${pin}`);
    await api.until(() => api.sentTo(ANI).length === 2, 'the balance');
    const attempts = api.calls.filter((c) => c.method === 'sendMessage').slice(-2);
    expect(attempts.map((c) => c.body.text)).toEqual([expect.stringMatching(SALDO), expect.stringMatching(SALDO)]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(api.sentTo(ANI)[1]).toMatch(SALDO);
  });

  it('a reply over 4096 characters arrives in parts under the limit, in order', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Baris ${String(i + 1).padStart(3, '0')}: ${'x'.repeat(20)}`);
    await setup({ replies: { 'CekSaldo.ok': `Saldo [saldo].\n${lines.join('\n')}` } });
    await bindAni();
    api.pushText(ANI, `SAL.${pin}`);
    api.pushText(ANI, `SAL.${pin}`);
    await api.until(() => api.sentTo(ANI).length === 9, 'two replies of four parts');
    const parts = api.sentTo(ANI).slice(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    const whole = `Saldo 200.000.\n${lines.join('\n')}`;
    expect(whole.length).toBeGreaterThan(3 * 4096);
    expect(parts.slice(0, 4).join('\n')).toBe(whole);
    expect(parts.slice(4).join('\n')).toBe(whole);
  });
});

describe('Telegram: starting', () => {
  it('a wrong token fails the start, is logged, and leaves nothing polling', async () => {
    api = await fakeBotApi();
    f = await gatewayFixture({ channels: { telegram: { enabled: true, token: '999:WRONG', apiRoot: api.apiRoot } } });
    expect(await startTelegram(f.core, f.config, (l) => logs.push(l))).toBeUndefined();
    expect(logs).toEqual([expect.stringMatching(/^Telegram channel failed to start: .*401.*Unauthorized/)]);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.calledTimes('getUpdates')).toBe(0);
    expect(await f.say(DEMO.OX002.from, `SAL.${pin}`)).toEqual([expect.stringMatching(SALDO)]); // HTTP still runs
  });

  it('disabled by default: nothing starts', async () => {
    f = await gatewayFixture();
    expect(f.config.channels.telegram.enabled).toBe(false);
    expect(await startTelegram(f.core, f.config, (l) => logs.push(l))).toBeUndefined();
    expect(logs).toEqual([]);
  });
});

describe('Telegram: webhook mode', () => {
  const secret = 'rahasia_123';

  async function post(tg: TelegramChannel, update: unknown, token = secret): Promise<number> {
    const port = tg.webhookAddress()!.port;
    const res = await fetch(`http://127.0.0.1:${port}/tg/hook`, {
      method: 'POST', body: JSON.stringify(update),
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': token },
    });
    return res.status;
  }

  const update = (id: number, content: Record<string, unknown>) => ({
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: ANI, type: 'private' }, from: { id: ANI, is_bot: false, first_name: 'A' }, ...content },
  });
  const textUpdate = (id: number, text: string) => update(id, { text });

  it('sets the webhook with its secret, answers 200 after the commit, refuses a wrong secret', async () => {
    const tg = await setup({}, { mode: 'webhook', webhook: { url: 'https://gw.example/tg/hook', secret, port: 0 } });
    expect(api.calls.find((c) => c.method === 'setWebhook')?.body).toEqual({
      url: 'https://gw.example/tg/hook', secret_token: secret, allowed_updates: ['message'],
    });
    expect(api.calledTimes('getUpdates')).toBe(0);
    expect(await post(tg, update(1, { contact: { phone_number: ANI_PHONE, first_name: 'A', user_id: ANI } }))).toBe(200);
    expect(senders('OX002')).toContain(`tg:${ANI}`);

    expect(await post(tg, textUpdate(2, `SAL.${pin}`), 'wrong')).toBe(401);
    expect(inboundOf(f.core)).toHaveLength(0);
    expect(await post(tg, textUpdate(2, `SAL.${pin}`))).toBe(200);
    expect(inboundOf(f.core)).toHaveLength(1); // committed before the 200
    expect(await post(tg, textUpdate(2, `SAL.${pin}`))).toBe(200); // Telegram retried: runs once
    await api.until(() => api.sentTo(ANI).length === 2, 'the binding answer and the balance');
    expect(api.sentTo(ANI)[1]).toMatch(SALDO);
    expect(inboundOf(f.core)).toHaveLength(1);
  });
});
