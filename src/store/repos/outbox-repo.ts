import type { Selectable } from 'kysely';
import { sql as raw } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';
import type { OutboxTable } from '../tables.js';

export type OutboxRow = Selectable<OutboxTable>;

export interface NewOutbound {
  readonly channel: string;
  readonly recipient: string;
  readonly text: string;
  readonly redacted?: string | null;
  readonly inboundId?: number | null;
  readonly saleId?: number | null;
}

const insert = defineQuery<{
  channel: string; recipient: string; text: string; redacted: string | null; inbound: number | null; sale: number | null; at: number;
}>()((k) =>
  k
    .insertInto('outbox')
    .values({
      channel: param('channel'), recipient: param('recipient'), text: param('text'), redacted: param('redacted'),
      inbound_id: param('inbound'), sale_id: param('sale'), created_at: param('at'),
    }),
);
const ofInbound = defineQuery<{ inbound: number }>()((k) =>
  k.selectFrom('outbox').selectAll().where('inbound_id', '=', param('inbound')).orderBy('id'),
);
const due = defineQuery<{ channel: string; now: number; limit: number }>()((k) =>
  k
    .selectFrom('outbox')
    .selectAll()
    .where('channel', '=', param('channel'))
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', param('now'))
    .orderBy('id')
    .limit(param('limit')),
);
const unsentTo = defineQuery<{ channel: string; recipient: string }>()((k) =>
  k
    .selectFrom('outbox')
    .selectAll()
    .where('channel', '=', param('channel'))
    .where('recipient', '=', param('recipient'))
    .where('sent_at', 'is', null)
    .orderBy('id'),
);
/** Many ids in one statement: the ids travel as one JSON array parameter. */
const markManySent = defineQuery<{ ids: string; at: number }>()((k) =>
  k
    .updateTable('outbox')
    .set((eb) => ({ sent_at: param('at'), text: eb.fn.coalesce('redacted', 'text'), redacted: null }))
    .where('id', 'in', raw<number>`(SELECT value FROM json_each(${param<string>('ids')}))`)
    .where('sent_at', 'is', null),
);
const countAttempt = defineQuery<{ id: number }>()((k) =>
  k.updateTable('outbox').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', param('id')),
);
/** Holds back the failed row and every later unsent row of the same chat, so order is kept. */
const holdChat = defineQuery<{ id: number; at: number }>()((k) =>
  k
    .updateTable('outbox as o')
    .set({ next_attempt_at: param('at') })
    .where('o.sent_at', 'is', null)
    .where('o.id', '>=', param('id'))
    .where(({ eb, selectFrom }) =>
      eb('o.channel', '=', selectFrom('outbox').select('channel').where('id', '=', param('id'))).and(
        'o.recipient', '=', selectFrom('outbox').select('recipient').where('id', '=', param('id')),
      ),
    ),
);
const bySale = defineQuery<{ sale: number }>()((k) =>
  k.selectFrom('outbox').selectAll().where('sale_id', '=', param('sale')).where('inbound_id', 'is', raw<null>`NULL`).orderBy('id'),
);

export const outboxRepo = {
  insert(sql: SqlExecutor, o: NewOutbound, at: number): OutboxRow {
    const redacted = o.redacted ?? null;
    const inbound = o.inboundId ?? null;
    const sale = o.saleId ?? null;
    const id = sql.insert(insert, { channel: o.channel, recipient: o.recipient, text: o.text, redacted, inbound, sale, at });
    return {
      id, channel: o.channel, recipient: o.recipient, text: o.text, redacted, inbound_id: inbound, sale_id: sale, created_at: at,
      sent_at: null, attempts: 0, next_attempt_at: 0,
    };
  },
  ofInbound: (sql: SqlExecutor, inbound: number) => sql.all(ofInbound, { inbound }),
  due: (sql: SqlExecutor, channel: string, now: number, limit: number) => sql.all(due, { channel, now, limit }),
  unsentTo: (sql: SqlExecutor, channel: string, recipient: string) => sql.all(unsentTo, { channel, recipient }),
  /** Marks a reply delivered (a secret in it is redacted now); false if it already was. */
  /** Marks replies delivered in one statement; returns how many had not been marked before. */
  markManySent: (sql: SqlExecutor, ids: readonly number[], at: number) =>
    ids.length === 0 ? 0 : sql.run(markManySent, { ids: JSON.stringify(ids), at }).changes,
  /** A failed send: count it, and hold this row and the later ones of its chat until `at`. */
  retryLater(sql: SqlExecutor, id: number, at: number): void {
    sql.run(countAttempt, { id });
    sql.run(holdChat, { id, at });
  },
  /** Final results of a sale (not the replies to the message that made it). */
  finalsOfSale: (sql: SqlExecutor, sale: number) => sql.all(bySale, { sale }),
};
