import { parseAmount, type Currency, type Minor } from '../domain/money.js';
import type { DiscountTable } from '../domain/volume-discount.js';
import { ConfigError } from './config-error.js';
import type { ConfigFile } from './config-schema.js';

/** The reseller programme's settings, amounts in minor units. */
export interface ResellerSettings {
  readonly discounts: DiscountTable;
  readonly activation: {
    readonly auto: boolean;
    readonly minSales: number;
    readonly minTotalDeposit: Minor;
    readonly minBalance: Minor;
  };
  readonly regRole: 'member' | 'reseller';
}

export function resolveReseller(r: ConfigFile['reseller'], currency: Currency, file: string): ResellerSettings {
  const money = (text: string, path: string): Minor => {
    const v = parseAmount(text, currency);
    if (v === null) throw new ConfigError(file, [{ path, message: `expected an amount with at most ${currency.decimals} decimals` }]);
    return v;
  };
  const products = Object.fromEntries(Object.entries(r.discounts.products).map(([code, tiers]) => [code.toUpperCase(), tiers]));
  return {
    discounts: { default: r.discounts.default, products },
    activation: {
      auto: r.activation.auto,
      minSales: r.activation.minSales,
      minTotalDeposit: money(r.activation.minTotalDeposit, 'reseller.activation.minTotalDeposit'),
      minBalance: money(r.activation.minBalance, 'reseller.activation.minBalance'),
    },
    regRole: r.regRole,
  };
}
