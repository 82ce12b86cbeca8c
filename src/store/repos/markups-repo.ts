import { sql as raw } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';

/** One agent on the path to the top with the three candidate markups of its edge for a product. */
export interface ChainRow {
  agent_id: number;
  upline_id: number | null;
  general: number;
  product_markup: number | null;
  wildcard_markup: number | null;
  depth: number;
}

/**
 * The buyer's path up to its top-level agent in one statement (depth-bounded so a corrupt cycle
 * cannot loop), with each edge's product row and the upline's wildcard rule for the product.
 */
const chain = defineQuery<{ agent: number; product: number }>({ cached: true })((k) =>
  k
    .withRecursive('path(id, upline_id, markup, depth)', (qb) =>
      qb
        .selectFrom('agent')
        .select(['id', 'upline_id', 'markup', raw<number>`0`.as('depth')])
        .where('id', '=', param('agent'))
        .unionAll((u) =>
          u
            .selectFrom('agent as a')
            .innerJoin('path as p', 'a.id', 'p.upline_id')
            .select(['a.id', 'a.upline_id', 'a.markup', raw<number>`p.depth + 1`.as('depth')])
            .where('p.depth', '<', 64),
        ),
    )
    .selectFrom('path as c')
    .leftJoin('product_markup as pm', (j) =>
      j.onRef('pm.agent_id', '=', 'c.id').on('pm.product_id', '=', param('product')),
    )
    .leftJoin('wildcard_markup as wm', (j) =>
      j.onRef('wm.upline_id', '=', 'c.upline_id').on('wm.product_id', '=', param('product')),
    )
    .select([
      'c.id as agent_id',
      'c.upline_id',
      'c.markup as general',
      'pm.markup as product_markup',
      'wm.markup as wildcard_markup',
      'c.depth',
    ])
    .orderBy('c.depth'),
);

const upsertProduct = defineQuery<{ agent: number; product: number; markup: number; at: number }>()((k) =>
  k
    .insertInto('product_markup')
    .values({ agent_id: param('agent'), product_id: param('product'), markup: param('markup'), updated_at: param('at') })
    .onConflict((oc) =>
      oc.columns(['agent_id', 'product_id']).doUpdateSet((eb) => ({
        markup: eb.ref('excluded.markup'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    ),
);
const upsertWildcard = defineQuery<{ upline: number; product: number; markup: number; at: number }>()((k) =>
  k
    .insertInto('wildcard_markup')
    .values({ upline_id: param('upline'), product_id: param('product'), markup: param('markup'), updated_at: param('at') })
    .onConflict((oc) =>
      oc.columns(['upline_id', 'product_id']).doUpdateSet((eb) => ({
        markup: eb.ref('excluded.markup'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    ),
);
const productRowsOf = defineQuery<{ agent: number }>()((k) =>
  k
    .selectFrom('product_markup as pm')
    .innerJoin('product as p', 'p.id', 'pm.product_id')
    .select(['p.code', 'pm.markup'])
    .where('pm.agent_id', '=', param('agent'))
    .orderBy('p.code'),
);
const wildcardRowsOf = defineQuery<{ upline: number }>()((k) =>
  k
    .selectFrom('wildcard_markup as wm')
    .innerJoin('product as p', 'p.id', 'wm.product_id')
    .select(['p.code', 'wm.markup'])
    .where('wm.upline_id', '=', param('upline'))
    .orderBy('p.code'),
);
const deleteOne = defineQuery<{ agent: number; product: number }>()((k) =>
  k.deleteFrom('product_markup').where('agent_id', '=', param('agent')).where('product_id', '=', param('product')),
);
const deleteAllOf = defineQuery<{ agent: number }>()((k) =>
  k.deleteFrom('product_markup').where('agent_id', '=', param('agent')),
);
const deleteProductUnder = defineQuery<{ upline: number; product: number }>()((k) =>
  k
    .deleteFrom('product_markup')
    .where('product_id', '=', param('product'))
    .where('agent_id', 'in', (sq) => sq.selectFrom('agent').select('id').where('upline_id', '=', param('upline'))),
);
const deleteWildcard = defineQuery<{ upline: number; product: number }>()((k) =>
  k.deleteFrom('wildcard_markup').where('upline_id', '=', param('upline')).where('product_id', '=', param('product')),
);

export const markupsRepo = {
  chain: (sql: SqlExecutor, agent: number, product: number) => sql.all(chain, { agent, product }) as ChainRow[],
  upsertProduct: (sql: SqlExecutor, agent: number, product: number, markup: number, at: number) =>
    sql.run(upsertProduct, { agent, product, markup, at }),
  upsertWildcard: (sql: SqlExecutor, upline: number, product: number, markup: number, at: number) =>
    sql.run(upsertWildcard, { upline, product, markup, at }),
  productRowsOf: (sql: SqlExecutor, agent: number) => sql.all(productRowsOf, { agent }),
  wildcardRowsOf: (sql: SqlExecutor, upline: number) => sql.all(wildcardRowsOf, { upline }),
  deleteOne: (sql: SqlExecutor, agent: number, product: number) => sql.run(deleteOne, { agent, product }).changes,
  deleteAllOf: (sql: SqlExecutor, agent: number) => sql.run(deleteAllOf, { agent }).changes,
  deleteProductUnder: (sql: SqlExecutor, upline: number, product: number) =>
    sql.run(deleteProductUnder, { upline, product }).changes,
  deleteWildcard: (sql: SqlExecutor, upline: number, product: number) =>
    sql.run(deleteWildcard, { upline, product }).changes,
};
