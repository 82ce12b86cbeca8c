import { DESTINATION_KINDS, type DestinationKind } from '../domain/destination.js';
import type { Minor } from '../domain/money.js';
import { ok, refuse, type Result } from '../domain/result.js';
import { productsRepo, type ProductRow } from '../store/repos/products-repo.js';
import type { EngineContext } from './context.js';

export const PRODUCT_CODE = /^[A-Z][A-Z0-9]{0,15}$/;

export interface ProductInput {
  readonly code: string;
  readonly name: string;
  readonly price: Minor;
  readonly cost?: Minor | undefined;
  readonly group?: string | undefined;
  readonly destKind?: DestinationKind | undefined;
  readonly active?: boolean | undefined;
  /** A qualification an agent must hold to see and buy it (DOMAIN.md §7). */
  readonly qualification?: string | undefined;
}

type ProductRefusal = 'PRODUCT.INVALID' | 'PRODUCT.RESERVED' | 'AMOUNT.INVALID';

function validate(ctx: EngineContext, p: ProductInput): Result<ProductRow, ProductRefusal> {
  const code = p.code.trim().toUpperCase();
  if (!PRODUCT_CODE.test(code)) return refuse('PRODUCT.INVALID', { code, why: 'code: a letter, then letters or digits' });
  if (ctx.isReservedCode(code)) return refuse('PRODUCT.RESERVED', { code });
  const name = p.name.trim();
  if (name.length === 0 || name.length > 80) return refuse('PRODUCT.INVALID', { code, why: 'name: 1 to 80 characters' });
  if (!Number.isSafeInteger(p.price) || p.price < 0) return refuse('AMOUNT.INVALID', { code, field: 'price' });
  const cost = p.cost ?? 0;
  if (!Number.isSafeInteger(cost) || cost < 0) return refuse('AMOUNT.INVALID', { code, field: 'cost' });
  const destKind = p.destKind ?? 'msisdn';
  if (!DESTINATION_KINDS.includes(destKind)) return refuse('PRODUCT.INVALID', { code, why: 'destination kind' });
  return ok({
    id: 0, code, name, product_group: (p.group ?? '').trim().toUpperCase(), base_price: p.price, cost,
    active: p.active === false ? 0 : 1, dest_kind: destKind, created_at: 0,
    qualification: p.qualification ? p.qualification.trim().toUpperCase() : null,
  });
}

/** Adds a product, or updates the one with the same code. */
export function upsertProduct(ctx: EngineContext, p: ProductInput): Result<ProductRow, ProductRefusal> {
  const v = validate(ctx, p);
  if (!v.ok) return v;
  return ctx.sql.transaction(() => {
    productsRepo.upsert(ctx.sql, v.value, ctx.clock.now());
    return ok(productsRepo.byCode(ctx.sql, v.value.code)!);
  });
}

/** Adds many products all-or-nothing: the first invalid one refuses the whole batch. */
export function importProducts(
  ctx: EngineContext,
  items: readonly ProductInput[],
): Result<number, ProductRefusal> {
  const rows: ProductRow[] = [];
  for (const p of items) {
    const v = validate(ctx, p);
    if (!v.ok) return v;
    rows.push(v.value);
  }
  return ctx.sql.transaction(() => {
    for (const r of rows) productsRepo.upsert(ctx.sql, r, ctx.clock.now());
    return ok(rows.length);
  });
}

export function listProducts(ctx: EngineContext): ProductRow[] {
  return productsRepo.all(ctx.sql);
}

export function findProduct(ctx: EngineContext, code: string): ProductRow | undefined {
  return productsRepo.byCode(ctx.sql, code.trim().toUpperCase());
}
