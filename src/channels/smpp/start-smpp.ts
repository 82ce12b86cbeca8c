import type { Config } from '../../config/resolve-config.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import { SmppClientChannel } from './smpp-client-channel.js';
import { SmppServerChannel } from './smpp-server-channel.js';

export interface RunningSmpp {
  /** Where server mode listens, when it started. */
  readonly server: { readonly host: string; readonly port: number } | undefined;
  readonly clients: readonly SmppClientChannel[];
  stop(): Promise<void>;
}

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Starts every configured SMSC bind (each keeps reconnecting on its own) and server mode when
 * enabled. One that cannot start is logged and the others run on.
 */
export async function startSmpp(core: GatewayPort, config: Config, log: (line: string) => void): Promise<RunningSmpp> {
  const settings = config.channels.smpp;
  const clients: SmppClientChannel[] = [];
  for (const c of settings.client) {
    const password = c.password;
    if (password === undefined) {
      log(`SMPP client ${c.name} not started: ${c.passwordEnv} is not set`);
      continue;
    }
    try {
      const channel = new SmppClientChannel(core, { ...c, password }, log);
      await channel.start();
      clients.push(channel);
      log(`SMPP client ${c.name}: binding to ${c.host}:${c.port} as ${c.mode}`);
    } catch (e) {
      log(`SMPP client ${c.name} failed to start: ${why(e)}`);
    }
  }
  let server: SmppServerChannel | undefined;
  let address: RunningSmpp['server'];
  if (settings.server.enabled) {
    try {
      server = new SmppServerChannel(core, settings.server, log);
      const a = await server.start();
      address = { host: a.address, port: a.port };
      log(`SMPP server on ${a.address}:${a.port}`);
    } catch (e) {
      log(`SMPP server failed to start: ${why(e)}`);
      server = undefined;
    }
  }
  return {
    server: address,
    clients,
    async stop() {
      await Promise.all([...clients.map((c) => c.stop()), server?.stop()]);
    },
  };
}
