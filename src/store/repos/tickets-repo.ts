import { defineQuery, param, type SqlExecutor } from '../sql.js';

const openWithAmount = defineQuery<{ amount: number; now: number }>()((k) =>
  k
    .selectFrom('ticket')
    .select('id')
    .where('status', '=', 'open')
    .where('unique_amount', '=', param('amount'))
    .where('expires_at', '>', param('now')),
);
const insert = defineQuery<{ agent: number; amount: number; unique: number; at: number; expires: number }>()((k) =>
  k
    .insertInto('ticket')
    .values({ agent_id: param('agent'), amount: param('amount'), unique_amount: param('unique'), created_at: param('at'), expires_at: param('expires') }),
);
const list = defineQuery<{ limit: number }>()((k) =>
  k
    .selectFrom('ticket as t')
    .innerJoin('agent as a', 'a.id', 't.agent_id')
    .select(['t.id', 'a.code', 't.amount', 't.unique_amount', 't.status', 't.created_at', 't.expires_at'])
    .orderBy('t.id', 'desc')
    .limit(param('limit')),
);
const byId = defineQuery<{ id: number }>()((k) => k.selectFrom('ticket').selectAll().where('id', '=', param('id')));
const markPaid = defineQuery<{ id: number }>()((k) =>
  k.updateTable('ticket').set({ status: 'paid' }).where('id', '=', param('id')).where('status', '=', 'open'),
);

export const ticketsRepo = {
  amountTaken: (sql: SqlExecutor, amount: number, now: number) => sql.get(openWithAmount, { amount, now }) !== undefined,
  insert: (sql: SqlExecutor, t: { agent: number; amount: number; unique: number; at: number; expires: number }) => sql.insert(insert, t),
  list: (sql: SqlExecutor, limit: number) => sql.all(list, { limit }),
  byId: (sql: SqlExecutor, id: number) => sql.get(byId, { id }),
  markPaid: (sql: SqlExecutor, id: number) => sql.run(markPaid, { id }).changes === 1,
};
