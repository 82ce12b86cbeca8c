import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWhatsApp } from '../../../src/channels/whatsapp/start-whatsapp.js';
import { phoneOf, type WhatsAppChannel } from '../../../src/channels/whatsapp/whatsapp-channel.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';
import { salesOf } from '../telegram/telegram-support.js';
import { FakeWhatsApp } from './fake-whatsapp.js';

const ANI = '6281200000002@c.us'; // OX002's phone 081200000002 as a WhatsApp chat
const CITRA = '6281200000003@c.us'; // OX003
const { pin } = DEMO.OX002;
const SALDO = /^Saldo 200\.000\. Komisi 0\./;

let f: GatewayFixture | undefined;
let wa: FakeWhatsApp;
let channel: WhatsAppChannel | undefined;
let logs: string[] = [];

afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await f?.close();
  f = undefined;
  logs = [];
});

async function setup(whatsapp: Record<string, unknown> = {}): Promise<WhatsAppChannel | undefined> {
  wa = new FakeWhatsApp();
  f = await gatewayFixture({
    channels: { whatsapp: { enabled: true, reconnectDelay: '20ms', reconnectMaxDelay: '500ms', ...whatsapp } },
  });
  channel = await startWhatsApp(f.core, f.config, (l) => logs.push(l), wa.newClient);
  if (channel) await wa.until(() => channel!.isReady, 'ready');
  return channel;
}

const inbound = () =>
  f!.core.store.sql.db.prepare("SELECT message_id, sender, chat FROM inbound WHERE channel = 'whatsapp' ORDER BY id").all() as
    { message_id: string; sender: string; chat: string }[];

describe('WhatsApp: commands', () => {
  it('a balance check and a sale go round-trip to the same chat; the chat is marked read after the commit', async () => {
    await setup();
    expect(logs).toContain('WhatsApp: scan this code with the phone (WhatsApp > Linked devices > Link a device):');
    const m = wa.receive(ANI, `SAL.${pin}`);
    await wa.until(() => wa.sent.length === 1 && wa.unreadIn(ANI) === 0, 'the balance, and the chat read');
    expect(wa.sentTo(ANI)[0]).toMatch(SALDO);
    expect(inbound()).toEqual([{ message_id: m.id._serialized, sender: '6281200000002', chat: ANI }]);

    wa.receive(ANI, `S10.081234567890.${pin}`);
    await wa.until(() => wa.sent.length === 3, 'the processing and the final reply');
    expect(wa.sentTo(ANI).slice(1)).toEqual([
      expect.stringMatching(/^S10 ke 081234567890 sedang diproses\./),
      expect.stringMatching(/^SUKSES S10 ke 081234567890\. SN: \d{20}\./),
    ]);
    expect(salesOf(f!.core, 'OX002')).toHaveLength(1);
  });

  it('group, status, broadcast, non-text and own messages are ignored', async () => {
    await setup();
    wa.receive('120363025555555555@g.us', `SAL.${pin}`, { author: ANI });
    wa.receive('status@broadcast', `SAL.${pin}`, { author: ANI });
    wa.receive(ANI, `SAL.${pin}`, { broadcast: true });
    wa.receive(ANI, `SAL.${pin}`, { type: 'image' });
    wa.receive(ANI, `SAL.${pin}`, { fromMe: true });
    wa.receive(CITRA, `SAL.${DEMO.OX003.pin}`);
    await wa.until(() => wa.sent.length === 1, 'the one reply');
    await new Promise((r) => setTimeout(r, 50));
    expect(wa.sent).toEqual([{ chatId: CITRA, text: expect.stringMatching(SALDO) }]);
    expect(inbound().map((r) => r.chat)).toEqual([CITRA]);
  });

  it('an @lid sender is mapped to its phone number when WhatsApp tells it; otherwise it is nobody we know', async () => {
    await setup();
    wa.lids.set('99887766554433@lid', ANI);
    wa.receive('99887766554433@lid', `SAL.${pin}`);
    wa.receive('11223344556677@lid', `SAL.${pin}`);
    await wa.until(() => wa.sent.length === 2, 'two replies');
    expect(wa.sentTo('99887766554433@lid')).toEqual([expect.stringMatching(SALDO)]);
    expect(wa.sentTo('11223344556677@lid')).toEqual([expect.not.stringMatching(/Saldo/)]);
    expect(inbound().map((r) => r.sender)).toEqual(['6281200000002', 'wa:11223344556677@lid']);
  });

  it('phone numbers come only from <digits>@c.us', () => {
    expect(phoneOf('6281234567890@c.us')).toBe('6281234567890');
    expect(phoneOf('6281234567890@g.us')).toBeNull();
    expect(phoneOf('6281234567890@lid')).toBeNull();
    expect(phoneOf('x6281234567890@c.us')).toBeNull();
  });
});

describe('WhatsApp: disconnects and catch-up', () => {
  it('reconnects after a disconnect and runs the unread messages once, skipping what was already committed', async () => {
    await setup();
    const first = wa.current!;
    wa.receive(ANI, `SAL.${pin}`);
    await wa.until(() => wa.sent.length === 1 && wa.unreadIn(ANI) === 0, 'the first balance');

    wa.seenFailures = 1; // committed and answered, but never marked read: it will be fetched again
    wa.receive(CITRA, `SAL.${DEMO.OX003.pin}`);
    await wa.until(() => wa.sent.length === 2, 'the second balance');
    expect(wa.unreadIn(CITRA)).toBe(1);

    wa.failNextStarts(new Error('net::ERR_INTERNET_DISCONNECTED at https://web.whatsapp.com/'));
    first.disconnect('NAVIGATION');
    wa.receive(ANI, `S10.081234567890.${pin}`); // while down: kept unread
    wa.receive(ANI, `SAL.${pin}`);
    await wa.until(() => channel!.isReady && wa.clients.length === 3, 'a failed reconnect, then a good one');
    expect(wa.clients.map((c) => c.destroyed)).toEqual([true, true, false]);

    await wa.until(() => wa.sentTo(ANI).length === 4 && wa.unreadIn(ANI) === 0 && wa.unreadIn(CITRA) === 0, 'the caught-up replies');
    const ani = wa.sentTo(ANI);
    expect(ani[1]).toMatch(/^S10 ke 081234567890 sedang diproses\./);
    expect(ani.slice(2)).toEqual(expect.arrayContaining([expect.stringMatching(/^Saldo /), expect.stringMatching(/^SUKSES S10/)]));
    expect(wa.sentTo(CITRA)).toHaveLength(1); // fetched again, not run again
    expect(inbound()).toHaveLength(4);
    expect(salesOf(f!.core, 'OX002')).toHaveLength(1);
    expect(logs).toContainEqual(expect.stringMatching(/reconnect failed \(net::ERR_INTERNET_DISCONNECTED/));
  });

  it('catch-up runs only the unread messages: one read on the phone and own messages are left alone', async () => {
    await setup({ reconnectDelay: '200ms' });
    wa.current!.disconnect();
    wa.receive(ANI, `S10.081234567890.${pin}`);
    wa.readOnPhone(ANI);
    wa.sendFromPhone(ANI, `SAL.${pin}`);
    wa.receive(ANI, `SAL.${pin}`);
    await wa.until(() => channel!.isReady && wa.clients.length === 2, 'the reconnect');
    await wa.until(() => wa.unreadIn(ANI) === 0, 'the chat read');
    expect(wa.sentTo(ANI)).toEqual([expect.stringMatching(SALDO)]);
    expect(salesOf(f!.core, 'OX002')).toHaveLength(0);
  });

  it('replies committed while disconnected are sent after the reconnect', async () => {
    await setup({ reconnectDelay: '300ms' });
    wa.receive(ANI, `S10.081234567890.${pin}`);
    wa.current!.disconnect();
    await wa.until(() => channel!.isReady && wa.clients.length === 2, 'the reconnect');
    await wa.until(() => wa.sentTo(ANI).length === 2, 'both replies');
    expect(wa.sentTo(ANI)).toEqual([
      expect.stringMatching(/sedang diproses/), expect.stringMatching(/^SUKSES S10/),
    ]);
  });

  it('stop closes the browser and stops reconnecting', async () => {
    await setup();
    const client = wa.current!;
    await channel!.stop();
    expect(client.destroyed).toBe(true);
    client.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    expect(wa.clients).toHaveLength(1);
  });
});

describe('WhatsApp: starting', () => {
  it('a failed start is logged, closes the browser and leaves nothing running', async () => {
    wa = new FakeWhatsApp();
    wa.failNextStarts(new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'));
    f = await gatewayFixture({ channels: { whatsapp: { enabled: true, reconnectDelay: '10ms' } } });
    expect(await startWhatsApp(f.core, f.config, (l) => logs.push(l), wa.newClient)).toBeUndefined();
    expect(logs).toEqual(['WhatsApp channel failed to start: net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/']);
    await new Promise((r) => setTimeout(r, 100));
    expect(wa.clients).toHaveLength(1); // no retry in the background
    expect(wa.current!.destroyed).toBe(true);
    expect(await f.say(DEMO.OX002.from, `SAL.${pin}`)).toEqual([expect.stringMatching(SALDO)]); // the others run on
  });

  it('a start that hangs times out and closes the browser', async () => {
    wa = new FakeWhatsApp();
    wa.hangNextStart();
    f = await gatewayFixture({ channels: { whatsapp: { enabled: true, startTimeout: '100ms' } } });
    expect(await startWhatsApp(f.core, f.config, (l) => logs.push(l), wa.newClient)).toBeUndefined();
    expect(logs).toEqual(['WhatsApp channel failed to start: WhatsApp Web did not load within 100ms']);
    expect(wa.current!.destroyed).toBe(true);
  });

  it('with the real whatsapp-web.js client, a missing Chromium fails the start; the session dir is under sessionDir', async () => {
    f = await gatewayFixture({ channels: { whatsapp: { enabled: true, chromiumPath: '/nonexistent/chromium', sessionDir: 'data/wa' } } });
    expect(await startWhatsApp(f.core, f.config, (l) => logs.push(l))).toBeUndefined();
    expect(logs).toEqual([expect.stringMatching(/^WhatsApp channel failed to start: .*\/nonexistent\/chromium/)]);
    expect(existsSync(join(f.dir, 'data/wa/auth/session-pulsagate'))).toBe(true);
  });

  it('disabled by default: no client is made', async () => {
    wa = new FakeWhatsApp();
    f = await gatewayFixture();
    expect(await startWhatsApp(f.core, f.config, (l) => logs.push(l), wa.newClient)).toBeUndefined();
    expect(wa.clients).toEqual([]);
  });
});
