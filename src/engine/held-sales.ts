import type { EdgeShare } from '../domain/pricing.js';
import type { SaleRow } from '../store/repos/sales-repo.js';

const MAX_HELD = 50_000;

/** A sale on hold as it was written, with the edge shares stored beside it. */
export interface HeldSale {
  readonly sale: SaleRow & { readonly ref: string };
  readonly shares: readonly EdgeShare[];
}

/**
 * Sales on hold, kept from the hold to the verdict so that paying them out does not read back the
 * `sale` row and its shares just written (the row stays the record). Only a hint: the
 * verdict uses an entry only when its UPDATE finds that very row still pending (same id, ref and
 * creation time: a hold that rolled back can leave an entry whose id a later sale reuses), and
 * anything missing (a restart, a sale without ref, more than 50,000 on hold) is read from the tables.
 */
export class HeldSales {
  private held = new Map<number, HeldSale>();

  remember(sale: SaleRow & { readonly ref: string }, shares: readonly EdgeShare[]): void {
    if (this.held.size >= MAX_HELD) this.held = new Map();
    this.held.set(sale.id, { sale, shares });
  }

  /** The entry for this sale id, forgotten as it is taken; undefined when unknown. */
  take(saleId: number): HeldSale | undefined {
    const h = this.held.get(saleId);
    if (h !== undefined) this.held.delete(saleId);
    return h;
  }
}
