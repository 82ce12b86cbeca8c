/**
 * A gateway process for crash tests: opens a gateway core on the parent's database, handles the
 * messages given as JSON on the push channel `fake`, whose sends never complete (the process is
 * killed mid-delivery), and prints one JSON line with the replies once every message is
 * committed. Then it waits for the parent's SIGKILL. The supplier never answers, so sales stay
 * pending for the next process.
 */
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config.js';
import type { OutboundMessage } from '../../src/gateway/envelope.js';
import { createGatewayCore } from '../../src/gateway/gateway-core.js';
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

const [dir, messagesJson] = process.argv.slice(2) as [string, string];
const messages = JSON.parse(messagesJson) as CrashChildMessage[];
const config = parseConfig({}, { file: 'crash-child', env: {}, cwd: dir, dbPath: join(dir, 'gw.db') });
const core = await createGatewayCore(config, { supplier: manualSupplier() });

let sendsStarted = 0;
core.dispatcher.register({
  name: 'fake',
  send: () => {
    sendsStarted++;
    return new Promise<void>(() => {}); // never confirmed
  },
});

const replies: OutboundMessage[][] = [];
for (const m of messages) {
  const handled = await core.pipeline.handle({ channel: 'fake', ...m, receivedAt: Date.now() });
  replies.push([...handled.replies]);
}
await new Promise((r) => setImmediate(r)); // let the dispatcher start the first sends
const report: CrashChildReport = { replies, sendsStarted };
process.stdout.write(`${JSON.stringify(report)}\n`);
setInterval(() => {}, 60_000); // wait for SIGKILL
