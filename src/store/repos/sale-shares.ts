import type { EdgeShare } from '../../domain/pricing.js';

/** How a share is stored in `sale.shares`: `[earner or null, downline, markup, source]`. */
type StoredShare = [earner: number | null, downline: number, markup: number, source: EdgeShare['source']];

/** Every source a share may have (a record: a source added to MarkupSource must be added here). */
const SOURCES: Readonly<Record<EdgeShare['source'], true>> = { product: true, wildcard: true, general: true };

/** A sale's shares as its row keeps them: a JSON array by level (migration 0008). */
export function encodeShares(shares: readonly EdgeShare[]): string {
  return JSON.stringify(shares.map((s): StoredShare => [s.earnerId, s.downlineId, s.markup, s.source]));
}

/** The shares of `sale.shares`; throws on anything but what `encodeShares` writes. */
export function decodeShares(text: string): EdgeShare[] {
  const stored: unknown = JSON.parse(text);
  if (!Array.isArray(stored)) throw new Error(`sale shares: not a list: ${text}`);
  return stored.map((s: unknown): EdgeShare => {
    if (!Array.isArray(s) || s.length !== 4) throw new Error(`sale shares: a share is not [earner, downline, markup, source]: ${text}`);
    const [earner, downline, markup, source] = s as unknown[];
    if ((earner !== null && !Number.isSafeInteger(earner)) || !Number.isSafeInteger(downline) || !Number.isSafeInteger(markup)
      || (markup as number) < 0 || typeof source !== 'string' || !Object.hasOwn(SOURCES, source)) {
      throw new Error(`sale shares: a share is malformed: ${text}`);
    }
    return { earnerId: earner as number | null, downlineId: downline as number, markup: markup as number, source: source as EdgeShare['source'] };
  });
}
