// Schemas of the `grammar:` and `replies:` sections of config/pulsagate.yaml.
// Shape only: whether the formats make a sound grammar is checked when they are compiled
// (src/grammar/language.ts), which throws GrammarError naming the key and the format.
import { z } from 'zod';
import { REQUEST_KEYS } from '../domain/commands.js';

export const LANGUAGES = ['id', 'en'] as const;

const requestOverrideSchema = z.strictObject({
  /** Replaces the key's default formats. To drop a key use `enabled: false`. */
  formats: z.array(z.string().min(1)).min(1, 'give at least one format, or set enabled: false').optional(),
  /** Replaces the key's default aliases: extra keywords for each format's first keyword. */
  aliases: z.array(z.string().min(1)).optional(),
  enabled: z.boolean().default(true),
});

export const grammarConfigSchema = z
  .strictObject({
    /** Characters a message may use wherever a format has ".". */
    separators: z
      .array(z.string().length(1, 'a separator is a single character'))
      .min(1)
      .default(['.']),
    language: z.enum(LANGUAGES).default('id'),
    requests: z.partialRecord(z.enum(REQUEST_KEYS), requestOverrideSchema).default({}),
  })
  .prefault({});

/** Per-template overrides: reply key (e.g. `CekSaldo.ok`, `error.AUTH.DENIED`) to template. */
export const repliesConfigSchema = z.record(z.string(), z.string()).default({});

export type GrammarConfig = z.output<typeof grammarConfigSchema>;
export type GrammarConfigInput = z.input<typeof grammarConfigSchema>;
export type RequestOverride = z.output<typeof requestOverrideSchema>;
export type RepliesConfig = z.output<typeof repliesConfigSchema>;
export type Language = (typeof LANGUAGES)[number];
