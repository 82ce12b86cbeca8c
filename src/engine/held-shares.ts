import type { EdgeShare } from '../domain/pricing.js';

const MAX_HELD = 50_000;

/**
 * The edge shares of sales on hold, kept from the hold to the verdict so that paying them out
 * does not read back the `sale_share` rows just written (the rows stay the record). Only a hint:
 * an entry is used only for the sale it was made for (same id, ref and creation time: a hold that
 * rolled back can leave an entry whose id a later sale reuses), and anything missing (a restart,
 * a sale without ref, more than 50,000 on hold) is read from the table.
 */
export class HeldShares {
  private held = new Map<number, { ref: string; at: number; shares: readonly EdgeShare[] }>();

  remember(saleId: number, ref: string, at: number, shares: readonly EdgeShare[]): void {
    if (this.held.size >= MAX_HELD) this.held = new Map();
    this.held.set(saleId, { ref, at, shares });
  }

  /** The shares held for this sale, forgotten as they are taken; undefined when unknown. */
  take(sale: { id: number; ref: string | null; created_at: number }): readonly EdgeShare[] | undefined {
    const h = this.held.get(sale.id);
    if (h === undefined) return undefined;
    this.held.delete(sale.id);
    return h.ref === sale.ref && h.at === sale.created_at ? h.shares : undefined;
  }
}
