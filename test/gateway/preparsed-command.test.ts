import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';
import { saldoReply } from '../support/replies.js';

// With the core in its own thread, the channels' thread parses each command and passes it with
// the stamp of the language it used (remote-core.ts); the core takes it only from the same build.

let g: GatewayFixture;
beforeEach(async () => {
  g = await gatewayFixture();
});
afterEach(() => g.close());

const handle = (text: string, stamp: string, id: string) =>
  g.core.pipeline.handle({
    channel: 'sms', messageId: id, sender: DEMO.OX002.from, text, receivedAt: g.core.now(),
    preparsed: { stamp, command: { kind: 'CekSaldo', pin: DEMO.OX002.pin } },
  });

it('takes the command parsed with the same language instead of parsing the text again', async () => {
  const r = await handle('NOT A COMMAND', g.core.language.current.stamp, 'p1');
  expect(r.replies.map((x) => x.text)).toEqual([saldoReply('200.000')]);
});

it('parses the text itself when the command came from another build of the formats', async () => {
  const r = await handle('NOT A COMMAND', 'an-older-build', 'p2');
  const own = g.core.language.current.parse('NOT A COMMAND');
  expect(own.ok).toBe(false);
  expect(r.replies.map((x) => x.text)).toEqual([own.ok ? '' : own.issue.message]);
});

it('two builds of the same formats have the same stamp; another set of formats has another', async () => {
  const { buildLanguage } = await import('../../src/grammar/language.js');
  const a = buildLanguage(g.config.grammar, g.config.replies);
  const b = buildLanguage(structuredClone(g.config.grammar), structuredClone(g.config.replies));
  expect(a.stamp).toBe(b.stamp);
  expect(a.stamp).toBe(g.core.language.current.stamp);
  const other = buildLanguage({ ...g.config.grammar, separators: ['#'] }, g.config.replies);
  expect(other.stamp).not.toBe(a.stamp);
  // The request catalogue (grammar/requests.yaml) is part of it, though no config names it.
  const { defaultCatalogue } = await import('../../src/grammar/catalogue.js');
  const catalogue = structuredClone(defaultCatalogue());
  catalogue.CekSaldo.formats = [{ format: 'SALDO.<pin>', example: 'SALDO.1234' }];
  expect(buildLanguage(g.config.grammar, g.config.replies, { catalogue }).stamp).not.toBe(a.stamp);
  // Replies do not change how a command reads.
  expect(buildLanguage(g.config.grammar, { 'CekSaldo.ok': 'Saldo [saldo]' }).stamp).toBe(a.stamp);
});

describe('the PIN checked beside the parse (pinHash)', () => {
  const storedHash = () => g.core.store.sql.db.prepare("SELECT pin_hash FROM agent WHERE code = 'OX002'").pluck().get() as string;
  const failures = () => g.core.store.sql.db.prepare("SELECT pin_failures FROM agent WHERE code = 'OX002'").pluck().get();
  const withPin = (pin: string, pinHash: string | undefined, stamp: string, id: string) =>
    g.core.pipeline.handle({
      channel: 'sms', messageId: id, sender: DEMO.OX002.from, text: `SAL.${pin}`, receivedAt: g.core.now(),
      preparsed: { stamp, command: { kind: 'CekSaldo', pin }, pinHash },
    });

  it("is taken while the hash is still the agent's: no second check, nothing to tell back", async () => {
    // A PIN that does not match, marked as matching the current hash: taken on that word, which
    // only the channels' thread of this process can give (no channel sets `preparsed`).
    const r = await withPin('0000', storedHash(), g.core.language.current.stamp, 'h1');
    expect(r.replies.map((x) => x.text)).toEqual([saldoReply('200.000')]);
    expect(r.pinOf).toBeUndefined();
    expect(failures()).toBe(0);
  });

  it('a stale hash (a changed PIN) is not taken: the core checks the PIN itself and tells the hash in effect', async () => {
    const wrong = await withPin('0000', 'h1$an-older-hash', g.core.language.current.stamp, 'h2');
    expect(wrong.replies.map((x) => x.text)).toEqual(['Permintaan ditolak.']);
    expect(failures()).toBe(1);
    expect(wrong.pinOf).toEqual({ code: 'OX002', hash: storedHash() });
    const right = await withPin(DEMO.OX002.pin, undefined, g.core.language.current.stamp, 'h3');
    expect(right.replies.map((x) => x.text)).toEqual([saldoReply('200.000')]);
    expect(right.pinOf).toEqual({ code: 'OX002', hash: storedHash() });
  });

  it("is never taken from a channel: the port drops a message's own `preparsed` (only the core thread's peer sets it)", async () => {
    const r = await g.core.handle({
      channel: 'sms', messageId: 'h5', sender: DEMO.OX002.from, text: 'SAL.0000', receivedAt: g.core.now(),
      preparsed: { stamp: g.core.language.current.stamp, command: { kind: 'CekSaldo', pin: '0000' }, pinHash: storedHash() },
    });
    expect(r.replies.map((x) => x.text)).toEqual(['Permintaan ditolak.']);
    expect(failures()).toBe(1);
  });

  it('is not taken with a command of another build of the formats: the text is read and its PIN checked', async () => {
    const r = await withPin('0000', storedHash(), 'an-older-build', 'h4');
    expect(r.replies.map((x) => x.text)).toEqual(['Permintaan ditolak.']);
    expect(failures()).toBe(1);
  });
});
