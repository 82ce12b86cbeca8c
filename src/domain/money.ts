import Big from 'big.js';

/**
 * Money on the hot path is an integer count of minor units (sen for 2-decimal currencies, rupiah
 * for IDR with 0 decimals) held in a safe JS integer. big.js is used only where decimals are
 * worked: parsing what a person typed, percentages and display. One rounding rule: half-up.
 */
export type Minor = number;

export interface Currency {
  readonly code: string;
  readonly decimals: number;
}

Big.RM = Big.roundHalfUp;

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** Parses decimal text in currency units ("12500", "12.50") into minor units; null if malformed. */
export function parseAmount(text: string, currency: Currency): Minor | null {
  const t = text.trim();
  if (!DECIMAL.test(t)) return null;
  const fraction = t.split('.')[1] ?? '';
  if (fraction.replace(/0+$/, '').length > currency.decimals) return null;
  const minor = new Big(t).times(new Big(10).pow(currency.decimals));
  const n = Number(minor.toFixed(0));
  return Number.isSafeInteger(n) ? n : null;
}

/** Minor units back to decimal text with exactly `decimals` places, no grouping ("12500", "12.50"). */
export function toDecimalText(minor: Minor, currency: Currency): string {
  assertMinor(minor);
  return new Big(minor).div(new Big(10).pow(currency.decimals)).toFixed(currency.decimals);
}

/** "1234567" → "1.234.567": a cut every three digits from the right (a RegExp per reply cost ~1 µs). */
function groupThousands(digits: string, group: string): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += group + digits.slice(i, i + 3);
  return out;
}

/** Display form with thousands grouping: 12500 → "12.500" (id) or "12,500" (en). */
export function formatAmount(minor: Minor, currency: Currency, language: 'id' | 'en' = 'id'): string {
  assertMinor(minor);
  // Integer arithmetic on a safe integer is exact; this runs for every reply, big.js is not needed.
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(currency.decimals + 1, '0');
  const digits = currency.decimals === 0 ? abs : abs.slice(0, -currency.decimals);
  const frac = currency.decimals === 0 ? '' : abs.slice(-currency.decimals);
  const group = language === 'id' ? '.' : ',';
  const point = language === 'id' ? ',' : '.';
  const grouped = groupThousands(digits, group);
  return (negative ? '-' : '') + grouped + (frac ? point + frac : '');
}

/** `percent` % of an amount, rounded half-up to a whole minor unit. */
export function percentOf(minor: Minor, percent: string): Minor {
  assertMinor(minor);
  return Number(new Big(minor).times(new Big(percent)).div(100).round(0).toFixed(0));
}

export function assertMinor(value: number): asserts value is Minor {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer amount: ${value}`);
}

/** Sums minor amounts and fails loudly rather than losing precision. */
export function sumMinor(values: readonly Minor[]): Minor {
  let total = 0;
  for (const v of values) total += v;
  assertMinor(total);
  return total;
}
