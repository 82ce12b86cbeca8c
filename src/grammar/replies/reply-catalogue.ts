// Reply templates: the shipped catalogue of one language plus the operator's `replies:`
// overrides. Everything is checked when the catalogue is built (start-up, reload), so a
// template key or field that does not exist never reaches a reseller.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Language, RepliesConfig } from '../../config/grammar-schema.js';
import { GrammarError } from '../grammar-error.js';
import { isReplyKey, REPLY_KEYS, type ReplyKey } from './reply-keys.js';

export type Templates = Readonly<Record<ReplyKey, string>>;

export interface ReplyCatalogue {
  readonly language: Language;
  readonly templates: Templates;
}

const FIELD = /\[([a-z0-9_]+)\]/g;

/** The `[field]` names a template uses. */
export function fieldsOf(template: string): Set<string> {
  return new Set([...template.matchAll(FIELD)].map((m) => m[1] ?? ''));
}

const cache = new Map<Language, Templates>();

/** Both `src/grammar/replies/` and `dist/grammar/replies/` sit three levels below the root. */
export function templatesUrl(language: Language): URL {
  return new URL(`../../../grammar/replies.${language}.yaml`, import.meta.url);
}

/** The shipped templates of a language, read and checked once per process. */
export function shippedTemplates(language: Language): Templates {
  let templates = cache.get(language);
  if (templates === undefined) {
    templates = loadTemplates(templatesUrl(language));
    cache.set(language, templates);
  }
  return templates;
}

export function loadTemplates(url: URL): Templates {
  const data: unknown = parseYaml(readFileSync(url, 'utf8'));
  const fail = (reason: string): never => {
    throw new GrammarError({ key: 'replies', reason: `${url.pathname}: ${reason}` });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('not a map of key: template');
  const entries = Object.entries(data);
  for (const [key, value] of entries) {
    if (!isReplyKey(key)) fail(`unknown reply key "${key}"`);
    if (typeof value !== 'string') fail(`"${key}" is not a text`);
  }
  const missing = REPLY_KEYS.filter((k) => !(k in data));
  if (missing.length > 0) fail(`missing reply keys: ${missing.join(', ')}`);
  return Object.freeze(Object.fromEntries(entries)) as Templates;
}

/** Fields a template of `key` may use: those the shipped templates of any language use. */
export function allowedFields(key: ReplyKey): Set<string> {
  return new Set([...fieldsOf(shippedTemplates('id')[key]), ...fieldsOf(shippedTemplates('en')[key])]);
}

export function buildReplyCatalogue(language: Language, overrides: RepliesConfig = {}): ReplyCatalogue {
  const templates: Record<string, string> = { ...shippedTemplates(language) };
  for (const [key, text] of Object.entries(overrides)) {
    if (!isReplyKey(key)) {
      throw new GrammarError({ key: `replies.${key}`, reason: 'unknown reply key (see grammar/replies.id.yaml)' });
    }
    const allowed = allowedFields(key);
    for (const field of fieldsOf(text)) {
      if (!allowed.has(field)) {
        const known = allowed.size === 0 ? 'none' : [...allowed].map((f) => `[${f}]`).join(' ');
        throw new GrammarError({ key: `replies.${key}`, reason: `unknown field [${field}]; known: ${known}` });
      }
    }
    templates[key] = text;
  }
  return Object.freeze({ language, templates: Object.freeze(templates) as Templates });
}
