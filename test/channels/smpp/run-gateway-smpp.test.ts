import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import { runGateway, type RunningGateway } from '../../../src/run-gateway.js';
import { DEMO } from '../../support/gateway-fixture.js';
import { tempDir } from '../../support/temp-dir.js';
import { freePort } from './kannel.js';
import { FAST, until } from './smpp-gateway.js';
import { testEsme } from './test-esme.js';

let gw: RunningGateway | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await gw?.stop();
  dir?.cleanup();
  gw = dir = undefined;
});

async function start(smpp: Record<string, unknown>, http = false) {
  dir = tempDir();
  const config = parseConfig(
    // The core in its own thread, as an SMPP-heavy gateway runs (the other `start` tests run it in-process).
    { supplier: { simulator: { delay: '0ms' } }, gateway: { coreThread: true }, channels: { http: { enabled: http, port: 0 }, smpp } },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  const logs: string[] = [];
  gw = await runGateway(config, (l) => logs.push(l));
  return logs;
}

describe('`pulsagate start` with SMPP channels', () => {
  it('starts server mode and every SMSC bind; one that cannot connect keeps retrying and stops nothing', async () => {
    const closed = await freePort(); // nothing listens here
    const logs = await start({
      server: { enabled: true, port: await freePort(), accounts: [{ systemId: 'partner1', password: 'secret' }], ...FAST },
      client: [{ name: 'down', host: '127.0.0.1', port: closed, systemId: 'x', password: 'y', reconnect: { min: '50ms', max: '100ms' }, ...FAST }],
    });
    const esme = await testEsme(gw!.smpp!.server!.port);
    expect(await esme.bind('transceiver', 'partner1', 'secret')).toBe(0);
    await esme.submit(DEMO.OX002.from, `SAL.${DEMO.OX002.pin}`);
    await until(() => esme.delivered.length === 1, 'the reply');
    await until(() => logs.filter((l) => l.startsWith('smpp:down: cannot bind')).length >= 2, 'the bind retried');
    await gw!.stop();
    gw = undefined;
    await esme.closed; // the server unbound it
    const tries = logs.filter((l) => l.startsWith('smpp:down')).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(logs.filter((l) => l.startsWith('smpp:down')).length).toBe(tries); // no reconnect after stop
  });

  it('a server port already taken is reported, and the other channels run on', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as { port: number }).port;
    try {
      const logs = await start({ server: { enabled: true, port, accounts: [{ systemId: 'p', password: 's' }] } }, true);
      expect(logs.join('\n')).toMatch(/SMPP server failed to start: .*EADDRINUSE/);
      expect(gw!.http).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${gw!.http!.port}/healthz`)).status).toBe(200);
    } finally {
      taken.close();
    }
  });
});
