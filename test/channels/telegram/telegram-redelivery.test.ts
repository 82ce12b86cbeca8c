import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTelegram } from '../../../src/channels/telegram/start-telegram.js';
import type { TelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { agentSummary } from '../../../src/engine/agents.js';
import { bindSenderByPhone } from '../../../src/engine/sender-binding.js';
import { seedDemo } from '../../../src/gateway/demo-seed.js';
import { createGatewayCore, type GatewayCore } from '../../../src/gateway/gateway-core.js';
import { DEMO } from '../../support/gateway-fixture.js';
import { tempDir } from '../../support/temp-dir.js';
import { fakeBotApi, type FakeBotApi } from './fake-bot-api.js';
import { inboundOf, salesOf, telegramTestConfig } from './telegram-support.js';

const ANI = 777; // bound to OX002
const { pin } = DEMO.OX002;
const SALDO = /^Saldo \d{1,3}(\.\d{3})*\. Komisi 0\./;
const isSaldo = (t: string) => SALDO.test(t);
const isWelcome = (t: string) => t.startsWith('Akun Telegram ini terhubung');

let dir: ReturnType<typeof tempDir>;
let api: FakeBotApi;
const cores: GatewayCore[] = [];
const channels: TelegramChannel[] = [];
const logs: string[] = [];

beforeEach(async () => {
  dir = tempDir();
  api = await fakeBotApi();
  const core = await openCore();
  seedDemo(core.engine.ctx);
  expect(bindSenderByPhone(core.engine.ctx, { phone: DEMO.OX002.from, address: `tg:${ANI}` }).ok).toBe(true);
});

afterEach(async () => {
  for (const c of channels.splice(0)) await c.stop();
  for (const c of cores.splice(0)) c.close();
  await api.close();
  dir.cleanup();
  logs.length = 0;
});

async function openCore(): Promise<GatewayCore> {
  const core = await createGatewayCore(telegramTestConfig(dir.path, api.apiRoot, api.token));
  core.dispatcher.start();
  cores.push(core);
  return core;
}

async function startChannel(core: GatewayCore): Promise<TelegramChannel> {
  const c = await startTelegram(core, core.config, (l) => logs.push(l));
  if (!c) throw new Error(logs.join('\n'));
  channels.push(c);
  return c;
}

it('a stop mid-batch finishes the update in hand; the rest goes to the next run, nothing runs twice', async () => {
  const core = cores[0]!;
  const tg = await startChannel(core);
  api.hangReplies((m) => isWelcome(m.text)); // the bot is stuck answering /start when it is stopped
  const a = api.pushText(ANI, `SAL.${pin}`);
  const b = api.pushText(ANI, '/start');
  const c = api.pushText(ANI, `SAL.${pin}`);
  await api.until(() => api.hung === 1, 'the bot to be answering /start');

  await tg.stop();
  channels.splice(channels.indexOf(tg), 1);
  expect(api.offsets.at(-1), 'a and b confirmed on stop').toBe(b + 1);
  expect(api.pending()).toEqual([c]);
  expect(inboundOf(core).map((r) => r.message_id)).toEqual([String(a)]);

  api.hangReplies(() => false);
  await startChannel(core);
  await api.until(() => api.pending().length === 0 && api.sentTo(ANI).filter(isSaldo).length === 2, 'c handled and confirmed');
  expect(inboundOf(core).map((r) => r.message_id)).toEqual([String(a), String(c)]);
  expect(api.sentTo(ANI).filter(isWelcome)).toEqual([]); // b was confirmed: not answered again
});

it('a crash mid-batch (SIGKILL) confirms nothing; the restarted gateway gets the batch again and runs each command once', async () => {
  cores.splice(0).forEach((c) => c.close());
  const sale = api.pushText(ANI, `S10.081234567890.${pin}`);
  api.pushText(ANI, '/start');
  const saldo = api.pushText(ANI, `SAL.${pin}`);
  api.hangReplies((m) => isWelcome(m.text)); // the child dies while answering /start

  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'telegram-crash-child.ts'), dir.path, api.apiRoot, api.token],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
  await api.until(() => api.hung === 1, `the child to be answering /start (${err})`, 20_000);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(api.pending(), 'nothing confirmed').toEqual([sale, sale + 1, saldo]);

  api.hangReplies(() => false);
  const core = await openCore();
  const before = agentSummary(core.engine.ctx, 'OX002')!.balance;
  expect(salesOf(core, 'OX002'), 'the sale committed before the crash').toHaveLength(1);
  await startChannel(core);
  await api.until(
    () => api.pending().length === 0 && api.sentTo(ANI).some(isSaldo) && api.sentTo(ANI).some(isWelcome),
    'the batch handled again and confirmed',
  );
  expect(salesOf(core, 'OX002')).toHaveLength(1);
  expect(agentSummary(core.engine.ctx, 'OX002')!.balance).toBe(before);
  expect(inboundOf(core).map((r) => r.message_id)).toEqual([String(sale), String(saldo)]);
  expect(api.sentTo(ANI).filter(isSaldo)).toHaveLength(1);
  expect(api.sentTo(ANI).filter((t) => t.startsWith('S10 ke 081234567890 sedang diproses')).length).toBeGreaterThanOrEqual(1);
}, 60_000);

it('an update whose commit fails is not confirmed: it is fetched again and runs once', async () => {
  const core = cores[0]!;
  const commit = core.pipeline.handle.bind(core.pipeline);
  let failures = 1;
  core.pipeline.handle = async (msg) => {
    if (failures-- > 0) throw new Error('SQLITE_FULL: database or disk is full');
    return commit(msg);
  };
  await startChannel(core);
  const u = api.pushText(ANI, `SAL.${pin}`);
  await api.until(() => api.sentTo(ANI).some(isSaldo) && api.pending().length === 0, 'the balance after a retry');
  expect(logs).toContainEqual(expect.stringMatching(new RegExp(`update ${u} not handled .*disk is full.*fetched again`)));
  expect(api.offsets.filter((o) => o > u + 1)).toEqual([]); // never skipped past it
  expect(inboundOf(core)).toHaveLength(1);
  expect(api.sentTo(ANI).filter(isSaldo)).toHaveLength(1);
});
