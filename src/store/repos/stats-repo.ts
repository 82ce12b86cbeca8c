import { sql as raw } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';

/** Successful sales of one agent since a time: count and volume. */
const sales = defineQuery<{ agent: number; since: number }>()((k) =>
  k
    .selectFrom('sale')
    .select([raw<number>`COUNT(*)`.as('count'), raw<number>`COALESCE(SUM(price), 0)`.as('volume')])
    .where('agent_id', '=', param('agent'))
    .where('status', '=', 'success')
    .where('created_at', '>=', param('since')),
);
/** Commission an agent earned on its downlines' successful sales since a time. */
const commission = defineQuery<{ agent: number; since: number }>()((k) =>
  k
    .selectFrom('sale_share as sh')
    .innerJoin('sale as s', 's.id', 'sh.sale_id')
    .select(raw<number>`COALESCE(SUM(sh.markup), 0)`.as('total'))
    .where('sh.earner_id', '=', param('agent'))
    .where('s.status', '=', 'success')
    .where('s.created_at', '>=', param('since')),
);

export const statsRepo = {
  sales: (sql: SqlExecutor, agent: number, since: number) => sql.get(sales, { agent, since })!,
  commission: (sql: SqlExecutor, agent: number, since: number) => sql.get(commission, { agent, since })!.total,
};
