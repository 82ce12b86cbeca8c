import { sql as raw } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';

/**
 * Everything deposited into an account by the operator (cash in): the account's postings, walked
 * newest first along its chain (each points back to the one before: migration 0009).
 */
const deposits = defineQuery<{ account: number }>()((k) =>
  k
    .withRecursive('chain(id, prev_id, entry_id, amount)', (qb) =>
      qb
        .selectFrom('account as a')
        .innerJoin('posting as p', 'p.id', 'a.last_posting')
        .select(['p.id', 'p.prev_id', 'p.entry_id', 'p.amount'])
        .where('a.id', '=', param('account'))
        .unionAll((u) =>
          u
            .selectFrom('posting as p')
            .innerJoin('chain as c', 'p.id', 'c.prev_id')
            .select(['p.id', 'p.prev_id', 'p.entry_id', 'p.amount'])
            .whereRef('p.id', '<', 'c.id'), // a link only ever points back: a corrupt one cannot loop
        ),
    )
    .selectFrom('chain as c')
    .innerJoin('entry as e', 'e.id', 'c.entry_id')
    .select(raw<number>`COALESCE(SUM(c.amount), 0)`.as('total'))
    .where('e.kind', '=', 'deposit'),
);
const successes = defineQuery<{ agent: number }>()((k) =>
  k.selectFrom('sale').select(raw<number>`COUNT(*)`.as('n')).where('agent_id', '=', param('agent')).where('status', '=', 'success'),
);
const topProducts = defineQuery<{ agent: number; since: number; limit: number }>()((k) =>
  k
    .selectFrom('sale as s')
    .innerJoin('product as p', 'p.id', 's.product_id')
    .select(['p.code', raw<number>`COUNT(*)`.as('count'), raw<number>`SUM(s.price)`.as('volume')])
    .where('s.agent_id', '=', param('agent'))
    .where('s.status', '=', 'success')
    .where('s.created_at', '>=', param('since'))
    .groupBy('p.code')
    .orderBy(raw`COUNT(*)`, 'desc')
    .orderBy('p.code')
    .limit(param('limit')),
);
/** Successful sales of an agent since a time, with their time and price. */
const salesSince = defineQuery<{ agent: number; since: number }>()((k) =>
  k
    .selectFrom('sale as s')
    .select(['s.created_at', 's.price'])
    .where('s.agent_id', '=', param('agent'))
    .where('s.status', '=', 'success')
    .where('s.created_at', '>=', param('since')),
);
/** The agent's commissions on successful sales since a time: its shares in the sales' rows (sale-shares.ts). */
const commissionsSince = defineQuery<{ agent: number; since: number }>()((k) =>
  k
    .selectFrom(['sale as s', raw<{ value: string }>`json_each(s.shares)`.as('j')])
    .select(['s.created_at', raw<number>`json_extract(j.value, '$[2]')`.as('markup')])
    .where(raw`json_extract(j.value, '$[0]')`, '=', param('agent'))
    .where('s.status', '=', 'success')
    .where('s.created_at', '>=', param('since')),
);

export const statsRepo = {
  deposits: (sql: SqlExecutor, account: number) => sql.get(deposits, { account })!.total,
  successes: (sql: SqlExecutor, agent: number) => sql.get(successes, { agent })!.n,
  topProducts: (sql: SqlExecutor, agent: number, since: number, limit: number) => sql.all(topProducts, { agent, since, limit }),
  salesSince: (sql: SqlExecutor, agent: number, since: number) => sql.all(salesSince, { agent, since }),
  commissionsSince: (sql: SqlExecutor, agent: number, since: number) => sql.all(commissionsSince, { agent, since }),
};
