// Fills a template's [fields]. Keys are typed (ReplyKey), so a missing template is a compile
// error in engine code and a start-up error in config (reply-catalogue.ts).
import type { ReplyCatalogue } from './reply-catalogue.js';
import type { ReplyKey } from './reply-keys.js';

export type ReplyValues = Readonly<Record<string, string | number | undefined>>;

/** A template cut once at its fields: literal text at even places, field names at odd ones. */
type Parts = readonly string[];

const FIELD = /\[([a-z0-9_]+)\]/;
/** Templates are few (a catalogue's, and its reloads'): each is cut once. */
const cut = new Map<string, Parts>();

function partsOf(template: string): Parts {
  let parts = cut.get(template);
  if (parts === undefined) {
    parts = template.split(FIELD); // a capture group keeps the field names, at the odd places
    if (cut.size >= 10_000) cut.clear(); // (reloads add templates; never many)
    cut.set(template, parts);
  }
  return parts;
}

/** A field without a value renders as empty: a reseller should never see "[sn]". */
export function renderReply(catalogue: ReplyCatalogue, key: ReplyKey, values: ReplyValues = {}): string {
  const parts = partsOf(catalogue.templates[key]);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = values[parts[i]!];
    out += (value === undefined ? '' : String(value)) + parts[i + 1]!;
  }
  return out;
}
