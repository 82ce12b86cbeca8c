/**
 * A gateway process with the Telegram channel polling the parent's fake Bot API, on the parent's
 * database. It prints "started" and then runs until the parent SIGKILLs it (a crash).
 * Arguments: <dir> <apiRoot> <token>.
 */
import { startTelegram } from '../../../src/channels/telegram/start-telegram.js';
import { createGatewayCore } from '../../../src/gateway/gateway-core.js';
import { telegramTestConfig } from './telegram-support.js';

const [dir, apiRoot, token] = process.argv.slice(2) as [string, string, string];
const config = telegramTestConfig(dir, apiRoot, token);
const core = await createGatewayCore(config);
core.dispatcher.start();
const telegram = await startTelegram(core, config, (line) => process.stderr.write(`${line}\n`));
if (!telegram) process.exit(2);
process.stdout.write('started\n');
setInterval(() => {}, 60_000); // wait for SIGKILL
