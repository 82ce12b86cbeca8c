import { hash } from 'node:crypto';
import type { Supplier, SupplierAnswer, SupplierOrder } from './supplier.js';

export interface SimulatorOptions {
  readonly delayMs: number;
  /** Share of sales that fail, in percent; which ones is decided by the trxid, so it repeats. */
  readonly failurePercent: number;
  /** Share of sales answered "pending" at first and successful when asked again. */
  readonly pendingPercent: number;
  readonly seed: string;
}

/**
 * A supplier that needs no outside service: answers after `delayMs` with an outcome and serial
 * number derived from a hash of seed and trxid, so every run with the same seed is identical.
 */
export function createSimulator(opts: SimulatorOptions): Supplier & { readonly asked: number } {
  const seen = new Set<string>();
  let asked = 0;
  return {
    get asked() {
      return asked;
    },
    async submit(order: SupplierOrder): Promise<SupplierAnswer> {
      asked++;
      if (opts.delayMs > 0) await new Promise((r) => setTimeout(r, opts.delayMs));
      const digest = hash('sha256', `${opts.seed}:${order.trxid}`, 'buffer'); // one-shot: no Hash object per sale
      const roll = digest.readUInt32BE(0) % 100;
      if (roll < opts.failurePercent) return { status: 'failed', reason: 'simulated failure' };
      // Only sales meant to be pending at first are remembered (every trxid was, for good).
      if (roll >= 100 - opts.pendingPercent && !seen.has(order.trxid)) {
        seen.add(order.trxid);
        return { status: 'pending' };
      }
      return { status: 'success', sn: serialNumber(digest) };
    },
  };
}

/** A 20-digit serial number taken from the digest. */
function serialNumber(digest: Buffer): string {
  return (digest.readBigUInt64BE(8) % 10n ** 20n).toString().padStart(20, '0');
}
