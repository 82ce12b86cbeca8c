import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpChannel } from '../../src/channels/http/http-channel.js';
import { parseConfig } from '../../src/config/load-config.js';
import { seedDemo } from '../../src/gateway/demo-seed.js';
import { createGatewayCore } from '../../src/gateway/gateway-core.js';
import { tempDir } from '../support/temp-dir.js';
import { agentSummary } from '../../src/engine/agents.js';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';
import { saldoReply } from '../support/replies.js';

let f: GatewayFixture;
beforeEach(async () => {
  f = await gatewayFixture();
});
afterEach(() => f.close());

const { from, pin } = DEMO.OX002;
const PROCESSING = /^S10 ke 081234567890 sedang diproses\. .* ID T\d+$/;
const SUCCESS = /^SUKSES S10 ke 081234567890\. SN: \d{20}\. .* ID T\d+$/;

async function get(path: string): Promise<{ status: number; body: { replies?: string[]; error?: string } }> {
  const res = await fetch(`${f.url}${path}`);
  return { status: res.status, body: (await res.json()) as { replies?: string[]; error?: string } };
}

const balance = (code: string) => agentSummary(f.core.engine.ctx, code)!.balance;

describe('HTTP channel: requests it refuses', () => {
  it('bad JSON gets 400 saying what was expected', async () => {
    const r = await f.post('{"from": "0812", "text": ');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/not valid JSON.*"from".*"text"/);
  });

  it.each([
    ['a body that is not an object', ['SAL.2222'], /expected JSON/],
    ['no from', { text: 'SAL.2222' }, /"from"/],
    ['an empty from', { from: '  ', text: 'SAL.2222' }, /"from"/],
    ['a numeric from', { from: 81200000002, text: 'SAL.2222' }, /"from"/],
    ['no text', { from }, /"text"/],
    ['a text that is not a string', { from, text: 42 }, /"text"/],
    ['an empty id', { from, text: 'SAL.2222', id: '' }, /"id"/],
    ['an id that is an object', { from, text: 'SAL.2222', id: { n: 1 } }, /"id"/],
    ['a negative wait', { from, text: 'SAL.2222', wait: -1 }, /"wait"/],
    ['a wait over 60 s', { from, text: 'SAL.2222', wait: 61 }, /"wait"/],
    ['a wait that is text', { from, text: 'SAL.2222', wait: '5' }, /"wait"/],
  ])('%s gets 400 naming the field', async (_, body, message) => {
    const r = await f.post(body);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(message);
  });

  it('nothing refused reaches the pipeline', async () => {
    await f.post({ from, text: `S10.081234567890.${pin}`, wait: 61 });
    await f.post('{oops');
    expect(balance('OX002')).toBe(200_000);
    expect((await get(`/api/replies?to=${from}`)).body.replies).toEqual([]);
  });

  it('GET /api/messages gets 405, an unknown path 404, /api/replies without ?to 400', async () => {
    expect((await get('/api/messages')).status).toBe(405);
    const unknown = await get('/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('POST /api/messages');
    expect((await get('/api/replies')).status).toBe(400);
  });
});

describe('HTTP channel: messages', () => {
  it('a balance check answers with the reply', async () => {
    expect(await f.say(from, `SAL.${pin}`)).toEqual([saldoReply('200.000')]);
  });

  it("a sale's final result queued after the POST returned is fetched once with GET /api/replies", async () => {
    expect(await f.say(from, `S10.081234567890.${pin}`)).toEqual([expect.stringMatching(PROCESSING)]);
    const fetched: string[] = [];
    const deadline = Date.now() + 10_000;
    while (fetched.length === 0 && Date.now() < deadline) {
      fetched.push(...(await get(`/api/replies?to=${from}`)).body.replies!);
      if (fetched.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(fetched).toEqual([expect.stringMatching(SUCCESS)]);
    expect((await get(`/api/replies?to=${from}`)).body.replies).toEqual([]);
  });

  it('with wait, one POST answers both the processing and the final reply', async () => {
    const replies = await f.say(from, `S10.081234567890.${pin}`, undefined, 5);
    expect(replies).toEqual([expect.stringMatching(PROCESSING), expect.stringMatching(SUCCESS)]);
    expect((await get(`/api/replies?to=${from}`)).body.replies).toEqual([]);
  });

  it('the same id twice charges once and answers the same replies', async () => {
    const first = await f.say(from, `S10.081234567890.${pin}`, 'order-1');
    const charged = 200_000 - balance('OX002');
    expect(charged).toBeGreaterThan(0);
    const second = await f.say(from, `S10.081234567890.${pin}`, 'order-1');
    expect(second).toEqual(first);
    expect(first).toEqual([expect.stringMatching(PROCESSING)]);
    expect(200_000 - balance('OX002')).toBe(charged);
    // A numeric id is the same id as its string form.
    const numeric = await f.post({ from, text: `SAL.${pin}`, id: 7 });
    expect(numeric.status).toBe(200);
    expect(await f.say(from, `SAL.${pin}`, '7')).toEqual(numeric.body.replies);
  });
});

describe('HTTP channel: a shared secret', () => {
  it('with channels.http.tokenEnv set, a request without the right bearer token gets 401', async () => {
    const dir = tempDir();
    try {
      const config = parseConfig(
        { channels: { http: { tokenEnv: 'PG_HTTP_TOKEN' } } },
        { file: 'test', env: { PG_HTTP_TOKEN: 's3cret' }, cwd: dir.path, dbPath: join(dir.path, 't.db') },
      );
      const core = await createGatewayCore(config);
      seedDemo(core.engine.ctx);
      const http = new HttpChannel(core, config.channels.http.token);
      const { port } = await http.start('127.0.0.1', 0);
      const post = (auth?: string) =>
        fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: auth ? { authorization: auth } : {},
          body: JSON.stringify({ from: '081200000002', text: 'SAL.2222' }),
        });
      expect((await post()).status).toBe(401);
      expect((await post('Bearer wrong!')).status).toBe(401);
      expect((await post('Bearer s3cret')).status).toBe(200);
      await http.stop();
      core.close();
      expect(() => parseConfig({ channels: { http: { tokenEnv: 'PG_HTTP_TOKEN' } } }, { file: 't', env: {}, cwd: dir.path })).toThrow(/PG_HTTP_TOKEN/);
    } finally {
      dir.cleanup();
    }
  });
});
