// Loads grammar/requests.yaml: the default formats, aliases and fields of every request key.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { REQUEST_KEYS, type RequestKey } from '../domain/commands.js';
import { GrammarError } from './grammar-error.js';
import { PLACEHOLDERS } from './placeholders.js';

const entrySchema = z.strictObject({
  summary: z.string(),
  required: z.array(z.enum(PLACEHOLDERS)),
  optional: z.array(z.enum(PLACEHOLDERS)).default([]),
  aliases: z.array(z.string()).default([]),
  formats: z.array(z.strictObject({ format: z.string(), example: z.string() })).min(1),
});

// An exhaustive record: every request key must be present, no other key may be.
const catalogueSchema = z.strictObject(
  Object.fromEntries(REQUEST_KEYS.map((k) => [k, entrySchema])) as Record<RequestKey, typeof entrySchema>,
);

export type CatalogueEntry = z.output<typeof entrySchema>;
export type RequestCatalogue = Readonly<Record<RequestKey, CatalogueEntry>>;

/** Both `src/grammar/` (vitest, tsx) and `dist/grammar/` (built) sit two levels below the root. */
export const DEFAULT_CATALOGUE_URL = new URL('../../grammar/requests.yaml', import.meta.url);

let cached: RequestCatalogue | undefined;

/** The shipped catalogue, read and checked once per process. */
export function defaultCatalogue(): RequestCatalogue {
  cached ??= loadCatalogue(DEFAULT_CATALOGUE_URL);
  return cached;
}

export function loadCatalogue(url: URL): RequestCatalogue {
  const text = readFileSync(url, 'utf8');
  const checked = catalogueSchema.safeParse(parseYaml(text));
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new GrammarError({
      key: first?.path.join('.'),
      reason: `${url.pathname}: ${first?.message ?? 'invalid catalogue'}`,
    });
  }
  return checked.data;
}
