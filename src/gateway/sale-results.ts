import type { FinishedSale } from '../engine/sales.js';
import { SaleProcessor } from '../engine/sale-processor.js';
import { formatAmount } from '../domain/money.js';
import { outboxRepo, type OutboxRow } from '../store/repos/outbox-repo.js';
import type { PipelineDeps } from './process-message.js';

/**
 * Queues a sale's final result ("sukses … SN …" / "gagal … refund") to the buyer on the channel
 * and chat the sale came from. Runs inside the transaction that makes the sale final.
 */
export function queueSaleResult(deps: Pick<PipelineDeps, 'ctx' | 'language'>, f: FinishedSale): OutboxRow | undefined {
  if (!f.sale.origin) return undefined;
  const origin = JSON.parse(f.sale.origin) as { channel: string; to: string };
  const lang = deps.language.current;
  const money = (v: number) => formatAmount(v, deps.ctx.settings.currency, lang.language);
  const success = f.sale.status === 'success';
  const text = lang.render(success ? 'Transaksi.success' : 'Transaksi.failed', {
    kodeproduk: f.productCode, tujuan: f.sale.dest, sn: f.sale.sn ?? undefined, alasan: f.sale.reason ?? undefined,
    harga: money(f.sale.price), saldo: money(f.balance), trxid: SaleProcessor.trxid(f.sale.id),
  });
  return outboxRepo.insert(deps.ctx.sql, { channel: origin.channel, recipient: origin.to, text, saleId: f.sale.id }, deps.ctx.clock.now());
}
