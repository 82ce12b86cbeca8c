import type { Selectable } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';
import type { ProductTable } from '../tables.js';

export type ProductRow = Selectable<ProductTable>;
export type ProductInput = Omit<ProductRow, 'id' | 'created_at'>;

/** The product, with the qualification its group requires (null when none), in one read. */
const byCode = defineQuery<{ code: string }>({ cached: true })((k) =>
  k
    .selectFrom('product as p')
    .leftJoin('group_qualification as g', 'g.product_group', 'p.product_group')
    .selectAll('p')
    .select('g.qualification as group_qualification')
    .where('p.code', '=', param('code')),
);
const byId = defineQuery<{ id: number }>({ cached: true })((k) => k.selectFrom('product').selectAll().where('id', '=', param('id')));
const all = defineQuery()((k) => k.selectFrom('product').selectAll().orderBy('product_group').orderBy('code'));
const byPrefix = defineQuery<{ prefix: string; prefixEnd: string }>({ cached: true })((k) =>
  k
    .selectFrom('product')
    .selectAll()
    .where('code', '>=', param('prefix'))
    .where('code', '<', param('prefixEnd'))
    .where('active', '=', 1)
    .orderBy('code'),
);
const upsert = defineQuery<{
  code: string; name: string; group: string; base: number; cost: number; active: number; dest: string; at: number;
  qualification: string | null;
}>()((k) =>
  k
    .insertInto('product')
    .values({
      code: param('code'), name: param('name'), product_group: param('group'), base_price: param('base'),
      cost: param('cost'), active: param('active'), dest_kind: param('dest'), created_at: param('at'),
      qualification: param('qualification'),
    })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        product_group: eb.ref('excluded.product_group'),
        base_price: eb.ref('excluded.base_price'),
        cost: eb.ref('excluded.cost'),
        active: eb.ref('excluded.active'),
        dest_kind: eb.ref('excluded.dest_kind'),
        qualification: eb.ref('excluded.qualification'),
      })),
    ),
);

export const productsRepo = {
  byCode: (sql: SqlExecutor, code: string) => sql.get(byCode, { code }),
  byId: (sql: SqlExecutor, id: number) => sql.get(byId, { id }),
  all: (sql: SqlExecutor) => sql.all(all, {}),
  /** Active products whose code starts with `prefix` (codes are upper-case ASCII). */
  byPrefix: (sql: SqlExecutor, prefix: string) =>
    sql.all(byPrefix, { prefix, prefixEnd: prefix + '\u{10FFFF}' }),
  upsert: (sql: SqlExecutor, p: ProductInput, at: number) =>
    sql.run(upsert, {
      code: p.code, name: p.name, group: p.product_group, base: p.base_price, cost: p.cost,
      active: p.active, dest: p.dest_kind, at, qualification: p.qualification,
    }),
};
