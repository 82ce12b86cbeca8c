import type { Currency, Minor } from '../domain/money.js';
import type { SameSaleWindow } from '../domain/sale-window.js';
import type { DiscountTable } from '../domain/volume-discount.js';
import type { ResellerSettings } from '../config/resolve-reseller.js';
import type { SystemAccounts } from '../store/repos/ledger-repo.js';
import type { SqlExecutor } from '../store/sql.js';
import type { HeldSales } from './held-sales.js';
import type { PinHasher } from './pin-hasher.js';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface EngineSettings {
  readonly currency: Currency;
  readonly timeZone: string;
  readonly maxMarkup: Minor;
  readonly pinMaxAttempts: number;
  readonly commissionMode: 'wallet' | 'balance';
  readonly sameSaleWindow: SameSaleWindow;
  readonly discounts: DiscountTable;
  readonly activation: ResellerSettings['activation'];
}

/** What every use case receives: the store, the rules in force, the clock and the PIN hasher. */
export interface EngineContext {
  readonly sql: SqlExecutor;
  readonly settings: EngineSettings;
  readonly clock: Clock;
  readonly pins: PinHasher;
  readonly accounts: SystemAccounts;
  /** Sales on hold, their rows and shares, carried from the hold to the verdict (held-sales.ts). */
  readonly heldSales: HeldSales;
  /** Product codes that are keywords of the request grammar in effect (DOMAIN.md §6). */
  readonly isReservedCode: (code: string) => boolean;
}
