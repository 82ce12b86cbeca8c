import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import type { Clock } from '../../src/engine/context.js';
import { agentSummary } from '../../src/engine/agents.js';
import { seedDemo } from '../../src/gateway/demo-seed.js';
import type { OutboundMessage } from '../../src/gateway/envelope.js';
import { createGatewayCore, type GatewayCore } from '../../src/gateway/gateway-core.js';
import type { PushChannel } from '../../src/gateway/outbox-dispatcher.js';
import { outboxRepo } from '../../src/store/repos/outbox-repo.js';
import { salesRepo } from '../../src/store/repos/sales-repo.js';
import type { CrashChildMessage, CrashChildReport } from '../support/crash-child.js';
import { manualClock } from '../support/engine-fixture.js';
import { DEMO } from '../support/gateway-fixture.js';
import { tempDir } from '../support/temp-dir.js';

const CHANNEL = 'fake';

/** A push channel that confirms every send at once and records what it sent, in order. */
function recordingChannel(): PushChannel & { sent: OutboundMessage[]; sentTo(to: string): string[] } {
  const sent: OutboundMessage[] = [];
  return {
    name: CHANNEL,
    sent,
    sentTo: (to) => sent.filter((m) => m.to === to).map((m) => m.text),
    send: async (msg) => void sent.push(msg),
  };
}

/** A push channel whose first `failures` sends reject (a network error); later sends go through. */
function flakyChannel(failures: number): PushChannel & { attempts: number; sent: OutboundMessage[] } {
  const ch = {
    name: CHANNEL,
    attempts: 0,
    sent: [] as OutboundMessage[],
    send: async (msg: OutboundMessage) => {
      ch.attempts++;
      if (ch.attempts <= failures) throw new Error('connection reset');
      ch.sent.push(msg);
    },
  };
  return ch;
}

let dir: ReturnType<typeof tempDir>;
const open: GatewayCore[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  for (const core of open.splice(0)) core.close();
  dir.cleanup();
});

/** A gateway core on the test's database file, its simulator answering at once. */
async function openCore(opts: { clock?: Clock } = {}): Promise<GatewayCore> {
  const config = parseConfig(
    { supplier: { simulator: { delay: '0ms' } } },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  const core = await createGatewayCore(config, opts);
  open.push(core);
  return core;
}

function closeCore(core: GatewayCore): void {
  open.splice(open.indexOf(core), 1);
  core.close();
}

/** Runs crash-child.ts on the database (its core in-process or in a thread), waits for its report, then SIGKILLs it. */
function handleThenKill(messages: CrashChildMessage[], mode: 'in-process' | 'thread' = 'in-process'): Promise<CrashChildReport> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../support/crash-child.ts'), dir.path, JSON.stringify(messages), mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let report: CrashChildReport | undefined;
  child.stdout.on('data', (d) => {
    out += d;
    if (!report && out.includes('\n')) {
      report = JSON.parse(out.split('\n')[0]!) as CrashChildReport;
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) =>
      report && signal === 'SIGKILL' ? resolve(report) : reject(new Error(`child exited ${code ?? signal} before its report: ${out}`)),
    ),
  );
}

const unsent = (core: GatewayCore) => outboxRepo.due(core.store.sql, CHANNEL, Number.MAX_SAFE_INTEGER, 1_000);
const texts = (replies: readonly { text: string }[]) => replies.map((r) => r.text);

function balance(core: GatewayCore, code: string): number {
  return agentSummary(core.engine.ctx, code)!.balance;
}

function salesOf(core: GatewayCore, code: string) {
  return salesRepo.list(core.store.sql, agentSummary(core.engine.ctx, code)!.agent.id, 50);
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 100));

describe('outbox across a crash', () => {
  it.each(['in-process', 'thread'] as const)('a process killed between commit and send (core %s) sends the reply after restart, exactly once', async (mode) => {
    const seeding = await openCore();
    seedDemo(seeding.engine.ctx);
    const startBalance = balance(seeding, 'OX002');
    closeCore(seeding);

    const messages: CrashChildMessage[] = [
      { messageId: 'm1', sender: DEMO.OX002.from, text: `S10.081234567890.${DEMO.OX002.pin}` },
      { messageId: 'm2', sender: DEMO.OX003.from, text: `HARGA.S.${DEMO.OX003.pin}` },
      { messageId: 'm3', sender: DEMO.OX002.from, text: `SAL.${DEMO.OX002.pin}` },
      { messageId: 'm4', sender: DEMO.OX003.from, text: `SAL.${DEMO.OX003.pin}` },
    ];
    const report = await handleThenKill(messages, mode);
    expect(report.sendsStarted, 'the child was killed while a send was in flight').toBeGreaterThan(0);
    const [sale, harga, saldo2, saldo3] = report.replies.map(texts) as [string[], string[], string[], string[]];
    expect(sale).toEqual([expect.stringMatching(/^S10 ke 081234567890 sedang diproses/)]);

    // First restart: every committed reply is still unsent, and the sale was charged once.
    const core = await openCore();
    expect(texts(unsent(core))).toEqual([...sale, ...harga, ...saldo2, ...saldo3]);
    const [charged] = salesOf(core, 'OX002');
    expect(salesOf(core, 'OX002')).toHaveLength(1);
    expect(balance(core, 'OX002')).toBe(startBalance - charged!.price);

    // The SMSC redelivers the sale after the crash: nothing runs again, the stored reply comes back.
    const redelivered = await core.pipeline.handle({ channel: CHANNEL, ...messages[0]!, receivedAt: Date.now() });
    expect(redelivered.duplicate).toBe(true);
    expect(texts(redelivered.replies)).toEqual(sale);
    expect(salesOf(core, 'OX002')).toHaveLength(1);
    expect(balance(core, 'OX002')).toBe(startBalance - charged!.price);

    const phone = recordingChannel();
    core.dispatcher.register(phone);
    expect(core.engine.processor.resumePending()).toBe(1); // the supplier answers the pending sale now
    await until(() => phone.sent.length === 5 && unsent(core).length === 0, 'five replies sent and marked');
    expect(phone.sentTo(DEMO.OX002.from)).toEqual([...sale, ...saldo2, expect.stringMatching(/^SUKSES S10 ke 081234567890\. SN: \d{20}\./)]);
    expect(phone.sentTo(DEMO.OX003.from)).toEqual([...harga, ...saldo3]);
    await settle();
    expect(phone.sent).toHaveLength(5);
    closeCore(core);

    // Second restart: nothing is sent again, and a late redelivery still gets the stored reply.
    const again = await openCore();
    const idle = recordingChannel();
    again.dispatcher.register(idle);
    expect(again.engine.processor.resumePending()).toBe(0);
    const late = await again.pipeline.handle({ channel: CHANNEL, ...messages[2]!, receivedAt: Date.now() });
    expect(late.duplicate).toBe(true);
    expect(texts(late.replies)).toEqual(saldo2);
    await settle();
    expect(idle.sent).toEqual([]);
    expect(unsent(again)).toEqual([]);
    expect(salesOf(again, 'OX002')).toHaveLength(1);
    expect(balance(again, 'OX002')).toBe(startBalance - charged!.price);
  }, 60_000);

  it('a send that fails is retried later, with backoff, and delivered exactly once', async () => {
    const clock = manualClock(Date.now());
    const core = await openCore({ clock });
    seedDemo(core.engine.ctx);
    core.dispatcher.start(); // polls for due rows every second
    const phone = flakyChannel(2);
    core.dispatcher.register(phone);

    const handled = await core.pipeline.handle({
      channel: CHANNEL, messageId: 'f1', sender: DEMO.OX002.from, text: `SAL.${DEMO.OX002.pin}`, receivedAt: clock.now(),
    });
    await until(() => phone.attempts === 1 && unsent(core)[0]?.attempts === 1, 'the first failed send to be recorded');
    await new Promise((r) => setTimeout(r, 1_500)); // more than one poll, but the retry is not due yet
    expect(phone.attempts).toBe(1);

    clock.advance(10 * 60_000);
    await until(() => unsent(core)[0]?.attempts === 2, 'the second failed send');
    clock.advance(10 * 60_000);
    await until(() => phone.sent.length === 1 && unsent(core).length === 0, 'the third send to go through and be marked');
    expect(phone.attempts).toBe(3);
    expect(phone.sent).toEqual([expect.objectContaining({ id: handled.replies[0]!.id, text: handled.replies[0]!.text })]);

    clock.advance(10 * 60_000);
    await new Promise((r) => setTimeout(r, 1_500)); // another poll: nothing is left to send
    expect(phone.sent).toHaveLength(1);
  }, 60_000);
});
