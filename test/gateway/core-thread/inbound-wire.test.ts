import { expect, it } from 'vitest';
import { fromWire, toWire } from '../../../src/gateway/core-thread/inbound-wire.js';
import type { InboundMessage } from '../../../src/gateway/envelope.js';

// What crosses to the core thread is a flat tuple; the core must get the very message back.

const full: InboundMessage = {
  channel: 'smpp-server:partner1', messageId: '01a230c0c2b5-0a1b2c3d4e5f60718293', sender: '6281200000001', chat: '6281200000009',
  text: 'S10.081303009999.1234', receivedAt: 1_796_114_268_853, contentKey: 'k', freshId: true,
  preparsed: { stamp: 'stamp-1', command: { kind: 'Transaksi', product: 'S10', dest: '081303009999', counter: 2, pin: '1234' }, pinHash: 'h1$x' },
};

it('a message comes back whole through structured clone, optional fields included or not', () => {
  expect(fromWire(structuredClone(toWire(full, full.preparsed)))).toStrictEqual(full);
  const bare: InboundMessage = { channel: 'http', messageId: 'm1', sender: '0812', text: 'S.1234', receivedAt: 5 };
  expect(fromWire(structuredClone(toWire(bare, undefined)))).toStrictEqual({
    ...bare, chat: undefined, contentKey: undefined, freshId: undefined, preparsed: undefined,
  });
});

it("the command this thread parsed crosses in place of the message's own, with its stamp", () => {
  const command = { kind: 'CekSaldo', pin: '9999' } as const;
  const back = fromWire(structuredClone(toWire(full, { stamp: 'stamp-2', command })));
  expect(back.preparsed).toStrictEqual({ stamp: 'stamp-2', command, pinHash: undefined });
  expect(back.text).toBe(full.text);
});
