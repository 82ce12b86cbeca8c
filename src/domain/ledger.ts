import { assertMinor, type Minor } from './money.js';

/** One leg of a journal entry: a signed change of one account's balance. */
export interface Leg {
  readonly account: number;
  readonly amount: Minor;
}

/** Double entry: the legs of one entry sum to zero, or the entry is a programming error. */
export function assertBalanced(legs: readonly Leg[]): void {
  let total = 0;
  for (const leg of legs) {
    assertMinor(leg.amount);
    total += leg.amount;
  }
  if (total !== 0) {
    throw new Error(`unbalanced entry: legs sum to ${total} (${JSON.stringify(legs)})`);
  }
}

/** Accounts owned by the operator rather than by an agent. */
export const SYSTEM_ACCOUNTS = {
  /** Cash the operator received for deposits: goes negative as agents are credited. */
  deposits: 'SYS:DEPOSITS',
  /** Prices held for sales that the supplier has not answered yet. */
  holds: 'SYS:HOLDS',
  /** The operator's earnings: base price − supplier cost, plus the markup of its own edges. */
  revenue: 'SYS:REVENUE',
  /** What the supplier is owed (or was paid) for delivered top-ups: the supplier cost. */
  supplier: 'SYS:SUPPLIER',
} as const;
