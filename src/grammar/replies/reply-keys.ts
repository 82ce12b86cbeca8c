// The reply template keys. Engine code names a key by this type, so a typo fails to compile;
// both shipped catalogues must define exactly these keys (checked when they are loaded).
import { ISSUE_CODES } from '../issues.js';
import { PLACEHOLDERS } from '../placeholders.js';

/** Stable refusal codes an engine result may carry; each has the template `error.<CODE>`. */
export const REFUSAL_CODES = [
  'AUTH.DENIED',
  'AUTH.LOCKED',
  'PRODUCT.UNKNOWN',
  'PRODUCT.INACTIVE',
  'PRODUCT.NOT_QUALIFIED',
  'SALE.INVALID_DESTINATION',
  'SALE.DUPLICATE',
  'SALE.INSUFFICIENT_BALANCE',
  'AGENT.UNKNOWN',
  'AGENT.NOT_DOWNLINE',
  'AGENT.NOT_RESELLER',
  'MARKUP.ABOVE_MAX',
  'MARKUP.NEGATIVE',
  'MARKUP.WILDCARD_NOT_SELF',
  'TRANSFER.INVALID_AMOUNT',
  'PIN.INVALID_NEW',
  'RATE.LIMITED',
  'SALE.NOT_FOUND',
  'AGENT.LOCKED',
  'MARKUP.NOT_FOUND',
  'COMMISSION.EMPTY',
  'PIN.MUST_CHANGE',
  'AGENT.INVALID_CODE',
  'AGENT.INVALID_NAME',
  'AGENT.EXISTS',
  'SENDER.INVALID',
  'SENDER.TAKEN',
  'AMOUNT.INVALID',
  'PRODUCT.INVALID',
  'PRODUCT.RESERVED',
  'QUALIFICATION.INVALID',
  'INTERNAL.ERROR',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** `<RequestKey>.<outcome>` templates. */
export const OUTCOME_KEYS = [
  'Transaksi.processing',
  'Transaksi.pending',
  'Transaksi.success',
  'Transaksi.failed',
  'CekSaldo.ok',
  'CekSaldo.credit',
  'CekSaldo.referral',
  'Reseller.howAuto',
  'Reseller.howManual',
  'Reseller.minDeposit',
  'Reseller.minBalance',
  'CekHarga.ok',
  'CekHarga.empty',
  'UbahMarkupProduk.ok',
  'UbahMarkupProduk2.ok',
  'UbahMarkupProdukSemua.ok',
  'CekMarkupProduk.ok',
  'CekMarkupProduk.list',
  'CekMarkupProduk.empty',
  'HapusMarkupProduk.ok',
  'HapusMarkupProduk2.ok',
  'HapusMarkupProduk3.ok',
  'UbahMarkup.ok',
  'Reg.ok',
  'Transfer.ok',
  'Transfer.received',
  'GantiPin.ok',
  'TukarKomisi.ok',
  'TukarKomisi.empty',
  'ListDownline.ok',
  'ListDownline.empty',
  'CekStatus.ok',
  'CekStatus.none',
  'Tiket.ok',
  'Rekap.ok',
  'Daftar.ok',
  'BukaKunci.ok',
  'Menu.ok',
] as const;

export const REPLY_KEYS = [
  ...OUTCOME_KEYS,
  ...REFUSAL_CODES.map((c) => `error.${c}` as const),
  ...ISSUE_CODES.map((c) => `parse.${c}` as const),
  'parse.UNKNOWN_COMMAND_NO_MENU',
  ...PLACEHOLDERS.map((p) => `field.${p}` as const),
] as const;

export type ReplyKey =
  | (typeof OUTCOME_KEYS)[number]
  | `error.${RefusalCode}`
  | `parse.${(typeof ISSUE_CODES)[number]}`
  | 'parse.UNKNOWN_COMMAND_NO_MENU'
  | `field.${(typeof PLACEHOLDERS)[number]}`;

const known: ReadonlySet<string> = new Set(REPLY_KEYS);

export function isReplyKey(key: string): key is ReplyKey {
  return known.has(key);
}
