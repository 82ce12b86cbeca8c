// Schema of `channels.whatsapp` and its resolution (paths made absolute, durations in ms).
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parseDuration } from './duration.js';
import type { ParseContext } from './load-config.js';
import { duration } from './schema-atoms.js';

/** Chromium flags for a headless server or container (shared/research/chat-adapters.md §2.2). */
export const DEFAULT_BROWSER_ARGS = [
  '--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run',
];

export const whatsappConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** The browser whatsapp-web.js drives; `npm install` downloads none. */
    chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
    /** The linked-device session (LocalAuth) and the WhatsApp Web cache; keep it on a persistent disk. */
    sessionDir: z.string().min(1).default('data/whatsapp'),
    /** Names the session inside sessionDir: one per WhatsApp number. */
    clientId: z.string().regex(/^[-_\w]+$/, 'expected letters, digits, _ or -').default('pulsagate'),
    headless: z.boolean().default(true),
    browserArgs: z.array(z.string()).default(DEFAULT_BROWSER_ARGS),
    /** A start (browser launch and WhatsApp Web load) that takes longer fails and closes the browser. */
    startTimeout: duration.default('2m'),
    /** After a disconnect: the first wait before reconnecting, doubled up to reconnectMaxDelay. */
    reconnectDelay: duration.default('2s'),
    reconnectMaxDelay: duration.default('5m'),
    /** On ready, unread messages up to this age are run (through the journal); older ones are not. */
    catchUpWindow: duration.default('24h'),
    /** At most this many unread messages per chat are caught up. */
    catchUpLimit: z.number().int().min(0).max(1000).default(50),
  })
  .prefault({});

export type WhatsAppConfig = z.output<typeof whatsappConfigSchema>;

export interface WhatsAppSettings {
  readonly enabled: boolean;
  readonly chromiumPath: string;
  readonly sessionDir: string;
  readonly clientId: string;
  readonly headless: boolean;
  readonly browserArgs: readonly string[];
  readonly startTimeoutMs: number;
  readonly reconnect: { readonly initialMs: number; readonly maxMs: number };
  readonly catchUp: { readonly windowMs: number; readonly limit: number };
}

const ms = (d: string) => parseDuration(d) as number;

export function resolveWhatsAppSettings(c: WhatsAppConfig, ctx: ParseContext): WhatsAppSettings {
  return {
    enabled: c.enabled,
    chromiumPath: c.chromiumPath,
    sessionDir: isAbsolute(c.sessionDir) ? c.sessionDir : resolve(ctx.cwd, c.sessionDir),
    clientId: c.clientId,
    headless: c.headless,
    browserArgs: c.browserArgs,
    startTimeoutMs: ms(c.startTimeout),
    reconnect: { initialMs: ms(c.reconnectDelay), maxMs: Math.max(ms(c.reconnectDelay), ms(c.reconnectMaxDelay)) },
    catchUp: { windowMs: ms(c.catchUpWindow), limit: c.catchUpLimit },
  };
}
