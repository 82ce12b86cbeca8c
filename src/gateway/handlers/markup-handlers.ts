import type { CommandOf, MarkupItem as TypedItem } from '../../domain/commands.js';
import {
  checkProductMarkup, deleteAllProductMarkups, deleteProductMarkupEverywhere, deleteProductMarkups, listEdgeMarkups,
  setGeneralMarkup, setProductMarkups, setProductMarkupsForAll, setWildcardMarkups, type MarkupItem,
} from '../../engine/markups.js';
import { amountOf, money, refusal, reply, type Handled, type HandlerContext } from './handler-context.js';

/** `S5=50,S10=75` as engine items; the reply's [daftar] echoes them in display form. */
function items(h: HandlerContext, typed: readonly TypedItem[]): MarkupItem[] | Handled {
  const out: MarkupItem[] = [];
  for (const t of typed) {
    const m = amountOf(h, t.amount);
    if (m === null) return refusal(h, { ok: false, code: 'AMOUNT.INVALID' }, { jumlah: t.amount });
    out.push({ product: t.product, markup: m });
  }
  return out;
}

const list = (h: HandlerContext, xs: readonly MarkupItem[]) => xs.map((i) => `${i.product}=${money(h, i.markup)}`).join(',');

export function markupOne(h: HandlerContext, cmd: CommandOf<'UbahMarkupProduk'>): Handled {
  const xs = items(h, cmd.markups);
  if (!Array.isArray(xs)) return xs;
  const r = setProductMarkups(h.ctx, h.agent.id, cmd.downline, xs);
  if (!r.ok) return refusal(h, r, { downline: cmd.downline });
  return reply('UbahMarkupProduk.ok', { downline: r.value.downline, daftar: list(h, xs) });
}

export function markupAll(h: HandlerContext, cmd: CommandOf<'UbahMarkupProduk2'>): Handled {
  const xs = items(h, cmd.markups);
  if (!Array.isArray(xs)) return xs;
  const r = setProductMarkupsForAll(h.ctx, h.agent.id, xs);
  if (!r.ok) return refusal(h, r);
  return reply('UbahMarkupProduk2.ok', { jumlah: r.value.downlines, daftar: list(h, xs) });
}

export function markupWildcard(h: HandlerContext, cmd: CommandOf<'UbahMarkupProdukSemua'>): Handled {
  const xs = items(h, cmd.markups);
  if (!Array.isArray(xs)) return xs;
  const r = setWildcardMarkups(h.ctx, h.agent.id, cmd.self, xs);
  if (!r.ok) return refusal(h, r, { kode: h.agent.code });
  return reply('UbahMarkupProdukSemua.ok', { daftar: list(h, xs) });
}

const SOURCE = { id: { product: 'produk', wildcard: 'semua downline', general: 'umum' }, en: { product: 'product', wildcard: 'all downlines', general: 'general' } };

export function markupCheck(h: HandlerContext, cmd: CommandOf<'CekMarkupProduk'>): Handled {
  if (cmd.product !== undefined) {
    const r = checkProductMarkup(h.ctx, h.agent.id, cmd.downline, cmd.product);
    if (!r.ok) return refusal(h, r);
    return reply('CekMarkupProduk.ok', {
      kodeproduk: r.value.product, downline: r.value.downline, markup: money(h, r.value.markup),
      sumber: SOURCE[h.lang.language][r.value.source],
    });
  }
  const r = listEdgeMarkups(h.ctx, h.agent.id, cmd.downline);
  if (!r.ok) return refusal(h, r);
  const own = new Set(r.value.products.map((p) => p.code));
  const rows = [
    ...r.value.products.map((p) => `${p.code}=${money(h, p.markup)}`),
    ...r.value.wildcard.filter((w) => !own.has(w.code)).map((w) => `${w.code}=${money(h, w.markup)}(*)`),
  ];
  if (rows.length === 0) return reply('CekMarkupProduk.empty', { downline: r.value.downline });
  return reply('CekMarkupProduk.list', { downline: r.value.downline, daftar: rows.join(', ') });
}

export function markupDelete(h: HandlerContext, cmd: CommandOf<'HapusMarkupProduk'>): Handled {
  const r = deleteProductMarkups(h.ctx, h.agent.id, cmd.downline, cmd.products);
  if (!r.ok) return refusal(h, r);
  return reply('HapusMarkupProduk.ok', { downline: r.value.downline, daftar: cmd.products.join(','), jumlah: r.value.deleted });
}

export function markupDeleteAll(h: HandlerContext, cmd: CommandOf<'HapusMarkupProduk2'>): Handled {
  const r = deleteAllProductMarkups(h.ctx, h.agent.id, cmd.downline);
  if (!r.ok) return refusal(h, r);
  return reply('HapusMarkupProduk2.ok', { downline: r.value.downline, jumlah: r.value.deleted });
}

export function markupDeleteProduct(h: HandlerContext, cmd: CommandOf<'HapusMarkupProduk3'>): Handled {
  const r = deleteProductMarkupEverywhere(h.ctx, h.agent.id, cmd.product);
  if (!r.ok) return refusal(h, r);
  return reply('HapusMarkupProduk3.ok', { kodeproduk: r.value.product, jumlah: r.value.deleted + (r.value.wildcard ? 1 : 0) });
}

export function markupGeneral(h: HandlerContext, cmd: CommandOf<'UbahMarkup'>): Handled {
  const m = amountOf(h, cmd.amount);
  if (m === null) return refusal(h, { ok: false, code: 'AMOUNT.INVALID' }, { jumlah: cmd.amount });
  const r = setGeneralMarkup(h.ctx, h.agent.id, cmd.downline, m);
  if (!r.ok) return refusal(h, r, { markup: money(h, m) });
  return reply('UbahMarkup.ok', { downline: r.value.downline, markup: money(h, r.value.markup) });
}
