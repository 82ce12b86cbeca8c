import type { CommandOf } from '../../domain/commands.js';
import { localMsisdn } from '../../domain/msisdn.js';
import { priceList } from '../../engine/prices.js';
import { startSale } from '../../engine/sales.js';
import { SaleProcessor } from '../../engine/sale-processor.js';
import { salesRepo } from '../../store/repos/sales-repo.js';
import { money, refusal, reply, type Handled, type HandlerContext } from './handler-context.js';

/** Transaksi: accept the sale and hold its price; the supplier is asked after the commit. */
export function buy(h: HandlerContext, cmd: CommandOf<'Transaksi'>): Handled {
  const r = startSale(h.ctx, {
    agentId: h.agent.id, agent: h.agent, product: cmd.product, dest: cmd.dest, counter: cmd.counter, ref: h.origin.ref,
    newRef: h.origin.freshRef,
    origin: JSON.stringify({ channel: h.origin.channel, to: h.origin.to }),
  });
  if (!r.ok) {
    const d = r.detail ?? {};
    const example =
      r.code === 'SALE.DUPLICATE'
        ? h.lang.exampleWith('Transaksi', { product: cmd.product, dest: String(d.dest ?? cmd.dest), counter: String(d.next), pin: 'PIN' })
        : r.code === 'PRODUCT.UNKNOWN'
          ? h.lang.exampleWith('CekHarga', { prefix: cmd.product.slice(0, 1), pin: 'PIN' })
          : undefined;
    return refusal(h, r, { kodeproduk: cmd.product, tujuan: cmd.dest, contoh: example });
  }
  const s = r.value;
  return {
    replies: [{
      key: 'Transaksi.processing',
      values: {
        kodeproduk: s.productCode, tujuan: s.sale.dest, harga: money(h, s.sale.price), saldo: money(h, s.balance),
        trxid: SaleProcessor.trxid(s.sale.id),
      },
    }],
    sale: s.sale,
  };
}

/** CekStatus: the sender's last sale to a destination. */
export function saleStatus(h: HandlerContext, cmd: CommandOf<'CekStatus'>): Handled {
  const dest = localMsisdn(cmd.dest) ?? cmd.dest;
  const s = salesRepo.lastToDest(h.ctx.sql, h.agent.id, dest);
  if (!s) return reply('CekStatus.none', { tujuan: cmd.dest });
  const status = { pending: 'DIPROSES', success: 'SUKSES', failed: 'GAGAL' }[s.status];
  return reply('CekStatus.ok', {
    kodeproduk: s.product_code, tujuan: s.dest, waktu: localTime(s.created_at, h.ctx.settings.timeZone),
    status: h.lang.language === 'en' ? s.status.toUpperCase() : status, sn: s.sn ?? s.reason ?? '-', trxid: SaleProcessor.trxid(s.id),
  });
}

/** CekHarga: the sender's own price of every active product whose code starts with prefix. */
export function prices(h: HandlerContext, cmd: CommandOf<'CekHarga'>): Handled {
  const lines = priceList(h.ctx, h.agent.id, cmd.prefix);
  if (lines.length === 0) return reply('CekHarga.empty', { awalan: cmd.prefix });
  return reply('CekHarga.ok', {
    awalan: cmd.prefix,
    daftar: lines.map((l) => `${l.code}=${money(h, l.price)}`).join(', '),
  });
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function localTime(at: number, timeZone: string): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, f);
  }
  return f.format(new Date(at));
}
