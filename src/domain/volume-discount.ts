import { percentOf, type Minor } from './money.js';

/**
 * A volume-discount tier (DOMAIN.md §7): from the agent's `from`-th to `to`-th successful sale of
 * a product (counting the sales already made), the base price is `percent` % lower.
 * With tiers 2–9 → 10 % and 10–24 → 20 %, an agent with 2 successful sales gets 10 % off its 3rd.
 */
export interface DiscountTier {
  readonly from: number;
  readonly to: number | null;
  /** Decimal text, e.g. "10" or "2.5". */
  readonly percent: string;
}

export interface DiscountTable {
  readonly default: readonly DiscountTier[];
  /** Per product code; a product listed here uses its own tiers instead of the default. */
  readonly products: Readonly<Record<string, readonly DiscountTier[]>>;
}

export const NO_DISCOUNTS: DiscountTable = { default: [], products: {} };

export function tiersFor(table: DiscountTable, productCode: string): readonly DiscountTier[] {
  return table.products[productCode] ?? table.default;
}

/** The discount on `base` for an agent who already has `successfulSales` of this product. */
export function volumeDiscount(base: Minor, tiers: readonly DiscountTier[], successfulSales: number): Minor {
  const tier = tiers.find((t) => successfulSales >= t.from && (t.to === null || successfulSales <= t.to));
  return tier ? Math.min(base, percentOf(base, tier.percent)) : 0;
}

/** Tiers must not overlap; returns a description of the first problem, or null. */
export function tierProblem(tiers: readonly DiscountTier[]): string | null {
  const sorted = [...tiers].sort((a, b) => a.from - b.from);
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i]!;
    if (t.to !== null && t.to < t.from) return `tier ${t.from}-${t.to}: "to" is below "from"`;
    const next = sorted[i + 1];
    if (next && (t.to === null || t.to >= next.from)) return `tiers starting at ${t.from} and ${next.from} overlap`;
  }
  return null;
}
