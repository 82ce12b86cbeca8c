// Merges the shipped catalogue with the operator's `grammar.requests` overrides into the list of
// formats in effect, checking each key's fields and keywords. Cross-format checks (ambiguity)
// happen later, on the expanded atom sequences (format-trie.ts).
import { REQUEST_KEYS, type RequestKey } from '../domain/commands.js';
import type { GrammarConfig } from '../config/grammar-schema.js';
import type { CatalogueEntry, RequestCatalogue } from './catalogue.js';
import { normaliseKeyword, parseFormat, type Segment } from './format-syntax.js';
import { GrammarError } from './grammar-error.js';
import { PLACEHOLDER_SPECS, type Placeholder } from './placeholders.js';

export interface EffectiveFormat {
  /** Declaration order: catalogue key order, then format order. Lower wins hints. */
  readonly index: number;
  readonly key: RequestKey;
  /** As written in the catalogue or config. */
  readonly format: string;
  readonly segments: readonly Segment[];
  /** Accepted spellings of the first keyword (itself, then aliases); empty if none. */
  readonly spellings: readonly string[];
  /** An example message, written with the first configured separator. */
  readonly example: string;
  readonly source: 'default' | 'config';
}

export function formatsInEffect(config: GrammarConfig, catalogue: RequestCatalogue): EffectiveFormat[] {
  const sep = config.separators[0] ?? '.';
  const out: EffectiveFormat[] = [];
  for (const key of REQUEST_KEYS) {
    const entry = catalogue[key];
    const override = config.requests[key];
    if (override?.enabled === false) continue;
    const aliases = (override?.aliases ?? entry.aliases).map((a) => normaliseKeyword(a, key));
    const fromConfig = override?.formats !== undefined;
    const sources = fromConfig
      ? (override?.formats ?? []).map((format) => ({ format, example: undefined }))
      : entry.formats;
    for (const { format, example } of sources) {
      const segments = parseFormat(format, key);
      checkFields(key, format, segments, entry);
      out.push({
        index: out.length,
        key,
        format,
        segments,
        spellings: spellingsOf(key, format, segments, aliases),
        example: example === undefined ? generateExample(segments, sep) : example.split('.').join(sep),
        source: fromConfig ? 'config' : 'default',
      });
    }
  }
  if (out.length === 0) throw new GrammarError({ reason: 'no request formats in effect (all disabled)' });
  return out;
}

function checkFields(key: RequestKey, format: string, segments: readonly Segment[], entry: CatalogueEntry): void {
  const fail = (reason: string): never => {
    throw new GrammarError({ key, format, reason });
  };
  const seen = new Set<Placeholder>();
  for (const s of segments) {
    if (s.type !== 'slot') continue;
    const p = s.placeholder;
    if (seen.has(p)) fail(`placeholder <${p}> appears twice`);
    seen.add(p);
    if (!entry.required.includes(p) && !entry.optional.includes(p)) {
      fail(`<${p}> is not a field of ${key}; its fields are ${fieldList(entry)}`);
    }
  }
  const missing = entry.required.filter((p) => !seen.has(p));
  if (missing.length > 0) fail(`missing required ${missing.map((p) => `<${p}>`).join(' ')}`);
}

function fieldList(entry: CatalogueEntry): string {
  const all = [...entry.required, ...entry.optional.map((p) => `${p}?`)];
  return all.length === 0 ? '(none)' : all.map((p) => `<${p}>`).join(' ');
}

function spellingsOf(key: RequestKey, format: string, segments: readonly Segment[], aliases: readonly string[]): string[] {
  const first = segments[0];
  if (first?.type !== 'keyword') {
    if (aliases.length > 0) {
      throw new GrammarError({ key, format, reason: 'aliases need every format of the key to start with a keyword' });
    }
    return [];
  }
  return [...new Set([first.word, ...aliases])];
}

/** An example built from placeholder samples, for formats the operator wrote. */
export function generateExample(segments: readonly Segment[], sep: string): string {
  return fillFormat(segments, sep, {});
}

/** The format written out with the given values, samples for the rest. */
export function fillFormat(segments: readonly Segment[], sep: string, values: Partial<Record<Placeholder, string>>): string {
  return segments
    .map((s) => {
      if (s.type === 'keyword') return s.word;
      if (s.type === 'star') return '*';
      return values[s.placeholder] ?? PLACEHOLDER_SPECS[s.placeholder].sample;
    })
    .join(sep);
}
