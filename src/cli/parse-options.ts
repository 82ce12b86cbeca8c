import { parseAmount, type Currency, type Minor } from '../domain/money.js';
import { CliError } from './cli-error.js';

/** An amount typed by the operator, in currency units ("12500", "12.50"), as minor units. */
export function amountArg(text: string, currency: Currency, what: string, allowZero = true): Minor {
  const v = parseAmount(text, currency);
  if (v === null || v < 0 || (!allowZero && v === 0)) {
    throw new CliError(
      `invalid ${what} "${text}": expected a ${allowZero ? 'non-negative' : 'positive'} amount with at most ${currency.decimals} decimals`,
    );
  }
  return v;
}

/** commander collector for repeatable options (`--sender a --sender b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
