import { afterEach, beforeEach, expect, it } from 'vitest';
import { newMessageId } from '../../src/gateway/message-id.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';

let g: GatewayFixture;
beforeEach(async () => {
  g = await gatewayFixture();
});
afterEach(() => g.close());

const send = (messageId: string, text = 'S10.081234567890.2222') =>
  g.core.pipeline.handle({ channel: 'sms', messageId, sender: DEMO.OX002.from, text, receivedAt: g.core.now() });
const refOf = (saleId: number) => g.core.store.sql.db.prepare('SELECT ref FROM sale WHERE id = ?').pluck().get(saleId);

it("a sale's reference is its message's key, message id before sender, and a redelivery finds the sale by it", async () => {
  const first = await send('m:1');
  expect(refOf(first.saleId!)).toBe(JSON.stringify(['sms', 'm:1', '6281200000002']));
  const again = await send('m:1');
  expect(again).toMatchObject({ duplicate: true, saleId: first.saleId, inboundId: first.inboundId });
});

it('a message redelivered across the upgrade finds the sale made under the former reference', async () => {
  const first = await send('sms-9');
  // As migration 0007 leaves it: a sale made before, under channel:sender:id.
  g.core.store.sql.db.prepare('UPDATE sale SET ref = ? WHERE id = ?').run('sms:6281200000002:sms-9', first.saleId);
  const again = await send('sms-9');
  expect(again).toMatchObject({ duplicate: true, saleId: first.saleId });
  expect(g.core.store.sql.db.prepare('SELECT COUNT(*) FROM sale').pluck().get()).toBe(1);
});

it('minted message ids are unique and sort in the order they were made', () => {
  const ids = [newMessageId(1_000), newMessageId(1_000), newMessageId(1_001), newMessageId(Date.UTC(2100, 0, 1))];
  expect(ids.every((id) => /^[0-9a-f]{12}-[0-9a-f]{20}$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[2]! > ids[0]! && ids[2]! > ids[1]! && ids[3]! > ids[2]!).toBe(true);
  expect(ids[0]!.slice(13, 25)).toBe(ids[1]!.slice(13, 25)); // this process's random part, then its counter
  const many = Array.from({ length: 10_000 }, () => newMessageId());
  expect(new Set(many).size).toBe(many.length);
  expect(many.every((id, i) => i === 0 || id.slice(0, 12) >= many[i - 1]!.slice(0, 12))).toBe(true);
});

it("a former reference counts only as the same agent's sale (it was ambiguous)", async () => {
  const say = (from: string, pin: string, id: string) =>
    g.core.pipeline.handle({ channel: 'sms', messageId: id, sender: from, text: `S10.081234567891.${pin}`, receivedAt: g.core.now() });
  const mine = await say(DEMO.OX003.from, DEMO.OX003.pin, 'q1');
  const other = await say(DEMO.OX002.from, DEMO.OX002.pin, 'q2');
  expect(mine.saleId && other.saleId).toBeTruthy();
  const db = g.core.store.sql.db;
  // Another agent's sale under the former ref this message would have had.
  db.prepare("UPDATE sale SET ref = 'moved' WHERE id = ?").run(mine.saleId);
  db.prepare('UPDATE sale SET ref = ? WHERE id = ?').run('sms:6281200000003:q1', other.saleId);
  const again = await say(DEMO.OX003.from, DEMO.OX003.pin, 'q1');
  expect(again.duplicate).toBe(true);
  expect(again.saleId).toBeUndefined();
});
