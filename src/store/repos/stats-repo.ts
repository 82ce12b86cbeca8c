import { sql as raw } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';

/**
 * Everything deposited into an account by the operator (cash in): the account's postings, walked
 * newest first along its chain from its head (each points back to the one before: migration
 * 0009), one primary-key lookup per posting and per entry. The head comes from the executor
 * (`postingHead`, which sees a head still pending in the open transaction), so this query reads
 * no account row and the pending accounts stay pending. Exported for its query-plan test.
 */
export const depositsAlongChain = defineQuery<{ account: number; head: number }>()((k) =>
  k
    .withRecursive('chain(id, prev_id, entry_id, amount)', (qb) =>
      qb
        .selectFrom('posting as p')
        .select(['p.id', 'p.prev_id', 'p.entry_id', 'p.amount'])
        .where('p.id', '=', param('head'))
        .where('p.account_id', '=', param('account'))
        .unionAll((u) =>
          u
            .selectFrom('posting as p')
            .innerJoin('chain as c', 'p.id', 'c.prev_id')
            .select(['p.id', 'p.prev_id', 'p.entry_id', 'p.amount'])
            .whereRef('p.id', '<', 'c.id') // a link only ever points back: a corrupt one cannot loop
            .where('p.account_id', '=', param('account')), // nor lead into another account
        ),
    )
    .selectFrom('chain as c')
    .select(raw<number>`COALESCE(SUM(c.amount), 0)`.as('total'))
    // The entry of each posting by its key (a join let the planner scan every entry instead).
    .where((eb) => eb.selectFrom('entry as e').select('e.kind').whereRef('e.id', '=', 'c.entry_id'), '=', 'deposit'),
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
  deposits: (sql: SqlExecutor, account: number) => {
    const head = sql.postingHead(account);
    return head === null ? 0 : sql.get(depositsAlongChain, { account, head })!.total;
  },
  successes: (sql: SqlExecutor, agent: number) => sql.get(successes, { agent })!.n,
  topProducts: (sql: SqlExecutor, agent: number, since: number, limit: number) => sql.all(topProducts, { agent, since, limit }),
  salesSince: (sql: SqlExecutor, agent: number, since: number) => sql.all(salesSince, { agent, since }),
  commissionsSince: (sql: SqlExecutor, agent: number, since: number) => sql.all(commissionsSince, { agent, since }),
};
