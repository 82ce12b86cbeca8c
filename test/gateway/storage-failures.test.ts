import Sqlite from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { BatchFailedError } from '../../src/gateway/group-committer.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';

let g: GatewayFixture;
afterEach(() => g.close());

it('a database that cannot commit is not answered with an apology: the message is not stored, and runs when delivered again', async () => {
  g = await gatewayFixture();
  g.core.store.sql.db.pragma('busy_timeout = 100');
  const other = new Sqlite(g.core.store.path);
  other.exec('BEGIN IMMEDIATE'); // another process holds the write lock
  const msg = { channel: 'sms', messageId: 'sms-42', sender: DEMO.OX002.from, text: 'S10.081234567890.2222', receivedAt: Date.now() };
  await expect(g.core.pipeline.handle(msg)).rejects.toBeInstanceOf(BatchFailedError);
  const http = await g.post({ from: DEMO.OX002.from, text: 'SAL.2222', id: 'h-1' });
  expect(http.status).toBe(503);
  expect(http.body.error).toMatch(/send it again/);
  const noId = await g.post({ from: DEMO.OX002.from, text: 'SAL.2222' });
  expect(noId.status).toBe(503);
  const id = (noId.body as { id?: string }).id;
  expect(id).toEqual(expect.any(String)); // the id it was given, to send it again under
  other.exec('ROLLBACK');
  other.close();
  expect((await g.post({ from: DEMO.OX002.from, text: 'SAL.2222', id })).status).toBe(200);
  const again = await g.core.pipeline.handle(msg);
  expect(again.duplicate).toBe(false);
  expect(again.replies[0]!.text).toMatch(/sedang diproses/);
  expect(agentSummary(g.core.engine.ctx, 'OX002')!.balance).toBe(200_000 - 10_550);
});

it('the same message with the sender written another way is still the same message', async () => {
  g = await gatewayFixture({ rules: { sameSaleWindow: 'off' } });
  const send = (sender: string) =>
    g.core.pipeline.handle({ channel: 'sms', messageId: 'm1', sender, text: 'S10.081234567890.2222', receivedAt: Date.now() });
  const first = await send('081200000002');
  const second = await send('+6281200000002');
  expect(second.duplicate).toBe(true);
  expect(second.replies.map((r) => r.text)).toEqual(first.replies.map((r) => r.text));
  expect(agentSummary(g.core.engine.ctx, 'OX002')!.balance).toBe(200_000 - 10_550);
});

it('a PIN glued to another number in a message that does not parse is masked in the journal', async () => {
  g = await gatewayFixture();
  await g.say(DEMO.OX002.from, 'S10.0812345678902222');
  const db = new Sqlite(g.core.store.path, { readonly: true });
  const texts = db.prepare('SELECT text FROM inbound').pluck().all() as string[];
  db.close();
  expect(texts).toEqual(['S10.****']);
});
