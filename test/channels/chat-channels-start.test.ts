import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { runGateway, type RunningGateway } from '../../src/run-gateway.js';
import { DEMO } from '../support/gateway-fixture.js';
import { tempDir } from '../support/temp-dir.js';
import { fakeBotApi, type FakeBotApi } from './telegram/fake-bot-api.js';

let api: FakeBotApi | undefined;
let gw: RunningGateway | undefined;
const dir = tempDir();
afterEach(async () => {
  await gw?.stop();
  await api?.close();
  dir.cleanup();
});

it('`start` runs Telegram and HTTP although WhatsApp fails to start, and stops Telegram with the rest', async () => {
  api = await fakeBotApi();
  const config = parseConfig(
    {
      supplier: { simulator: { delay: '0ms' } },
      channels: {
        http: { port: 0 },
        telegram: { enabled: true, token: api.token, apiRoot: api.apiRoot, polling: { timeout: '1s' } },
        whatsapp: { enabled: true, chromiumPath: '/nonexistent/chromium' },
      },
    },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  const logs: string[] = [];
  gw = await runGateway(config, (l) => logs.push(l));
  expect(logs).toContain('Telegram channel: @fake_pulsa_bot by long polling');
  expect(logs).toContainEqual(expect.stringMatching(/^WhatsApp channel failed to start: .*nonexistent/));

  api.pushContact(777, { phone: '6281200000002', userId: 777 });
  api.pushText(777, `SAL.${DEMO.OX002.pin}`);
  await api.until(() => api!.sentTo(777).length === 2, 'the binding and the balance');
  expect(api.sentTo(777)[1]).toMatch(/^Saldo 200\.000\./);

  const res = await fetch(`http://127.0.0.1:${gw.http!.port}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: DEMO.OX003.from, text: `SAL.${DEMO.OX003.pin}` }),
  });
  expect(res.status).toBe(200);

  await gw.stop();
  gw = undefined;
  const polls = api.calledTimes('getUpdates');
  await new Promise((r) => setTimeout(r, 300));
  expect(api.calledTimes('getUpdates')).toBe(polls);
  expect(api.pending()).toEqual([]);
});
