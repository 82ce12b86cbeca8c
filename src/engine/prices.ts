import { quote, type ChainLink, type Quote } from '../domain/pricing.js';
import { refuse, ok, type Result } from '../domain/result.js';
import { tiersFor, volumeDiscount } from '../domain/volume-discount.js';
import { markupsRepo } from '../store/repos/markups-repo.js';
import { salesRepo } from '../store/repos/sales-repo.js';
import { isQualified } from './qualifications.js';
import { productsRepo, type ProductRow } from '../store/repos/products-repo.js';
import type { EngineContext } from './context.js';

/** The chain of edges from the buyer up to the operator, as the domain's pricing needs it. */
export function chainFor(ctx: EngineContext, agentId: number, productId: number): ChainLink[] {
  return markupsRepo.chain(ctx.sql, agentId, productId).map((r) => ({
    agentId: r.agent_id,
    uplineId: r.upline_id,
    productMarkup: r.product_markup,
    wildcardMarkup: r.wildcard_markup,
    generalMarkup: r.general,
  }));
}

/**
 * The agent's price of a product: base less its volume discount (by its successful sales of the
 * product so far; the operator bears it), plus the markup of every edge above it.
 */
export function quoteFor(ctx: EngineContext, agentId: number, product: ProductRow): Quote {
  const tiers = tiersFor(ctx.settings.discounts, product.code);
  const discount = tiers.length === 0 ? 0 : volumeDiscount(product.base_price, tiers, salesRepo.successCount(ctx.sql, agentId, product.id));
  return quote(product.base_price, chainFor(ctx, agentId, product.id), discount);
}

export interface PriceLine {
  readonly code: string;
  readonly name: string;
  readonly group: string;
  readonly price: number;
}

/** HARGA: the agent's own price of every active product whose code starts with `prefix`. */
export function priceList(ctx: EngineContext, agentId: number, prefix: string): PriceLine[] {
  return ctx.sql.read(() =>
    productsRepo
      .byPrefix(ctx.sql, prefix.toUpperCase())
      .filter((p) => isQualified(ctx, agentId, p))
      .map((p) => ({
      code: p.code,
      name: p.name,
      group: p.product_group,
      price: quoteFor(ctx, agentId, p).price,
    })),
  );
}

/** The agent's price of one product. */
export function priceOf(ctx: EngineContext, agentId: number, productCode: string): Result<Quote & { product: ProductRow }, 'PRODUCT.UNKNOWN'> {
  return ctx.sql.read(() => {
    const p = productsRepo.byCode(ctx.sql, productCode.toUpperCase());
    if (!p) return refuse('PRODUCT.UNKNOWN', { product: productCode });
    return ok({ ...quoteFor(ctx, agentId, p), product: p });
  });
}
