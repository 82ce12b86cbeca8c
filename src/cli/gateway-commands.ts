import { newMessageId } from '../gateway/message-id.js';
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { awaitSaleResult } from '../gateway/await-sale-result.js';
import { createGatewayCore } from '../gateway/gateway-core.js';
import { pidFileOf, runGateway, type RunningGateway } from '../run-gateway.js';
import { buildLanguage } from '../grammar/language.js';
import { CliError } from './cli-error.js';
import { configFrom, type GlobalOptions } from './cli-context.js';

const stamp = () => new Date().toISOString();

export function registerGatewayCommands(program: Command): void {
  const g = () => program.opts<GlobalOptions>();

  program
    .command('start')
    .description('run the gateway (what `npm start` runs)')
    .action(async () => {
      const config = configFrom(g());
      const gw = await runGateway(config, (line) => console.log(line));
      console.log(`${stamp()} pulsagate running on ${config.databasePath} (config ${config.file}); Ctrl+C stops it`);
      process.on('SIGHUP', () => void reload(gw, g()));
      await new Promise<void>((resolve) => {
        const stop = (why: string) => {
          console.log(`${stamp()} ${why}: stopping`);
          void gw.stop().then(resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
        void gw.died.then((e) => {
          process.exitCode = 1; // a supervisor restarts it; nothing unjournaled was acknowledged
          stop(`the core failed (${e.message})`);
        });
      });
    });

  program
    .command('reload')
    .description('make the running gateway load edited formats and replies (same as SIGHUP)')
    .action(() => {
      const config = configFrom(g());
      buildLanguage(config.grammar, config.replies); // a broken edit is reported here, and nothing is signalled
      const pid = runningGatewayPid(pidFileOf(config));
      if (pid === undefined) throw new CliError(`no gateway is running on ${config.databasePath} (no live pid in ${pidFileOf(config)})`);
      process.kill(pid, 'SIGHUP');
      console.log(`formats and replies are valid; gateway ${pid} told to reload`);
    });

  program
    .command('send <text>')
    .description('run one message through the whole pipeline against the configured database and print the replies')
    .requiredOption('--from <sender>', 'the sender: a registered phone number or tg:<id>')
    .option('--channel <name>', 'the channel it arrives on', 'cli')
    .option('--id <id>', "the channel's message id (a repeated id gets the stored replies, nothing runs twice)")
    .option('--wait <seconds>', "also wait this long for a sale's final result", '0')
    .action(async (text: string, o: { from: string; channel: string; id?: string; wait: string }) => {
      const wait = Number(o.wait);
      if (!Number.isFinite(wait) || wait < 0 || wait > 3600) throw new CliError(`invalid --wait "${o.wait}": seconds from 0 to 3600`);
      const core = await createGatewayCore(configFrom(g()));
      try {
        const handled = await core.pipeline.handle({
          channel: o.channel, messageId: o.id ?? newMessageId(), sender: o.from, text, receivedAt: core.engine.ctx.clock.now(),
        });
        for (const r of handled.replies) console.log(r.text);
        await core.pipeline.delivered(handled.replies.map((r) => r.id));
        if (wait > 0 && handled.saleId !== undefined) {
          const final = await awaitSaleResult(core.store.sql, core.dispatcher, handled.saleId, wait * 1000);
          if (!final) throw new CliError(`no final result within ${wait}s; the sale stays pending and the gateway will finish it`);
          console.log(final.text);
          await core.pipeline.delivered([final.id]);
        }
      } finally {
        core.close();
      }
    });
}

async function reload(gw: RunningGateway, opts: GlobalOptions): Promise<void> {
  let refused: string | undefined;
  try {
    refused = await gw.reload(configFrom(opts));
  } catch (e) {
    refused = e instanceof Error ? e.message : String(e); // the config file itself no longer reads
  }
  if (refused === undefined) console.log(`${stamp()} reloaded formats and replies`);
  else console.log(`${stamp()} reload refused, keeping the running formats: ${refused}`);
}

/**
 * The pid in the pid file, if that process is alive and is a pulsagate gateway (a stale file
 * after a crash may name a pid that now belongs to another program: never signal that one).
 */
function runningGatewayPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : 'pulsagate start';
    return /\bstart\b/.test(cmdline) && /(main\.js|pulsagate)/.test(cmdline) ? pid : undefined;
  } catch {
    return undefined;
  }
}
