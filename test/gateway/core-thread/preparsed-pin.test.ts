import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import { fromWire } from '../../../src/gateway/core-thread/inbound-wire.js';
import { preparsed } from '../../../src/gateway/core-thread/remote-core.js';
import type { InboundMessage } from '../../../src/gateway/envelope.js';
import { createPinHasher } from '../../../src/engine/pin-hasher.js';
import { buildLanguage } from '../../../src/grammar/language.js';

// The channels' thread parses each command and checks its PIN against the stored hash the core
// last told for that sender; the core takes that check only while the hash is still the agent's.

const config = parseConfig({}, { file: 'test', env: {}, cwd: '.', dbPath: ':memory:' });
const lang = buildLanguage(config.grammar, config.replies);
const pins = createPinHasher(randomBytes(32));
const known = { code: 'OX002', hash: pins.hash('OX002', '2222') };
const msg = (text: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({ channel: 'smpp:x', messageId: 'm', sender: '0812', text, receivedAt: 1, ...extra });
const cross = (m: InboundMessage, k = known) => fromWire(structuredClone(preparsed(lang, m, pins, k))).preparsed;

it('a PIN that matches the hash told carries that hash across, with the command and its stamp', () => {
  expect(cross(msg('SAL.2222'))).toStrictEqual({ stamp: lang.stamp, command: { kind: 'CekSaldo', pin: '2222' }, pinHash: known.hash });
});

it('a wrong PIN, or a sender whose hash is not known, carries none: the core checks the PIN', () => {
  expect(cross(msg('SAL.1111'))).toStrictEqual({ stamp: lang.stamp, command: { kind: 'CekSaldo', pin: '1111' }, pinHash: undefined });
  expect(fromWire(preparsed(lang, msg('SAL.2222'), pins, undefined)).preparsed?.pinHash).toBeUndefined();
  // The hash told for another agent's code does not match this PIN either.
  expect(cross(msg('SAL.2222'), { code: 'OX003', hash: known.hash })?.pinHash).toBeUndefined();
});

it('a text that does not parse crosses bare, and what a channel put in `preparsed` never crosses', () => {
  const forged = { stamp: lang.stamp, command: { kind: 'CekSaldo', pin: '0000' } as const, pinHash: known.hash };
  expect(cross(msg('NOT A COMMAND', { preparsed: forged }))).toBeUndefined();
  expect(cross(msg('SAL.1111', { preparsed: forged }))?.pinHash).toBeUndefined();
});
