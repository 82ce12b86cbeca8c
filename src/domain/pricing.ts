import { effectiveMarkup, type EdgeCandidates, type MarkupSource } from './markup-rules.js';
import { assertMinor, type Minor } from './money.js';

/** One agent on the path from the buyer up to a top-level agent, with its edge's candidates. */
export interface ChainLink extends EdgeCandidates {
  readonly agentId: number;
  /** The upline that earns this edge's markup; null for a top-level agent: the operator earns it. */
  readonly uplineId: number | null;
}

export interface EdgeShare {
  readonly earnerId: number | null;
  readonly downlineId: number;
  readonly markup: Minor;
  readonly source: MarkupSource;
}

export interface Quote {
  readonly base: Minor;
  readonly discount: Minor;
  readonly price: Minor;
  /** One share per edge, buyer's edge first. */
  readonly shares: readonly EdgeShare[];
}

/**
 * Price for the buyer at `chain[0]` = base − discount + the markup of every edge from the
 * operator down to the buyer (DOMAIN.md §3). Chain order: buyer first, top-level agent last.
 */
export function quote(base: Minor, chain: readonly ChainLink[], discount: Minor = 0): Quote {
  let price = base - discount;
  const shares: EdgeShare[] = [];
  for (const link of chain) {
    const { markup, source } = effectiveMarkup(link);
    price += markup;
    shares.push({ earnerId: link.uplineId, downlineId: link.agentId, markup, source });
  }
  assertMinor(price);
  return { base, discount, price, shares };
}

/** What the operator books on a successful sale: base − discount − cost plus its own edge. */
export function operatorTake(q: Quote, supplierCost: Minor): Minor {
  const ownEdges = q.shares.filter((s) => s.earnerId === null).reduce((t, s) => t + s.markup, 0);
  return q.base - q.discount - supplierCost + ownEdges;
}
