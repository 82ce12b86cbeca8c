/**
 * A gateway process for crash tests: opens a gateway core on the parent's database (in this
 * thread, or in a core thread when the third argument is `thread`), handles the messages given
 * as JSON on the push channel `fake`, whose sends never complete (the process is killed
 * mid-delivery), and prints one JSON line with the replies once every message is committed. Then
 * it waits for the parent's SIGKILL. The supplier never answers, so sales stay pending for the
 * next process.
 */
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config.js';
import type { OutboundMessage } from '../../src/gateway/envelope.js';
import { startCoreThread } from '../../src/gateway/core-thread/remote-core.js';
import { createGatewayCore } from '../../src/gateway/gateway-core.js';
import type { GatewayPort } from '../../src/gateway/gateway-port.js';
import { manualSupplier } from './engine-fixture.js';

export interface CrashChildMessage {
  readonly messageId: string;
  readonly sender: string;
  readonly text: string;
}

export interface CrashChildReport {
  /** The replies committed for each message, in order. */
  readonly replies: OutboundMessage[][];
  /** Sends the channel had been asked for (and never confirmed) when the report was written. */
  readonly sendsStarted: number;
}

const [dir, messagesJson, mode] = process.argv.slice(2) as [string, string, string | undefined];
const messages = JSON.parse(messagesJson) as CrashChildMessage[];
const context = { file: 'crash-child', env: {}, cwd: dir, dbPath: join(dir, 'gw.db') };
// A function cannot cross into the core thread: there, the simulator is told to take an hour.
const core: GatewayPort = mode === 'thread'
  ? await startCoreThread(parseConfig({ supplier: { simulator: { delay: '1h' } } }, context), () => {})
  : await createGatewayCore(parseConfig({}, context), { supplier: manualSupplier() });

let sendsStarted = 0;
core.register({
  name: 'fake',
  send: () => {
    sendsStarted++;
    return new Promise<void>(() => {}); // never confirmed
  },
});

const replies: OutboundMessage[][] = [];
for (const m of messages) {
  const handled = await core.handle({ channel: 'fake', ...m, receivedAt: Date.now() });
  replies.push([...handled.replies]);
}
await new Promise((r) => setImmediate(r)); // let the dispatcher start the first sends
const report: CrashChildReport = { replies, sendsStarted };
process.stdout.write(`${JSON.stringify(report)}\n`);
setInterval(() => {}, 60_000); // wait for SIGKILL
