import type { EngineContext } from './context.js';
import { finishSale, type FinishedSale, type SupplierVerdict } from './sales.js';
import { salesRepo, type SaleRow } from '../store/repos/sales-repo.js';
import { productsRepo } from '../store/repos/products-repo.js';
import type { Supplier } from './supplier.js';

export interface ProcessorOptions {
  /** How long to wait before asking again about a sale answered "pending" or not answered. */
  readonly recheckMs: number;
  /** Runs inside the transaction that makes a sale final (the gateway queues the reply there). */
  readonly onFinished?: (sale: FinishedSale) => void;
  /** How a verdict is applied; default: its own transaction. The gateway group-commits it. */
  readonly apply?: (saleId: number, verdict: SupplierVerdict) => Promise<unknown> | unknown;
  /** Told of every supplier error and failed apply (the sale stays on hold and is asked again). */
  readonly onError?: (saleId: number, what: 'supplier' | 'apply', error: unknown) => void;
}

/**
 * Hands accepted sales to the supplier and applies its verdict whenever it comes (DOMAIN.md §4
 * steps 3–4). A supplier error or "pending" keeps the price on hold and asks again later; a sale
 * is never refunded on a guess. After a restart, `resumePending` asks again about every sale
 * that was still pending.
 */
export class SaleProcessor {
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Sales asked about or waiting to be asked again: never two questions about one sale at once. */
  private readonly tracked = new Set<number>();
  private stopped = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly supplier: Supplier,
    private readonly opts: ProcessorOptions,
  ) {}

  static trxid(saleId: number): string {
    return `T${saleId}`;
  }

  /** Starts fulfilment of an accepted sale. Returns at once; the verdict is applied later. */
  submit(sale: SaleRow): void {
    if (this.stopped || this.tracked.has(sale.id) || sale.status !== 'pending') return;
    this.tracked.add(sale.id);
    void this.ask(sale);
  }

  /** Asks about every pending sale not already tracked (at start, and swept periodically). */
  resumePending(): number {
    const pending = salesRepo.pending(this.ctx.sql).filter((s) => !this.tracked.has(s.id));
    for (const s of pending) this.submit(s);
    return pending.length;
  }

  /** Sales handed to the supplier and not final yet. */
  get busy(): number {
    return this.tracked.size;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async ask(sale: SaleRow): Promise<void> {
    const product = this.productCode(sale.product_id);
    let answer;
    try {
      answer = await this.supplier.submit({ trxid: SaleProcessor.trxid(sale.id), product, dest: sale.dest });
    } catch (e) {
      this.opts.onError?.(sale.id, 'supplier', e);
      answer = { status: 'pending' as const };
    }
    if (this.stopped) return;
    if (answer.status === 'pending') return this.later(sale);
    try {
      await (this.opts.apply ?? ((id, v) => finishSale(this.ctx, id, v, this.opts.onFinished)))(sale.id, answer);
      this.tracked.delete(sale.id);
    } catch (e) {
      this.opts.onError?.(sale.id, 'apply', e);
      this.later(sale); // the database was busy or failed: the verdict is asked for again
    }
  }

  /** A product's code never changes once it has an id, so it is read once per product. */
  private readonly codes = new Map<number, string>();

  private productCode(id: number): string {
    let code = this.codes.get(id);
    if (code === undefined) {
      code = productsRepo.byId(this.ctx.sql, id)!.code;
      this.codes.set(id, code);
    }
    return code;
  }

  private later(sale: SaleRow): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.ask(sale);
    }, this.opts.recheckMs);
    this.timers.add(t);
  }
}
