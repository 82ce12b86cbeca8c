import { afterEach, beforeEach, expect, it } from 'vitest';
import { importProducts, upsertProduct } from '../../src/engine/catalogue.js';
import { engineFixture, type EngineFixture } from '../support/engine-fixture.js';

let f: EngineFixture;
beforeEach(async () => {
  f = await engineFixture({}, { reserved: (c) => c === 'SAL' });
});
afterEach(() => f.close());

it('an update changes only the fields it names', () => {
  upsertProduct(f.ctx, { code: 'PLN20', name: 'Token 20rb', price: 20_500, cost: 20_100, group: 'pln', destKind: 'meter', qualification: 'pro', active: false });
  const r = upsertProduct(f.ctx, { code: 'pln20', price: 20_600 });
  expect(r).toMatchObject({
    ok: true,
    value: { code: 'PLN20', name: 'Token 20rb', base_price: 20_600, cost: 20_100, product_group: 'PLN', dest_kind: 'meter', qualification: 'PRO', active: 0 },
  });
  expect(upsertProduct(f.ctx, { code: 'PLN20', active: true, qualification: null })).toMatchObject({ value: { active: 1, qualification: null } });
});

it('a new product needs a name and a price; a keyword cannot be a new code', () => {
  expect(upsertProduct(f.ctx, { code: 'S10', price: 1 })).toMatchObject({ ok: false, code: 'PRODUCT.INVALID' });
  expect(upsertProduct(f.ctx, { code: 'S10', name: 'x' })).toMatchObject({ ok: false, code: 'AMOUNT.INVALID' });
  expect(upsertProduct(f.ctx, { code: 'sal', name: 'x', price: 1 })).toMatchObject({ ok: false, code: 'PRODUCT.RESERVED' });
});

it('an import is all or nothing', () => {
  expect(importProducts(f.ctx, [{ code: 'A1', name: 'a', price: 1 }, { code: '1BAD', name: 'b', price: 1 }])).toMatchObject({ ok: false });
  expect(importProducts(f.ctx, [{ code: 'A1', name: 'a', price: 1 }])).toEqual({ ok: true, value: 1 });
});
