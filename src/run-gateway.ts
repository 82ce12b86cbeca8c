import { unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HttpChannel } from './channels/http/http-channel.js';
import { startSmpp, type RunningSmpp } from './channels/smpp/start-smpp.js';
import { startTelegram } from './channels/telegram/start-telegram.js';
import { startWhatsApp } from './channels/whatsapp/start-whatsapp.js';
import type { Config } from './config/resolve-config.js';
import { reloadFormats, startCoreDuties } from './gateway/core-duties.js';
import { startCoreThread } from './gateway/core-thread/remote-core.js';
import { createGatewayCore, type CoreOptions } from './gateway/gateway-core.js';
import type { GatewayPort } from './gateway/gateway-port.js';
import type { OutboxDispatcher } from './gateway/outbox-dispatcher.js';

export interface RunningGateway {
  /** What the channels use: the core in this thread, or in its worker thread. */
  readonly port: GatewayPort;
  /** Settles if the core's thread dies; never in-process. */
  readonly died: Promise<Error>;
  /** Rebuilds formats and replies from `source`; the error's text when refused (the running ones stay). */
  reload(source: Pick<Config, 'grammar' | 'replies'>): Promise<string | undefined>;
  readonly http: { host: string; port: number } | undefined;
  readonly smpp: RunningSmpp | undefined;
  stop(): Promise<void>;
}

export const pidFileOf = (config: Config) => join(dirname(config.databasePath), 'pulsagate.pid');

interface StartedCore extends Pick<RunningGateway, 'port' | 'died' | 'reload'> {
  readonly dispatcher: OutboxDispatcher;
  close(): Promise<void>;
}

/** The core in this thread, with its duties (demo, pending sales). */
async function coreHere(config: Config, log: (line: string) => void, opts: CoreOptions): Promise<StartedCore> {
  const core = await createGatewayCore(config, { log, ...opts });
  const stopDuties = startCoreDuties(core, config, log);
  return {
    port: core,
    died: new Promise<Error>(() => {}),
    dispatcher: core.dispatcher,
    reload: async (source) => reloadFormats(core, source),
    async close() {
      stopDuties();
      core.close();
    },
  };
}

/** The core in a worker thread. */
async function coreThread(config: Config, log: (line: string) => void, opts: CoreOptions): Promise<StartedCore> {
  const t = await startCoreThread(config, log, opts.outbox);
  return { port: t, died: t.died, dispatcher: t.dispatcher, reload: t.reload, close: t.close };
}

/**
 * `pulsagate start`: the core (in a worker thread when `gateway.coreThread`), the
 * demo on an empty database, the channels that are enabled, the outbox dispatcher, and the
 * supplier work left pending by a previous run or another process. A channel that fails to start
 * is reported and does not stop the others. A clock or supplier given in `opts` (tests) keeps the
 * core in this thread: functions do not cross threads.
 */
export async function runGateway(config: Config, log: (line: string) => void, opts: CoreOptions = {}): Promise<RunningGateway> {
  const started = config.gateway.coreThread && !opts.clock && !opts.supplier
    ? await coreThread(config, log, opts)
    : await coreHere(config, log, opts);
  const core = started.port;
  const pidFile = pidFileOf(config);
  // Stopped in this order, each whatever the others did; the core last.
  const channels: Array<{ stop(): Promise<void> | void }> = [];
  const stop = async () => {
    for (const c of channels) {
      try {
        await c.stop();
      } catch (e) {
        log(`a channel failed to stop: ${e instanceof Error ? e.message : e}`);
      }
    }
    await started.close();
    try {
      unlinkSync(pidFile);
    } catch {
      // already gone
    }
  };
  try {
    let httpAddress: { host: string; port: number } | undefined;
    if (config.channels.http.enabled) {
      const http = new HttpChannel(core, config.channels.http.token);
      try {
        const a = await http.start(config.channels.http.host, config.channels.http.port);
        channels.push(http);
        httpAddress = { host: a.address, port: a.port };
        log(`HTTP channel on http://${a.address}:${a.port}/api/messages`);
      } catch (e) {
        log(`HTTP channel failed to start: ${e instanceof Error ? e.message : e}`);
      }
    }
    let smpp: RunningSmpp | undefined;
    try {
      smpp = await startSmpp(core, config, log);
      channels.push(smpp);
    } catch (e) {
      log(`SMPP channels failed to start: ${e instanceof Error ? e.message : e}`);
    }
    // Each logs its own failure and returns undefined; the catch is for the unexpected.
    const unexpected = (name: string) => (e: unknown) => {
      log(`${name} channel failed to start: ${e instanceof Error ? e.message : e}`);
      return undefined;
    };
    const telegram = await startTelegram(core, config, log).catch(unexpected('Telegram'));
    if (telegram) channels.push(telegram);
    const whatsapp = await startWhatsApp(core, config, log).catch(unexpected('WhatsApp'));
    if (whatsapp) channels.push(whatsapp);
    started.dispatcher.start();
    writeFileSync(pidFile, `${process.pid}\n`);
    return { port: core, died: started.died, reload: started.reload, http: httpAddress, smpp, stop };
  } catch (e) {
    await stop(); // nothing may keep running (the core thread would keep the process alive)
    throw e;
  }
}
