import { afterEach, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/gateway/envelope.js';
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
