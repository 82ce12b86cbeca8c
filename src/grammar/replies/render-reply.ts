// Fills a template's [fields]. Keys are typed (ReplyKey), so a missing template is a compile
// error in engine code and a start-up error in config (reply-catalogue.ts).
import type { ReplyCatalogue } from './reply-catalogue.js';
import type { ReplyKey } from './reply-keys.js';

export type ReplyValues = Readonly<Record<string, string | number | undefined>>;

/** A field without a value renders as empty: a reseller should never see "[sn]". */
export function renderReply(catalogue: ReplyCatalogue, key: ReplyKey, values: ReplyValues = {}): string {
  return catalogue.templates[key].replace(/\[([a-z0-9_]+)\]/g, (_, field: string) => {
    const value = values[field];
    return value === undefined ? '' : String(value);
  });
}
