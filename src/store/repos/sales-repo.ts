import type { Kysely, Selectable } from 'kysely';
import type { EdgeShare } from '../../domain/pricing.js';
import { defineQuery, param, type SqlExecutor } from '../sql.js';
import { decodeShares } from './sale-shares.js';
import type { Database, SaleTable } from '../tables.js';

export type SaleRow = Selectable<SaleTable>;
export type SaleView = SaleRow & { agent_code: string; product_code: string };

const insert = defineQuery<{
  ref: string | null; agent: number; product: number; dest: string; counter: number; price: number;
  base: number; discount: number; cost: number; origin: string | null; at: number; shares: string;
}>()((k) =>
  k
    .insertInto('sale')
    .values({
      ref: param('ref'), agent_id: param('agent'), product_id: param('product'), dest: param('dest'),
      counter: param('counter'), price: param('price'), base_price: param('base'), discount: param('discount'),
      cost: param('cost'), status: 'pending', origin: param('origin'), created_at: param('at'), shares: param('shares'),
    }),
);
const byId = defineQuery<{ id: number }>()((k) => k.selectFrom('sale').selectAll().where('id', '=', param('id')));
const byRef = defineQuery<{ ref: string }>()((k) => k.selectFrom('sale').selectAll().where('ref', '=', param('ref')));
type Final = { status: 'success' | 'failed'; sn: string | null; reason: string | null; finished_at: number };
/** Marks the sale `id` final if it is still pending. */
const finishing = (k: Kysely<Database>) =>
  k
    .updateTable('sale')
    .set({ status: param('status'), sn: param('sn'), reason: param('reason'), finished_at: param('finished_at') })
    .where('id', '=', param('id'))
    .where('status', '=', 'pending');
const finish = defineQuery<{ id: number } & Final>()(finishing);
/** The same, only if it is still the very row held (same ref and creation time). */
const finishHeld = defineQuery<{ id: number; ref: string; at: number } & Final>()((k) =>
  finishing(k).where('ref', '=', param('ref')).where('created_at', '=', param('at')),
);
/** Highest counter among the agent's sales of this product to this destination that did not fail. */
const maxCounter = defineQuery<{ agent: number; product: number; dest: string; since: number }>()((k) =>
  k
    .selectFrom('sale')
    .select((eb) => eb.fn.max<number | null>('counter').as('counter'))
    .where('agent_id', '=', param('agent'))
    .where('product_id', '=', param('product'))
    .where('dest', '=', param('dest'))
    .where('created_at', '>=', param('since'))
    .where('status', '!=', 'failed'),
);
const view = (k: Kysely<Database>) =>
  k
    .selectFrom('sale as s')
    .innerJoin('agent as a', 'a.id', 's.agent_id')
    .innerJoin('product as p', 'p.id', 's.product_id')
    .selectAll('s')
    .select(['a.code as agent_code', 'p.code as product_code']);
const listAll = defineQuery<{ limit: number }>()((k) => view(k).orderBy('s.id', 'desc').limit(param('limit')));
const listOfAgent = defineQuery<{ agent: number; limit: number }>()((k) =>
  view(k).where('s.agent_id', '=', param('agent')).orderBy('s.id', 'desc').limit(param('limit')),
);
const lastToDest = defineQuery<{ agent: number; dest: string }>()((k) =>
  view(k).where('s.agent_id', '=', param('agent')).where('s.dest', '=', param('dest')).orderBy('s.id', 'desc').limit(1),
);
const successCount = defineQuery<{ agent: number; product: number }>()((k) =>
  k
    .selectFrom('sale')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agent_id', '=', param('agent'))
    .where('product_id', '=', param('product'))
    .where('status', '=', 'success'),
);
const pending = defineQuery()((k) => k.selectFrom('sale').selectAll().where('status', '=', 'pending').orderBy('id'));

export const salesRepo = {
  /** Stores a sale with its shares (`s.shares`: `encodeShares`); returns its id. */
  insert(sql: SqlExecutor, s: Omit<SaleRow, 'id' | 'status' | 'sn' | 'reason' | 'finished_at'>): number {
    return sql.insert(insert, {
      ref: s.ref, agent: s.agent_id, product: s.product_id, dest: s.dest, counter: s.counter, price: s.price,
      base: s.base_price, discount: s.discount, cost: s.cost, origin: s.origin, at: s.created_at, shares: s.shares,
    });
  },
  byId: (sql: SqlExecutor, id: number) => sql.get(byId, { id }),
  byRef: (sql: SqlExecutor, ref: string) => sql.get(byRef, { ref }),
  /** The sale's shares, by level, as stored with it. */
  shares: (sale: Pick<SaleRow, 'shares'>): EdgeShare[] => decodeShares(sale.shares),
  /** Marks a pending sale final and returns it; undefined when it was no longer pending. */
  finish: (sql: SqlExecutor, id: number, final: Final) =>
    sql.run(finish, { id, ...final }).changes === 1 ? sql.get(byId, { id }) : undefined,
  /** Marks final the pending sale that is exactly this row (id, ref, creation time); false if none is. */
  finishHeld: (sql: SqlExecutor, sale: { id: number; ref: string; created_at: number }, final: Final) =>
    sql.run(finishHeld, {
      id: sale.id, ref: sale.ref, at: sale.created_at, status: final.status, sn: final.sn, reason: final.reason, finished_at: final.finished_at,
    }).changes === 1,
  maxCounter: (sql: SqlExecutor, agent: number, product: number, dest: string, since: number) =>
    sql.get(maxCounter, { agent, product, dest, since })?.counter ?? null,
  list: (sql: SqlExecutor, agent: number | null, limit: number): SaleView[] =>
    agent === null ? sql.all(listAll, { limit }) : sql.all(listOfAgent, { agent, limit }),
  lastToDest: (sql: SqlExecutor, agent: number, dest: string): SaleView | undefined =>
    sql.get(lastToDest, { agent, dest }),
  pending: (sql: SqlExecutor) => sql.all(pending, {}),
  /** How many sales of this product the agent has made that succeeded (volume discounts). */
  successCount: (sql: SqlExecutor, agent: number, product: number) => sql.get(successCount, { agent, product })!.n,
};
