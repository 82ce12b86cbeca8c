import { afterEach, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/gateway/envelope.js';
import { OutboxDispatcher, type DeliveryLedger } from '../../src/gateway/outbox-dispatcher.js';
import type { OutboxRow } from '../../src/store/repos/outbox-repo.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';
import { saldoReply } from '../support/replies.js';

let g: GatewayFixture;
afterEach(() => g.close());

/** A push channel whose first send to anyone fails; everything after goes through, recorded in order. */
function failsFirstSend() {
  const sent: OutboundMessage[] = [];
  let failed = false;
  return {
    name: 'fake',
    sent,
    async send(msg: OutboundMessage) {
      if (!failed) {
        failed = true;
        throw new Error('connection reset');
      }
      sent.push(msg);
    },
  };
}

it('a failed send holds back the later replies of that chat: they still arrive in order', async () => {
  g = await gatewayFixture({}, { outbox: { pollMs: 20, retryMs: 50 } });
  const channel = failsFirstSend();
  g.core.dispatcher.register(channel);
  const msg = (id: string, text: string) =>
    g.core.pipeline.handle({ channel: 'fake', messageId: id, sender: DEMO.OX002.from, text, receivedAt: Date.now() });
  await msg('1', 'SAL.2222');
  await msg('2', 'H.S5.2222');
  await msg('3', 'SAL.2222');
  for (let i = 0; i < 100 && channel.sent.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
  expect(channel.sent.map((m) => m.text)).toEqual([saldoReply('200.000'), 'Harga S5: S5=5.550, S50=50.050', saldoReply('200.000')]);
});

it('a message id is scoped to its sender: another sender with the same id runs its own command', async () => {
  g = await gatewayFixture();
  expect(await g.say(DEMO.OX006.from, 'SAL.6666', 'shared')).toEqual([saldoReply('50.000')]);
  expect(await g.say(DEMO.OX002.from, 'SAL.2222', 'shared')).toEqual([saldoReply('200.000')]);
});

/** The dispatcher over a ledger of our own, whose commits take 3 ms of the clock. */
function fakeOutbox() {
  const state = { now: 1_000 };
  const rows = new Map<number, OutboxRow>();
  const add = (id: number): OutboxRow => {
    const r: OutboxRow = {
      id, channel: 'fake', recipient: '0812', text: `r${id}`, redacted: null, inbound_id: null, sale_id: null,
      created_at: state.now, sent_at: null, attempts: 0, next_attempt_at: 0,
    };
    rows.set(id, r);
    return r;
  };
  const ledger: DeliveryLedger = {
    delivered: async (ids) => ids.forEach((id) => void (rows.get(id)!.sent_at = state.now)),
    retryLater: async (id, delayMs) => {
      state.now += 3; // the commit
      rows.get(id)!.attempts++;
      for (const r of rows.values()) if (r.sent_at === null && r.id >= id) r.next_attempt_at = state.now + delayMs;
    },
    due: (channel, at) => [...rows.values()].filter((r) => r.channel === channel && r.sent_at === null && r.next_attempt_at <= at),
  };
  const dispatcher = new OutboxDispatcher(ledger, { pollMs: 1_000, retryMs: 50, now: () => state.now });
  const channel = failsFirstSend();
  dispatcher.register(channel);
  const settle = () => new Promise((r) => setTimeout(r, 10));
  return { state, rows, add, dispatcher, channel, settle };
}

it('a reply queued after a failed one waits for it even when the outbox hold outlasts the dispatcher\'s', async () => {
  // The ledger's hold of the failed reply starts (and ends) 3 ms after the send failed. A sweep
  // 50 ms after the failure, before the ledger's hold ends, sees only the later reply due: it
  // must still wait for the failed one.
  const o = fakeOutbox();
  o.dispatcher.queued([o.add(1)]); // fails at 1,000: the ledger holds it until 1,053
  await o.settle();
  o.dispatcher.queued([o.add(2)]); // held back behind 1
  await o.settle();
  o.state.now = 1_051;
  o.dispatcher.register(o.channel); // a sweep: only 2 is due
  await o.settle();
  expect(o.channel.sent.map((m) => m.id)).toEqual([]);
  o.state.now = 1_060;
  o.dispatcher.register(o.channel);
  await o.settle();
  expect(o.channel.sent.map((m) => m.id)).toEqual([1, 2]);
});

it('a held reply sent meanwhile by someone else no longer holds its chat back', async () => {
  const o = fakeOutbox();
  o.dispatcher.queued([o.add(1)]);
  await o.settle();
  o.dispatcher.queued([o.add(2)]);
  await o.settle();
  o.rows.get(1)!.sent_at = o.state.now; // e.g. `pulsagate send` or an operator marked it
  o.state.now = 1_060;
  o.dispatcher.register(o.channel);
  await o.settle();
  expect(o.channel.sent.map((m) => m.id)).toEqual([2]);
});
