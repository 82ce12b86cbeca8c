import { z } from 'zod';
import { grammarConfigSchema, repliesConfigSchema } from './grammar-schema.js';
import { coreConfigSchema } from './schema.js';

/** The whole operator file: every section validated together, unknown keys refused. */
export const configSchema = coreConfigSchema
  .extend({
    grammar: grammarConfigSchema,
    replies: repliesConfigSchema,
  })
  .strict();

export type ConfigFile = z.output<typeof configSchema>;
