import { join } from 'node:path';
import { HttpChannel } from '../../src/channels/http/http-channel.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/resolve-config.js';
import type { Supplier } from '../../src/engine/supplier.js';
import { seedDemo } from '../../src/gateway/demo-seed.js';
import { createGatewayCore, type CoreOptions, type GatewayCore } from '../../src/gateway/gateway-core.js';
import { tempDir } from './temp-dir.js';

export interface GatewayFixture {
  readonly dir: string;
  readonly config: Config;
  readonly core: GatewayCore;
  readonly url: string;
  /** POSTs a message to the HTTP channel; returns status and body. */
  post(body: unknown): Promise<{ status: number; body: { replies?: string[]; error?: string } }>;
  /** The replies to `text` from `from` (message id optional). */
  say(from: string, text: string, id?: string, wait?: number): Promise<string[]>;
  close(): Promise<void>;
}

/** A gateway core on a real SQLite file with the demo loaded, and the HTTP channel on 127.0.0.1. */
export async function gatewayFixture(
  raw: Record<string, unknown> = {},
  opts: { supplier?: Supplier; demo?: boolean; outbox?: CoreOptions['outbox'] } = {},
): Promise<GatewayFixture> {
  const dir = tempDir();
  const config = parseConfig(
    { supplier: { simulator: { delay: '0ms' }, recheck: '20ms' }, ...raw },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  const core = await createGatewayCore(config, {
    ...(opts.supplier ? { supplier: opts.supplier } : {}),
    ...(opts.outbox ? { outbox: opts.outbox } : {}),
  });
  if (opts.demo !== false) seedDemo(core.engine.ctx);
  core.dispatcher.start();
  const http = new HttpChannel(core);
  const addr = await http.start('127.0.0.1', 0);
  const url = `http://127.0.0.1:${addr.port}`;
  const post = async (body: unknown) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { replies?: string[]; error?: string } };
  };
  return {
    dir: dir.path, config, core, url, post,
    async say(from, text, id, wait) {
      const r = await post({ from, text, ...(id ? { id } : {}), ...(wait ? { wait } : {}) });
      if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.body.error}`);
      return r.body.replies ?? [];
    },
    async close() {
      await http.stop();
      core.close();
      dir.cleanup();
    },
  };
}

/** Demo senders: OX001 is the upline, OX002–OX006 its downlines; PIN n is the digit repeated. */
export const DEMO = {
  OX001: { from: '081200000001', pin: '1111' },
  OX002: { from: '081200000002', pin: '2222' },
  OX003: { from: '081200000003', pin: '3333' },
  OX004: { from: '081200000004', pin: '4444' },
  OX005: { from: '081200000005', pin: '5555' },
  OX006: { from: '081200000006', pin: '6666' },
} as const;
