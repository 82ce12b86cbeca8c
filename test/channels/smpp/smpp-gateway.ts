import { join } from 'node:path';
import { startSmpp, type RunningSmpp } from '../../../src/channels/smpp/start-smpp.js';
import { parseConfig } from '../../../src/config/load-config.js';
import type { Config } from '../../../src/config/resolve-config.js';
import { agentSummary } from '../../../src/engine/agents.js';
import { seedDemo } from '../../../src/gateway/demo-seed.js';
import { createGatewayCore, type GatewayCore } from '../../../src/gateway/gateway-core.js';
import { tempDir } from '../../support/temp-dir.js';

/** Link timing short enough for tests: a silent link is noticed in well under a second. */
export const FAST = {
  enquireLink: '200ms',
  responseTimeout: '300ms',
  reassemblyTimeout: '2s',
} as const;

export interface SmppGateway {
  readonly core: GatewayCore;
  readonly config: Config;
  readonly smpp: RunningSmpp;
  readonly logs: string[];
  /** Rows of the outbox for a channel. */
  outbox(channel: string): Array<{ id: number; recipient: string; text: string; sent_at: number | null }>;
  inboundCount(channel: string): number;
  balance(code: string): number;
  sales(): Array<{ status: string; price: number }>;
  close(): Promise<void>;
}

/** A gateway core (demo loaded, outbox retrying every 50 ms) with the SMPP channels of `smpp`. */
export async function smppGateway(
  smpp: Record<string, unknown>, o: { env?: Record<string, string>; raw?: Record<string, unknown> } = {},
): Promise<SmppGateway> {
  const dir = tempDir();
  const env = o.env ?? {};
  const config = parseConfig(
    {
      supplier: { simulator: { delay: '0ms' }, recheck: '50ms' }, gateway: { ratePerMinute: 0 }, channels: { http: { enabled: false }, smpp },
      ...o.raw,
    },
    { file: 'test', env, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  const core = await createGatewayCore(config, { outbox: { pollMs: 50, retryMs: 50 } });
  seedDemo(core.engine.ctx);
  core.dispatcher.start();
  const logs: string[] = [];
  const running = await startSmpp(core, config, (l) => logs.push(l));
  const db = core.store.sql.db;
  return {
    core, config, smpp: running, logs,
    outbox: (channel) =>
      db.prepare('SELECT id, recipient, text, sent_at FROM outbox WHERE channel = ? ORDER BY id').all(channel) as ReturnType<SmppGateway['outbox']>,
    inboundCount: (channel) => (db.prepare('SELECT COUNT(*) AS n FROM inbound WHERE channel = ?').get(channel) as { n: number }).n,
    balance: (code) => agentSummary(core.engine.ctx, code)!.balance,
    sales: () => db.prepare('SELECT status, price FROM sale ORDER BY id').all() as Array<{ status: string; price: number }>,
    async close() {
      await running.stop();
      core.close();
      dir.cleanup();
    },
  };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** A client bind to the fake SMSC on `port`, with test timing. */
export const clientConfig = (port: number, extra: Record<string, unknown> = {}) => ({
  client: [{ name: 'test', host: '127.0.0.1', port, systemId: 'pulsagate', password: 'secret', reconnect: { min: '50ms', max: '200ms' }, ...FAST, ...extra }],
});
