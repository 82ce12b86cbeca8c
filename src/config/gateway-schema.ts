import { z } from 'zod';
import { amount, duration } from './schema-atoms.js';
import { smppConfigSchema } from './smpp-schema.js';
import { telegramConfigSchema } from './telegram-schema.js';
import { whatsappConfigSchema } from './whatsapp-schema.js';

export const gatewayConfigSchema = z
  .object({
    /** Answer unregistered senders with one generic text (true) or stay silent (false). */
    replyToUnknownSenders: z.boolean().default(true),
    /** Messages one sender may send per minute; 0 = unlimited. */
    ratePerMinute: z.number().int().min(0).default(30),
    /** General markup the upline earns on a member who registered with DAFTAR under its code. */
    daftarMarkup: amount.default('0'),
    ticket: z
      .object({
        /** The bank account shown in TIKET replies. */
        account: z.string().min(1).default('BCA 0000000000 a.n. OPERATOR'),
        ttl: duration.default('3h'),
      })
      .strict()
      .prefault({}),
    /** Most messages committed together (group commit). */
    maxBatch: z.number().int().min(1).max(1024).default(256),
    /**
     * `start` runs the core (database, engine) in its own thread, beside the channels' thread: more
     * SMPP throughput on two CPU cores, for ~55 MB more memory (docs/benchmarks.md).
     */
    coreThread: z.boolean().default(false),
  })
  .strict();

export const channelsConfigSchema = z
  .object({
    http: z
      .object({
        enabled: z.boolean().default(true),
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** An environment variable holding a shared secret: requests must send `Authorization: Bearer <it>`. */
        tokenEnv: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    telegram: telegramConfigSchema,
    whatsapp: whatsappConfigSchema,
    smpp: smppConfigSchema.prefault({}),
  })
  .strict();
