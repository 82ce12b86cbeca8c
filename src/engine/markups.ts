import { checkMarkup, effectiveMarkup, type MarkupSource } from '../domain/markup-rules.js';
import type { Minor } from '../domain/money.js';
import { ok, refuse, type Result } from '../domain/result.js';
import { agentsRepo } from '../store/repos/agents-repo.js';
import { markupsRepo } from '../store/repos/markups-repo.js';
import { productsRepo, type ProductRow } from '../store/repos/products-repo.js';
import { directDownline } from './agents.js';
import type { EngineContext } from './context.js';

/**
 * Markup changes (DOMAIN.md §3). Only the direct upline may set, check or delete an edge's
 * markups; `actorId` null is the operator, the upline of top-level agents. Every change is
 * validated whole before anything is written, so a bad item leaves nothing half-applied.
 */
export interface MarkupItem {
  readonly product: string;
  readonly markup: Minor;
}

type ItemRefusal = 'PRODUCT.UNKNOWN' | 'MARKUP.NEGATIVE' | 'MARKUP.ABOVE_MAX';
type EdgeRefusal = 'AGENT.UNKNOWN' | 'AGENT.NOT_DOWNLINE';

function resolveItems(ctx: EngineContext, items: readonly MarkupItem[]): Result<Array<{ product: ProductRow; markup: Minor }>, ItemRefusal> {
  const out: Array<{ product: ProductRow; markup: Minor }> = [];
  for (const item of items) {
    const product = productsRepo.byCode(ctx.sql, item.product.toUpperCase());
    if (!product) return refuse('PRODUCT.UNKNOWN', { product: item.product });
    const m = checkMarkup(item.markup, ctx.settings.maxMarkup);
    if (!m.ok) return refuse(m.code, { product: product.code, ...m.detail });
    out.push({ product, markup: m.value });
  }
  return ok(out);
}

/** MARKUP: the general markup of one edge. */
export function setGeneralMarkup(
  ctx: EngineContext, actorId: number | null, downline: string, markup: Minor,
): Result<{ downline: string; markup: Minor }, EdgeRefusal | 'MARKUP.NEGATIVE' | 'MARKUP.ABOVE_MAX'> {
  const m = checkMarkup(markup, ctx.settings.maxMarkup);
  if (!m.ok) return m;
  return ctx.sql.transaction(() => {
    const d = directDownline(ctx, actorId, downline);
    if (!d.ok) return d;
    agentsRepo.setMarkup(ctx.sql, d.value.id, m.value);
    return ok({ downline: d.value.code, markup: m.value });
  });
}

/** MP: product markups of one downline. */
export function setProductMarkups(
  ctx: EngineContext, actorId: number | null, downline: string, items: readonly MarkupItem[],
): Result<{ downline: string; count: number }, EdgeRefusal | ItemRefusal> {
  return ctx.sql.transaction(() => {
    const d = directDownline(ctx, actorId, downline);
    if (!d.ok) return d;
    const resolved = resolveItems(ctx, items);
    if (!resolved.ok) return resolved;
    const at = ctx.clock.now();
    for (const r of resolved.value) markupsRepo.upsertProduct(ctx.sql, d.value.id, r.product.id, r.markup, at);
    return ok({ downline: d.value.code, count: resolved.value.length });
  });
}

/** MP2: the same product markups written for every current direct downline. */
export function setProductMarkupsForAll(
  ctx: EngineContext, actorId: number, items: readonly MarkupItem[],
): Result<{ downlines: number; count: number }, ItemRefusal> {
  return ctx.sql.transaction(() => {
    const resolved = resolveItems(ctx, items);
    if (!resolved.ok) return resolved;
    const downlines = agentsRepo.downlines(ctx.sql, actorId);
    const at = ctx.clock.now();
    for (const d of downlines) {
      for (const r of resolved.value) markupsRepo.upsertProduct(ctx.sql, d.id, r.product.id, r.markup, at);
    }
    return ok({ downlines: downlines.length, count: resolved.value.length });
  });
}

/** MP.<self>.*: the wildcard rule covering every current and future downline without a row. */
export function setWildcardMarkups(
  ctx: EngineContext, actorId: number, self: string, items: readonly MarkupItem[],
): Result<{ count: number }, ItemRefusal | 'MARKUP.WILDCARD_NOT_SELF' | 'AGENT.UNKNOWN'> {
  return ctx.sql.transaction(() => {
    const actor = agentsRepo.byId(ctx.sql, actorId);
    if (!actor) return refuse('AGENT.UNKNOWN');
    if (actor.code !== self.toUpperCase()) return refuse('MARKUP.WILDCARD_NOT_SELF', { code: actor.code }); // the code to use
    const resolved = resolveItems(ctx, items);
    if (!resolved.ok) return resolved;
    const at = ctx.clock.now();
    for (const r of resolved.value) markupsRepo.upsertWildcard(ctx.sql, actor.id, r.product.id, r.markup, at);
    return ok({ count: resolved.value.length });
  });
}

export interface EffectiveMarkup {
  readonly downline: string;
  readonly product: string;
  readonly markup: Minor;
  readonly source: MarkupSource;
}

/** CMP with a product: the edge's markup for it and where it comes from. */
export function checkProductMarkup(
  ctx: EngineContext, actorId: number | null, downline: string, product: string,
): Result<EffectiveMarkup, EdgeRefusal | 'PRODUCT.UNKNOWN'> {
  return ctx.sql.read(() => {
    const d = directDownline(ctx, actorId, downline);
    if (!d.ok) return d;
    const p = productsRepo.byCode(ctx.sql, product.toUpperCase());
    if (!p) return refuse('PRODUCT.UNKNOWN', { product });
    const own = markupsRepo.chain(ctx.sql, d.value.id, p.id)[0]!;
    const e = effectiveMarkup({
      productMarkup: own.product_markup, wildcardMarkup: own.wildcard_markup, generalMarkup: own.general,
    });
    return ok({ downline: d.value.code, product: p.code, ...e });
  });
}

export interface EdgeMarkups {
  readonly downline: string;
  readonly general: Minor;
  readonly products: ReadonlyArray<{ code: string; markup: Minor }>;
  /** The upline's wildcard rules, which apply where the downline has no row of its own. */
  readonly wildcard: ReadonlyArray<{ code: string; markup: Minor }>;
}

/** CMP without a product: every row of the edge. */
export function listEdgeMarkups(ctx: EngineContext, actorId: number | null, downline: string): Result<EdgeMarkups, EdgeRefusal> {
  return ctx.sql.read(() => {
    const d = directDownline(ctx, actorId, downline);
    if (!d.ok) return d;
    return ok({
      downline: d.value.code,
      general: d.value.markup,
      products: markupsRepo.productRowsOf(ctx.sql, d.value.id),
      wildcard: actorId === null ? [] : markupsRepo.wildcardRowsOf(ctx.sql, actorId),
    });
  });
}

/** DELMP: delete some product rows of one downline. */
export function deleteProductMarkups(
  ctx: EngineContext, actorId: number | null, downline: string, products: readonly string[],
): Result<{ downline: string; deleted: number }, EdgeRefusal | 'PRODUCT.UNKNOWN'> {
  return ctx.sql.transaction(() => {
    const d = directDownline(ctx, actorId, downline);
    if (!d.ok) return d;
    const rows: ProductRow[] = [];
    for (const code of products) {
      const p = productsRepo.byCode(ctx.sql, code.toUpperCase());
      if (!p) return refuse('PRODUCT.UNKNOWN', { product: code });
      rows.push(p);
    }
    const deleted = rows.reduce((n, p) => n + markupsRepo.deleteOne(ctx.sql, d.value.id, p.id), 0);
    return ok({ downline: d.value.code, deleted });
  });
}

/** DELMP2: delete every product row of one downline. */
export function deleteAllProductMarkups(
  ctx: EngineContext, actorId: number | null, downline: string,
): Result<{ downline: string; deleted: number }, EdgeRefusal> {
  return ctx.sql.transaction(() => {
    const d = directDownline(ctx, actorId, downline);
    if (!d.ok) return d;
    return ok({ downline: d.value.code, deleted: markupsRepo.deleteAllOf(ctx.sql, d.value.id) });
  });
}

/** DELMP3: delete one product's rows for all the actor's downlines and its wildcard rule. */
export function deleteProductMarkupEverywhere(
  ctx: EngineContext, actorId: number, product: string,
): Result<{ product: string; deleted: number; wildcard: boolean }, 'PRODUCT.UNKNOWN'> {
  return ctx.sql.transaction(() => {
    const p = productsRepo.byCode(ctx.sql, product.toUpperCase());
    if (!p) return refuse('PRODUCT.UNKNOWN', { product });
    const deleted = markupsRepo.deleteProductUnder(ctx.sql, actorId, p.id);
    const wildcard = markupsRepo.deleteWildcard(ctx.sql, actorId, p.id) > 0;
    return ok({ product: p.code, deleted, wildcard });
  });
}
