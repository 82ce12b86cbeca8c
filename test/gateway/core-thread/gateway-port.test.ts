import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import type { Config } from '../../../src/config/resolve-config.js';
import { startCoreDuties } from '../../../src/gateway/core-duties.js';
import { startCoreThread } from '../../../src/gateway/core-thread/remote-core.js';
import type { OutboundMessage } from '../../../src/gateway/envelope.js';
import { createGatewayCore } from '../../../src/gateway/gateway-core.js';
import type { GatewayPort } from '../../../src/gateway/gateway-port.js';
import { GrammarError } from '../../../src/grammar/grammar-error.js';
import { DEMO } from '../../support/gateway-fixture.js';
import { tempDir } from '../../support/temp-dir.js';

const SUCCESS = /^SUKSES S10 ke 081234567890\. SN: \d{20}\. .* ID T\d+$/;

interface Started {
  readonly port: GatewayPort;
  readonly dispatcher: { start(): void };
  close(): Promise<void>;
}

/** The same port, in this thread and across the core thread: each case must hold for both. */
const WHERE: Array<[string, (config: Config) => Promise<Started>]> = [
  ['in this thread', async (config) => {
    const core = await createGatewayCore(config);
    const stop = startCoreDuties(core, config, () => {});
    return { port: core, dispatcher: core.dispatcher, close: async () => { stop(); core.close(); } };
  }],
  ['in the core thread', async (config) => {
    const t = await startCoreThread(config, () => {});
    return { port: t, dispatcher: t.dispatcher, close: () => t.close() };
  }],
];

let started: Started | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await started?.close();
  dir?.cleanup();
  started = dir = undefined;
});

async function start(where: (config: Config) => Promise<Started>): Promise<GatewayPort> {
  dir = tempDir();
  const config = parseConfig(
    { supplier: { simulator: { delay: '0ms' } }, channels: { http: { enabled: false } } },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  started = await where(config);
  started.dispatcher.start();
  return started.port;
}

const msg = (port: GatewayPort, channel: string, messageId: string, sender: string, text: string, contentKey?: string) =>
  port.handle({ channel, messageId, sender, text, receivedAt: port.now(), ...(contentKey ? { contentKey } : {}) });

describe.each(WHERE)('the gateway port %s', (_name, where) => {
  it('journals, answers, replays a redelivery and finishes a sale', async () => {
    const port = await start(where);
    const first = await msg(port, 'cli', 'm1', DEMO.OX002.from, `SAL.${DEMO.OX002.pin}`);
    expect(first.replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Saldo 200\.000\./)]);
    const again = await msg(port, 'cli', 'm1', DEMO.OX002.from, `SAL.${DEMO.OX002.pin}`);
    expect(again).toMatchObject({ duplicate: true, inboundId: first.inboundId });
    expect(again.replies.map((r) => r.id)).toEqual(first.replies.map((r) => r.id));

    const sale = await msg(port, 'cli', 'm2', DEMO.OX002.from, `S10.081234567890.${DEMO.OX002.pin}`);
    expect(sale.saleId).toEqual(expect.any(Number));
    const final = await port.saleResult(sale.saleId!, 5_000);
    expect(final?.text).toMatch(SUCCESS);
  });

  it('a changed PIN: the former one is refused from then on, the new one taken', async () => {
    const port = await start(where);
    const say = async (id: string, text: string) => (await msg(port, 'cli', id, DEMO.OX002.from, text)).replies.map((r) => r.text);
    expect(await say('p1', `SAL.${DEMO.OX002.pin}`)).toEqual([expect.stringMatching(/^Saldo 200\.000\./)]);
    expect(await say('p2', `SAL.${DEMO.OX002.pin}`)).toEqual([expect.stringMatching(/^Saldo 200\.000\./)]);
    expect(await say('p3', `GP.5678.${DEMO.OX002.pin}`)).toEqual(['PIN berhasil diganti.']);
    expect(await say('p4', `SAL.${DEMO.OX002.pin}`)).toEqual(['Permintaan ditolak.']);
    expect(await say('p5', 'SAL.5678')).toEqual([expect.stringMatching(/^Saldo 200\.000\./)]);
    expect(await say('p6', `SAL.${DEMO.OX002.pin}`)).toEqual(['Permintaan ditolak.']);
    expect(await say('p7', 'SAL.5678')).toEqual([expect.stringMatching(/^Saldo 200\.000\./)]);
  });

  it('a message wrongly marked freshId whose id is already journaled still runs once: the unique indexes refuse it', async () => {
    const port = await start(where);
    const fresh = (messageId: string, text: string) =>
      port.handle({ channel: 'smpp:x', messageId, sender: DEMO.OX002.from, text, receivedAt: port.now(), freshId: true });
    const saldo = await fresh('m1', `SAL.${DEMO.OX002.pin}`);
    const saldoAgain = await fresh('m1', `SAL.${DEMO.OX002.pin}`);
    expect(saldoAgain).toMatchObject({ duplicate: true, inboundId: saldo.inboundId });
    expect(saldoAgain.replies.map((r) => r.id)).toEqual(saldo.replies.map((r) => r.id));

    const sale = await fresh('m2', `S10.081234567890.${DEMO.OX002.pin}`);
    const saleAgain = await fresh('m2', `S10.081234567890.${DEMO.OX002.pin}`);
    expect(saleAgain).toMatchObject({ duplicate: true, inboundId: sale.inboundId, saleId: sale.saleId });
    const balance = await msg(port, 'cli', 'b', DEMO.OX002.from, `SAL.${DEMO.OX002.pin}`);
    expect(balance.replies[0]!.text).toMatch(/^Saldo 189\.450\./); // 200.000 less one S10 at its price to OX002, 10.550
  });

  it('pushes replies through a registered channel, sweeps those queued before it, and marks them sent', async () => {
    const port = await start(where);
    const queuedBefore = await msg(port, 'fake', 'm1', DEMO.OX003.from, `SAL.${DEMO.OX003.pin}`);
    const sent: OutboundMessage[] = [];
    port.register({ name: 'fake', send: async (m) => void sent.push(m) });
    await expect.poll(() => sent.map((m) => m.id)).toEqual(queuedBefore.replies.map((r) => r.id));
    const live = await msg(port, 'fake', 'm2', DEMO.OX003.from, `SAL.${DEMO.OX003.pin}`);
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]).toMatchObject({ id: live.replies[0]!.id, channel: 'fake', to: DEMO.OX003.from });
    await expect.poll(() => port.unsentTo('fake', DEMO.OX003.from)).toEqual([]);
  });

  it('a failed push is retried later, not lost', async () => {
    const port = await start(where);
    let fails = 1;
    const sent: number[] = [];
    port.register({
      name: 'flaky',
      send: async (m) => {
        if (fails-- > 0) throw new Error('link down');
        sent.push(m.id);
      },
    });
    const h = await msg(port, 'flaky', 'm1', DEMO.OX004.from, `SAL.${DEMO.OX004.pin}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(await port.unsentTo('flaky', DEMO.OX004.from)).toEqual([expect.objectContaining({ id: h.replies[0]!.id })]);
    expect(sent).toEqual([]);
  });

  it('keeps content keys, sender bindings, accepted parts and receipts', async () => {
    const port = await start(where);
    const key = port.contentKey('081200000002\u00009999\u0000SAL.2222');
    expect(port.contentKey('081200000002\u00009999\u0000SAL.2222')).toBe(key);
    expect(key).not.toContain('2222');
    await msg(port, 'smpp:x', 'id-1', DEMO.OX002.from, `SAL.${DEMO.OX002.pin}`, key);
    expect(await port.recentContent('smpp:x', 0)).toEqual([{ key, messageId: 'id-1', at: expect.any(Number) }]);

    expect(await port.agentOfSender(DEMO.OX002.from)).toBe('OX002');
    expect(await port.agentOfSender('tg:42')).toBeUndefined();
    expect(await port.bindSenderByPhone({ phone: DEMO.OX002.from, address: 'tg:42' })).toMatchObject({ ok: true, value: { already: false } });
    expect(await port.agentOfSender('tg:42')).toBe('OX002');
    expect(await port.bindSenderByPhone({ phone: '081299999999', address: 'tg:43' })).toMatchObject({ ok: false, code: 'SENDER.NOT_REGISTERED' });

    const reply = (await msg(port, 'smpp:x', 'id-2', DEMO.OX002.from, `SAL.${DEMO.OX002.pin}`)).replies[0]!;
    await port.addPart({ outboxId: reply.id, seq: 1, total: 2, ref: 7, channel: 'smpp:x', messageId: 'abc' });
    expect(await port.partsOf(reply.id)).toEqual([expect.objectContaining({ seq: 1, ref: 7, message_id: 'abc' })]);
    await expect(port.addReceipt({ channel: 'smpp:x', messageId: 'abc', state: 'DELIVRD', error: null })).resolves.toBeUndefined();
  });
});

describe('the core thread', () => {
  it('reports a broken grammar as a GrammarError, as an in-process start does', async () => {
    dir = tempDir();
    const config = parseConfig({ grammar: { separators: ['*'] } }, { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') });
    const failure = await startCoreThread(config, () => {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GrammarError);
    expect((failure as GrammarError).message).toMatch(/^grammar:.*\*/);
  });

  it('copies the WAL into the database file from the main thread, off the core thread\'s commits', async () => {
    const pages = async (where: (config: Config) => Promise<Started>) => {
      const port = await start(where);
      await Promise.all(Array.from({ length: 50 }, (_, i) => msg(port, 'test', `m${i}`, '081299990000', `SAL.${i}`)));
      await new Promise((r) => setTimeout(r, 800)); // the checkpointer runs every 200 ms
      const size = statSync(join(dir!.path, 'gw.db')).size / 4096;
      await started!.close();
      dir!.cleanup();
      started = dir = undefined;
      return size;
    };
    // In one thread the commits checkpoint only every 10,000 pages: the schema is still in the WAL.
    expect(await pages(WHERE[0]![1])).toBeLessThan(10);
    expect(await pages(WHERE[1]![1])).toBeGreaterThan(30);
  });

  it('reports a database it cannot open', async () => {
    dir = tempDir();
    const config = parseConfig({}, { file: 'test', env: {}, cwd: dir.path, dbPath: dir.path }); // a directory
    await expect(startCoreThread(config, () => {})).rejects.toThrow(/directory|open/i);
  });
});
