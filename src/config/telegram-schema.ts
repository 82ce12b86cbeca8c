// Schema of `channels.telegram` and its resolution (the token from the environment).
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { parseDuration } from './duration.js';
import type { ParseContext } from './load-config.js';
import { duration } from './schema-atoms.js';

/** Telegram's `secret_token`: 1–256 characters A-Z a-z 0-9 _ - (Bot API setWebhook). */
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

export const telegramConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** The bot token from @BotFather; prefer `tokenEnv`, which names an environment variable. */
    token: z.string().default(''),
    tokenEnv: z.string().min(1).optional(),
    /** The Bot API server: Telegram's, a local `telegram-bot-api`, or a test double. */
    apiRoot: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
    mode: z.enum(['polling', 'webhook']).default('polling'),
    polling: z
      .strictObject({
        /** Updates per getUpdates (1–100). Each is committed before the next request confirms it. */
        limit: z.number().int().min(1).max(100).default(100),
        /** How long one getUpdates waits for news (long polling). */
        timeout: duration.default('30s'),
      })
      .prefault({}),
    webhook: z
      .strictObject({
        /** The public HTTPS address Telegram posts to; its path is the path we listen on. */
        url: z.url().optional(),
        /** Checked on every request (X-Telegram-Bot-Api-Secret-Token); required for webhooks. */
        secret: z.string().regex(SECRET, 'expected 1-256 characters A-Z a-z 0-9 _ -').optional(),
        secretEnv: z.string().min(1).optional(),
        /** Where our webhook server listens (a TLS proxy in front forwards to it). */
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8443),
      })
      .prefault({}),
    /** 429 (after retry_after) and 5xx answers are retried this many times, waiting at most maxDelay. */
    retry: z
      .strictObject({
        attempts: z.number().int().min(0).max(20).default(3),
        maxDelay: duration.default('60s'),
      })
      .prefault({}),
    /** How long start-up may take to reach the Bot API before the channel is reported as failed. */
    startTimeout: duration.default('30s'),
  })
  .prefault({});

export type TelegramConfig = z.output<typeof telegramConfigSchema>;

/** `channels.telegram` resolved: the token read, durations in milliseconds. */
export interface TelegramSettings {
  readonly enabled: boolean;
  readonly token: string;
  readonly apiRoot: string;
  readonly mode: 'polling' | 'webhook';
  readonly polling: { readonly limit: number; readonly timeoutSeconds: number };
  readonly webhook: {
    readonly url: string;
    readonly path: string;
    readonly secret: string;
    readonly host: string;
    readonly port: number;
  } | undefined;
  readonly retry: { readonly attempts: number; readonly maxDelaySeconds: number };
  readonly startTimeoutMs: number;
}

const ms = (d: string) => parseDuration(d) as number;

export function resolveTelegramSettings(c: TelegramConfig, ctx: ParseContext): TelegramSettings {
  const at = 'channels.telegram';
  const problems: { path: string; message: string }[] = [];
  const token = secretOf(c.token, c.tokenEnv, `${at}.token`, ctx, problems);
  if (c.enabled && !token) {
    problems.push({ path: `${at}.token`, message: 'the channel is enabled but has no token: set token or tokenEnv' });
  }
  let webhook: TelegramSettings['webhook'];
  if (c.mode === 'webhook') {
    const secret = secretOf(c.webhook.secret ?? '', c.webhook.secretEnv, `${at}.webhook.secret`, ctx, problems);
    if (!c.webhook.url) problems.push({ path: `${at}.webhook.url`, message: 'mode is webhook: give the public https URL' });
    if (!secret || !SECRET.test(secret)) {
      problems.push({
        path: `${at}.webhook.secret`,
        message: 'mode is webhook: give secret or secretEnv (1-256 characters A-Z a-z 0-9 _ -); without it anyone could post fake updates',
      });
    }
    if (c.webhook.url && secret) {
      webhook = { url: c.webhook.url, path: new URL(c.webhook.url).pathname, secret, host: c.webhook.host, port: c.webhook.port };
    }
  }
  if (c.enabled && problems.length > 0) throw new ConfigError(ctx.file, problems);
  return {
    enabled: c.enabled,
    token,
    apiRoot: c.apiRoot.replace(/\/+$/, ''), // grammY refuses a trailing "/"
    mode: c.mode,
    polling: { limit: c.polling.limit, timeoutSeconds: Math.max(0, Math.round(ms(c.polling.timeout) / 1000)) },
    webhook,
    retry: { attempts: c.retry.attempts, maxDelaySeconds: Math.ceil(ms(c.retry.maxDelay) / 1000) },
    startTimeoutMs: ms(c.startTimeout),
  };
}

/** A secret given inline or by the name of an environment variable (not both). */
function secretOf(
  inline: string, env: string | undefined, path: string, ctx: ParseContext, problems: { path: string; message: string }[],
): string {
  if (env === undefined) return inline;
  if (inline) problems.push({ path, message: `give ${path.split('.').at(-1)} or its Env variable, not both` });
  const value = ctx.env[env] ?? '';
  if (!value) problems.push({ path: `${path}Env`, message: `environment variable ${env} is not set` });
  return value;
}
