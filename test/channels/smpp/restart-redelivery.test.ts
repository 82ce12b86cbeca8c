import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { startSmpp } from '../../../src/channels/smpp/start-smpp.js';
import { parseConfig } from '../../../src/config/load-config.js';
import { agentSummary } from '../../../src/engine/agents.js';
import { seedDemo } from '../../../src/gateway/demo-seed.js';
import { createGatewayCore } from '../../../src/gateway/gateway-core.js';
import { tempDir } from '../../support/temp-dir.js';
import { fakeSmsc, type FakeSmsc } from './fake-smsc.js';
import { clientConfig, settle, until } from './smpp-gateway.js';

let smsc: FakeSmsc | undefined;
const dir = tempDir();
afterEach(async () => {
  await smsc?.close();
});
afterAll(() => dir.cleanup());

/** A gateway process on the shared database: its own core, its own (empty) memory. */
async function gatewayRun(port: number, reconnect: string, seed: boolean) {
  const config = parseConfig(
    {
      supplier: { simulator: { delay: '0ms' }, recheck: '50ms' }, gateway: { ratePerMinute: 0 },
      channels: { http: { enabled: false }, smpp: clientConfig(port, { reconnect: { min: reconnect, max: reconnect } }) },
    },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  const core = await createGatewayCore(config, { outbox: { pollMs: 50, retryMs: 50 } });
  if (seed) seedDemo(core.engine.ctx);
  core.dispatcher.start();
  const smpp = await startSmpp(core, config, () => {});
  const inbound = () => (core.store.sql.db.prepare('SELECT COUNT(*) AS n FROM inbound').get() as { n: number }).n;
  return { core, smpp, inbound, stop: async () => { await smpp.stop(); core.close(); } };
}

it('a message committed just before the process died, whose deliver_sm_resp was lost, runs once when the SMSC redelivers it to the restarted gateway', async () => {
  smsc = await fakeSmsc({ dropOnDeliverResp: [1] }); // the acknowledgement is lost with the link
  const first = await gatewayRun(smsc.port, '10s', true); // it would only rebind long after it "died"
  smsc.mo('6281200000001', 'TRF.OX002.1000.1111');
  await until(() => first.inbound() === 1, 'the transfer committed');
  const before = agentSummary(first.core.engine.ctx, 'OX002')!.balance;
  await first.stop(); // the process is gone: whatever it remembered is gone with it
  expect(smsc.unacked).toBe(1);

  const second = await gatewayRun(smsc.port, '50ms', false);
  await until(() => smsc!.unacked === 0, 'the redelivery acknowledged');
  await settle(300);
  expect(second.inbound()).toBe(1); // recognised as the same message: nothing new journaled
  expect(agentSummary(second.core.engine.ctx, 'OX002')!.balance).toBe(before); // moved once
  expect(agentSummary(second.core.engine.ctx, 'OX002')!.balance).toBe(201_000);
  expect(smsc.delivers).toBe(2);
  await second.stop();
}, 60_000);
