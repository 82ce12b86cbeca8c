import { dirname, isAbsolute, resolve } from 'node:path';
import { parseAmount, type Currency, type Minor } from '../domain/money.js';
import type { SameSaleWindow } from '../domain/sale-window.js';
import { ConfigError } from './config-error.js';
import type { ConfigFile } from './config-schema.js';
import { parseDuration } from './duration.js';
import { resolveReseller, type ResellerSettings } from './resolve-reseller.js';
import { resolveSmpp, type SmppSettings } from './resolve-smpp.js';
import type { GatewaySettings } from './gateway-settings.js';
import type { ParseContext } from './load-config.js';
import { resolveTelegramSettings, type TelegramSettings } from './telegram-schema.js';
import { resolveWhatsAppSettings, type WhatsAppSettings } from './whatsapp-schema.js';

/** The validated configuration every module receives: amounts in minor units, paths absolute. */
export interface Config {
  readonly file: string;
  readonly currency: Currency;
  readonly timeZone: string;
  readonly databasePath: string;
  readonly pinKey: { readonly env: string; readonly file: string; readonly value: string | undefined };
  readonly rules: {
    readonly maxMarkup: Minor;
    readonly pinMaxAttempts: number;
    readonly commissionMode: 'wallet' | 'balance';
    readonly sameSaleWindow: SameSaleWindow;
  };
  readonly supplier: {
    readonly kind: 'simulator';
    readonly simulator: { delayMs: number; failurePercent: number; pendingPercent: number; seed: string };
    readonly recheckMs: number;
  };
  readonly demo: boolean;
  readonly reseller: ResellerSettings;
  readonly gateway: GatewaySettings;
  readonly channels: Omit<ConfigFile['channels'], 'telegram' | 'whatsapp' | 'smpp' | 'http'> & {
    readonly http: Omit<ConfigFile['channels']['http'], 'tokenEnv'> & { readonly token: string | undefined };
    readonly smpp: SmppSettings;
    readonly telegram: TelegramSettings;
    readonly whatsapp: WhatsAppSettings;
  };
  readonly grammar: ConfigFile['grammar'];
  readonly replies: ConfigFile['replies'];
}

export function resolveConfig(f: ConfigFile, ctx: ParseContext): Config {
  const currency = { code: f.currency.code, decimals: f.currency.decimals };
  const maxMarkup = parseAmount(f.rules.maxMarkup, currency);
  if (maxMarkup === null || maxMarkup < 0) {
    throw new ConfigError(ctx.file, [
      { path: 'rules.maxMarkup', message: `expected a non-negative amount with at most ${currency.decimals} decimals` },
    ]);
  }
  const daftarMarkup = parseAmount(f.gateway.daftarMarkup, currency);
  if (daftarMarkup === null || daftarMarkup > maxMarkup) {
    throw new ConfigError(ctx.file, [{
      path: 'gateway.daftarMarkup',
      message: `expected an amount with at most ${currency.decimals} decimals, not above rules.maxMarkup`,
    }]);
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(ctx.cwd, p));
  const databasePath = abs(ctx.dbPath ?? f.database.path);
  const keyFile = f.security.pinKeyFile ? abs(f.security.pinKeyFile) : resolve(dirname(databasePath), 'pin.key');
  const window = f.rules.sameSaleWindow;
  const config: Config = {
    file: ctx.file,
    currency,
    timeZone: f.timeZone,
    databasePath,
    pinKey: { env: f.security.pinKeyEnv, file: keyFile, value: ctx.env[f.security.pinKeyEnv] },
    rules: {
      maxMarkup,
      pinMaxAttempts: f.rules.pinMaxAttempts,
      commissionMode: f.rules.commissionMode,
      sameSaleWindow:
        window === 'businessDay' || window === 'off'
          ? { kind: window }
          : { kind: 'duration', ms: parseDuration(window) as number },
    },
    supplier: {
      kind: f.supplier.kind,
      simulator: {
        delayMs: parseDuration(f.supplier.simulator.delay) as number,
        failurePercent: f.supplier.simulator.failurePercent,
        pendingPercent: f.supplier.simulator.pendingPercent,
        seed: f.supplier.simulator.seed,
      },
      recheckMs: parseDuration(f.supplier.recheck) as number,
    },
    demo: f.demo,
    reseller: resolveReseller(f.reseller, currency, ctx.file),
    gateway: {
      replyToUnknownSenders: f.gateway.replyToUnknownSenders,
      ratePerMinute: f.gateway.ratePerMinute,
      daftarMarkup,
      regRole: f.reseller.regRole,
      ticket: { account: f.gateway.ticket.account, ttlMs: parseDuration(f.gateway.ticket.ttl) as number },
      maxBatch: f.gateway.maxBatch,
      coreThread: f.gateway.coreThread,
    },
    channels: {
      ...f.channels,
      http: resolveHttp(f.channels.http, ctx),
      telegram: resolveTelegramSettings(f.channels.telegram, ctx),
      whatsapp: resolveWhatsAppSettings(f.channels.whatsapp, ctx),
      smpp: resolveSmpp(f.channels.smpp, ctx.env),
    },
    grammar: f.grammar,
    replies: f.replies,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function resolveHttp(h: ConfigFile['channels']['http'], ctx: ParseContext): Config['channels']['http'] {
  const { tokenEnv, ...rest } = h;
  const token = tokenEnv === undefined ? undefined : ctx.env[tokenEnv];
  if (tokenEnv !== undefined && !token) {
    throw new ConfigError(ctx.file, [{ path: 'channels.http.tokenEnv', message: `the environment variable ${tokenEnv} is not set` }]);
  }
  return { ...rest, token };
}
