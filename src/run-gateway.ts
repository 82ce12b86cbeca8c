import { unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HttpChannel } from './channels/http/http-channel.js';
import { startSmpp, type RunningSmpp } from './channels/smpp/start-smpp.js';
import { startTelegram } from './channels/telegram/start-telegram.js';
import { startWhatsApp } from './channels/whatsapp/start-whatsapp.js';
import type { Config } from './config/resolve-config.js';
import { createGatewayCore, type CoreOptions, type GatewayCore } from './gateway/gateway-core.js';
import { isEmpty, seedDemo } from './gateway/demo-seed.js';

export interface RunningGateway {
  readonly core: GatewayCore;
  readonly http: { host: string; port: number } | undefined;
  readonly smpp: RunningSmpp | undefined;
  stop(): Promise<void>;
}

export const pidFileOf = (config: Config) => join(dirname(config.databasePath), 'pulsagate.pid');

/**
 * `pulsagate start`: the core, the demo on an empty database, the channels that are enabled, the
 * outbox dispatcher, and the supplier work left pending by a previous run or another process.
 * A channel that fails to start is reported and does not stop the others.
 */
export async function runGateway(config: Config, log: (line: string) => void, opts: CoreOptions = {}): Promise<RunningGateway> {
  const core = await createGatewayCore(config, { log, ...opts });
  for (const c of core.clashes) log(`warning: product ${c} has the code of a command keyword and cannot be bought by chat`);
  if (config.demo && isEmpty(core.engine.ctx)) log(seedDemo(core.engine.ctx));
  let http: HttpChannel | undefined;
  let httpAddress: { host: string; port: number } | undefined;
  if (config.channels.http.enabled) {
    try {
      http = new HttpChannel(core, config.channels.http.token);
      const a = await http.start(config.channels.http.host, config.channels.http.port);
      httpAddress = { host: a.address, port: a.port };
      log(`HTTP channel on http://${a.address}:${a.port}/api/messages`);
    } catch (e) {
      log(`HTTP channel failed to start: ${e instanceof Error ? e.message : e}`);
      http = undefined;
    }
  }
  let smpp: RunningSmpp | undefined;
  try {
    smpp = await startSmpp(core, config, log);
  } catch (e) {
    log(`SMPP channels failed to start: ${e instanceof Error ? e.message : e}`);
  }
  // Each logs its own failure and returns undefined; the catch is for the unexpected.
  const unexpected = (name: string) => (e: unknown) => {
    log(`${name} channel failed to start: ${e instanceof Error ? e.message : e}`);
    return undefined;
  };
  const telegram = await startTelegram(core, config, log).catch(unexpected('Telegram'));
  const whatsapp = await startWhatsApp(core, config, log).catch(unexpected('WhatsApp'));
  core.dispatcher.start();
  const resumed = core.engine.processor.resumePending();
  if (resumed > 0) log(`${resumed} pending sale(s) handed to the supplier again`);
  const sweep = setInterval(() => core.engine.processor.resumePending(), config.supplier.recheckMs);
  const pidFile = pidFileOf(config);
  writeFileSync(pidFile, `${process.pid}\n`);
  return {
    core,
    http: httpAddress,
    smpp,
    async stop() {
      clearInterval(sweep);
      await http?.stop();
      await smpp?.stop();
      await telegram?.stop();
      await whatsapp?.stop();
      core.close();
      try {
        unlinkSync(pidFile);
      } catch {
        // already gone
      }
    },
  };
}
