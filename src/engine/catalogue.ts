import { DESTINATION_KINDS, type DestinationKind } from '../domain/destination.js';
import type { Minor } from '../domain/money.js';
import { ok, refuse, type Result } from '../domain/result.js';
import { productsRepo, type ProductRow } from '../store/repos/products-repo.js';
import type { EngineContext } from './context.js';

export const PRODUCT_CODE = /^[A-Z][A-Z0-9]{0,15}$/;

/**
 * A product as the operator writes it. For a new code, name and price are required; for an
 * existing one every field left out keeps its value (an update never resets what it was not
 * told about). `qualification: null` lifts a requirement.
 */
export interface ProductInput {
  readonly code: string;
  readonly name?: string | undefined;
  readonly price?: Minor | undefined;
  readonly cost?: Minor | undefined;
  readonly group?: string | undefined;
  readonly destKind?: DestinationKind | undefined;
  readonly active?: boolean | undefined;
  /** A qualification an agent must hold to see and buy it (DOMAIN.md §7). */
  readonly qualification?: string | null | undefined;
}

type ProductRefusal = 'PRODUCT.INVALID' | 'PRODUCT.RESERVED' | 'AMOUNT.INVALID';

function validate(ctx: EngineContext, p: ProductInput, existing: ProductRow | undefined): Result<ProductRow, ProductRefusal> {
  const code = p.code.trim().toUpperCase();
  if (!PRODUCT_CODE.test(code)) return refuse('PRODUCT.INVALID', { code, why: 'code: a letter, then letters or digits' });
  if (!existing && ctx.isReservedCode(code)) return refuse('PRODUCT.RESERVED', { code });
  const name = (p.name ?? existing?.name ?? '').trim();
  if (name.length === 0 || name.length > 80) return refuse('PRODUCT.INVALID', { code, why: 'name: 1 to 80 characters' });
  const price = p.price ?? existing?.base_price;
  if (price === undefined || !Number.isSafeInteger(price) || price < 0) return refuse('AMOUNT.INVALID', { code, field: 'price' });
  const cost = p.cost ?? existing?.cost ?? 0;
  if (!Number.isSafeInteger(cost) || cost < 0) return refuse('AMOUNT.INVALID', { code, field: 'cost' });
  const destKind = p.destKind ?? existing?.dest_kind ?? 'msisdn';
  if (!DESTINATION_KINDS.includes(destKind)) return refuse('PRODUCT.INVALID', { code, why: 'destination kind' });
  const qualification = p.qualification === undefined ? (existing?.qualification ?? null) : p.qualification;
  return ok({
    id: existing?.id ?? 0, code, name, base_price: price, cost, dest_kind: destKind,
    product_group: (p.group ?? existing?.product_group ?? '').trim().toUpperCase(),
    active: p.active === undefined ? (existing?.active ?? 1) : p.active ? 1 : 0,
    created_at: existing?.created_at ?? 0,
    qualification: qualification ? qualification.trim().toUpperCase() : null,
  });
}

/** Adds a product, or updates the one with the same code (only the fields given). */
export function upsertProduct(ctx: EngineContext, p: ProductInput): Result<ProductRow, ProductRefusal> {
  const r = importProducts(ctx, [p]);
  return r.ok ? ok(findProduct(ctx, p.code)!) : r;
}

/** Adds or updates many products all-or-nothing: the first invalid one refuses the whole batch. */
export function importProducts(ctx: EngineContext, items: readonly ProductInput[]): Result<number, ProductRefusal> {
  return ctx.sql.transaction(() => {
    const rows: ProductRow[] = [];
    for (const p of items) {
      const v = validate(ctx, p, findProduct(ctx, p.code));
      if (!v.ok) return v;
      rows.push(v.value);
    }
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
