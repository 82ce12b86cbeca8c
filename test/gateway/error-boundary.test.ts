import Sqlite from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';
import { saldoReply } from '../support/replies.js';

let g: GatewayFixture;
afterEach(() => g.close());

it('a message whose handling throws is journaled and answered with an apology; nothing of it is half-applied', async () => {
  g = await gatewayFixture();
  // Break the database under the engine: a commission wallet row disappears behind its back.
  const raw = new Sqlite(g.core.store.path);
  raw.pragma('foreign_keys = OFF');
  raw.prepare("DELETE FROM account WHERE name = 'AGENT:OX003:BALANCE'").run();
  raw.close();
  const before = agentSummary(g.core.engine.ctx, 'OX001')!.balance;
  expect(await g.say(DEMO.OX001.from, 'TRF.OX003.1000.1111', 'm-1')).toEqual(['Maaf, sistem sedang gangguan. Coba lagi nanti.']);
  expect(agentSummary(g.core.engine.ctx, 'OX001')!.balance).toBe(before);
  // The same id again is not run again: it gets the stored apology.
  expect(await g.say(DEMO.OX001.from, 'TRF.OX003.1000.1111', 'm-1')).toEqual(['Maaf, sistem sedang gangguan. Coba lagi nanti.']);
  // The gateway carries on with the next message.
  expect(await g.say(DEMO.OX002.from, 'SAL.2222')).toEqual([saldoReply('200.000')]);
  const db = new Sqlite(g.core.store.path, { readonly: true });
  const row = db.prepare("SELECT text, outcome FROM inbound WHERE message_id = 'm-1'").get() as { text: string; outcome: string };
  db.close();
  expect(row.outcome).toMatch(/^error/);
  expect(row.text).not.toContain('1111');
});

it('a sender over the rate limit is told so once, and nothing it sent runs', async () => {
  g = await gatewayFixture({ gateway: { ratePerMinute: 3 } });
  for (let i = 0; i < 3; i++) expect(await g.say(DEMO.OX002.from, 'SAL.2222')).toEqual([saldoReply('200.000')]);
  expect(await g.say(DEMO.OX002.from, 'S10.081234567890.2222')).toEqual(['Terlalu banyak permintaan. Coba lagi nanti.']);
  expect(await g.say(DEMO.OX002.from, 'S10.081234567890.2222')).toEqual([]); // told once, then silence
  expect(agentSummary(g.core.engine.ctx, 'OX002')!.balance).toBe(200_000);
  expect(await g.say(DEMO.OX003.from, 'SAL.3333')).toEqual([saldoReply('200.000')]);
});

it('unknown senders get silence when the operator says so', async () => {
  g = await gatewayFixture({ gateway: { replyToUnknownSenders: false } });
  expect(await g.say('081299990000', 'SAL.1234')).toEqual([]);
});
