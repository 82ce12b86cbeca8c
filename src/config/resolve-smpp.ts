import { parseDuration } from './duration.js';
import type { SmppConfigFile } from './smpp-schema.js';

/** Timing and flow control of one SMPP session, resolved to milliseconds. */
export interface SmppLinkSettings {
  readonly window: number;
  readonly enquireLinkMs: number;
  readonly responseTimeoutMs: number;
  readonly reassemblyTimeoutMs: number;
  readonly redeliveryWindowMs: number;
  readonly sourceAddr: string;
}

export interface SmppClientSettings extends SmppLinkSettings {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  /** Undefined when `passwordEnv` names a variable that is not set: that bind does not start. */
  readonly password: string | undefined;
  readonly passwordEnv: string | undefined;
  readonly systemType: string;
  readonly mode: 'transceiver' | 'transmitter+receiver';
  readonly interfaceVersion: number;
  readonly throughput: number;
  readonly registeredDelivery: boolean;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
}

export interface SmppAccount {
  readonly systemId: string;
  /** Undefined when `passwordEnv` is not set: binds to that account are refused. */
  readonly password: string | undefined;
  readonly passwordEnv: string | undefined;
}

export interface SmppServerSettings extends SmppLinkSettings {
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
  readonly accounts: readonly SmppAccount[];
}

export interface SmppSettings {
  readonly client: readonly SmppClientSettings[];
  readonly server: SmppServerSettings;
}

const ms = (d: string) => parseDuration(d) as number;

type LinkFile = Pick<SmppConfigFile['server'], 'window' | 'enquireLink' | 'responseTimeout' | 'reassemblyTimeout' | 'redeliveryWindow' | 'sourceAddr'>;

function linkOf(l: LinkFile): SmppLinkSettings {
  return {
    window: l.window,
    enquireLinkMs: ms(l.enquireLink),
    responseTimeoutMs: ms(l.responseTimeout),
    reassemblyTimeoutMs: ms(l.reassemblyTimeout),
    redeliveryWindowMs: ms(l.redeliveryWindow),
    sourceAddr: l.sourceAddr,
  };
}

const secretOf = (s: { password?: string | undefined; passwordEnv?: string | undefined }, env: NodeJS.ProcessEnv) => ({
  password: s.password ?? (s.passwordEnv ? env[s.passwordEnv] || undefined : undefined),
  passwordEnv: s.passwordEnv,
});

/** `channels.smpp` with durations in ms and `passwordEnv` read from the loader's environment. */
export function resolveSmpp(s: SmppConfigFile, env: NodeJS.ProcessEnv): SmppSettings {
  return {
    client: s.client.map((c) => ({
      ...linkOf(c),
      name: c.name,
      host: c.host,
      port: c.port,
      systemId: c.systemId,
      ...secretOf(c, env),
      systemType: c.systemType,
      mode: c.mode,
      interfaceVersion: c.interfaceVersion,
      throughput: c.throughput,
      registeredDelivery: c.registeredDelivery,
      reconnectMinMs: ms(c.reconnect.min),
      reconnectMaxMs: ms(c.reconnect.max),
    })),
    server: {
      ...linkOf(s.server),
      enabled: s.server.enabled,
      host: s.server.host,
      port: s.server.port,
      accounts: s.server.accounts.map((a) => ({ systemId: a.systemId, ...secretOf(a, env) })),
    },
  };
}
