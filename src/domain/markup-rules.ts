import type { Minor } from './money.js';
import { ok, refuse, type Result } from './result.js';

/** Where an edge's markup for one product came from (DOMAIN.md §3, first match wins). */
export type MarkupSource = 'product' | 'wildcard' | 'general';

/** The candidate markups of one edge upline → downline for one product. */
export interface EdgeCandidates {
  readonly productMarkup: Minor | null;
  readonly wildcardMarkup: Minor | null;
  readonly generalMarkup: Minor;
}

export function effectiveMarkup(c: EdgeCandidates): { markup: Minor; source: MarkupSource } {
  if (c.productMarkup !== null) return { markup: c.productMarkup, source: 'product' };
  if (c.wildcardMarkup !== null) return { markup: c.wildcardMarkup, source: 'wildcard' };
  return { markup: c.generalMarkup, source: 'general' };
}

/** `maxMarkup` caps one edge inclusively; markups are never negative. */
export function checkMarkup(markup: Minor, maxMarkup: Minor): Result<Minor, 'MARKUP.NEGATIVE' | 'MARKUP.ABOVE_MAX'> {
  if (markup < 0) return refuse('MARKUP.NEGATIVE');
  if (markup > maxMarkup) return refuse('MARKUP.ABOVE_MAX', { max: maxMarkup });
  return ok(markup);
}
