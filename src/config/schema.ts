import { z } from 'zod';
import { parseDuration } from './duration.js';
import { amount, duration } from './schema-atoms.js';
import { channelsConfigSchema, gatewayConfigSchema } from './gateway-schema.js';
import { resellerConfigSchema } from './reseller-schema.js';

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as "Asia/Jakarta"' },
);

const simulatorSchema = z
  .object({
    delay: duration.default('1s'),
    failurePercent: z.number().int().min(0).max(100).default(0),
    pendingPercent: z.number().int().min(0).max(100).default(0),
    seed: z.string().min(1).default('pulsagate-simulator'),
  })
  .strict();

export const coreConfigSchema = z
  .object({
    /** Load a demo catalogue and agents into an empty database at `start`. Off in production. */
    demo: z.boolean().default(true),
    gateway: gatewayConfigSchema.prefault({}),
    reseller: resellerConfigSchema.prefault({}),
    channels: channelsConfigSchema.prefault({}),
    currency: z
      .object({
        code: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code').default('IDR'),
        decimals: z.number().int().min(0).max(4).default(0),
      })
      .strict()
      .prefault({}),
    timeZone: timeZone.default('Asia/Jakarta'),
    database: z
      .object({ path: z.string().min(1).default('data/pulsagate.db') })
      .strict()
      .prefault({}),
    security: z
      .object({
        /** Environment variable holding the PIN hashing key (hex or base64, >= 32 bytes). */
        pinKeyEnv: z.string().min(1).default('PULSAGATE_PIN_KEY'),
        /** Where the generated key is kept when the variable is unset; default: beside the database. */
        pinKeyFile: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    rules: z
      .object({
        maxMarkup: amount.default('10000'),
        pinMaxAttempts: z.number().int().min(1).max(100).default(5),
        commissionMode: z.enum(['wallet', 'balance']).default('wallet'),
        /** "businessDay" (operator's time zone), a duration such as "6h", or "off". */
        sameSaleWindow: z
          .union([z.literal('businessDay'), z.literal('off'), duration])
          .default('businessDay'),
      })
      .strict()
      .prefault({}),
    supplier: z
      .object({
        kind: z.literal('simulator').default('simulator'),
        simulator: simulatorSchema.prefault({}),
        /** How often a sale the supplier answered "pending" is asked again. */
        recheck: duration.refine((d) => (parseDuration(d) ?? 0) >= 10, { message: 'at least 10ms' }).default('5s'),
      })
      .strict()
      .prefault({}),
  });

export type CoreConfigInput = z.input<typeof coreConfigSchema>;
export type CoreConfigParsed = z.output<typeof coreConfigSchema>;
