import type { Selectable } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';
import type { OutboxPartTable } from '../tables.js';

export type OutboxPartRow = Selectable<OutboxPartTable>;

export interface PartReceipt {
  readonly seq: number;
  readonly total: number;
  readonly messageId: string;
  /** Null while no receipt came for this part. */
  readonly state: string | null;
  readonly error: string | null;
  readonly receivedAt: number | null;
}

const partsOf = defineQuery<{ outbox: number }>()((k) =>
  k.selectFrom('outbox_part').selectAll().where('outbox_id', '=', param('outbox')).orderBy('seq'),
);
const addPart = defineQuery<{ outbox: number; seq: number; total: number; ref: number; channel: string; messageId: string; at: number }>()((k) =>
  k
    .insertInto('outbox_part')
    .values({
      outbox_id: param('outbox'), seq: param('seq'), total: param('total'), ref: param('ref'), channel: param('channel'),
      message_id: param('messageId'), accepted_at: param('at'),
    })
    .onConflict((oc) => oc.doNothing()),
);
const addReceipt = defineQuery<{ channel: string; messageId: string; state: string; error: string | null; at: number }>()((k) =>
  k.insertInto('delivery_receipt').values({
    channel: param('channel'), message_id: param('messageId'), state: param('state'), error: param('error'), received_at: param('at'),
  }),
);
/** Every part of a reply with the receipts of its message id. */
const receiptsOf = defineQuery<{ outbox: number }>()((k) =>
  k
    .selectFrom('outbox_part as p')
    .leftJoin('delivery_receipt as r', (j) => j.onRef('r.channel', '=', 'p.channel').onRef('r.message_id', '=', 'p.message_id'))
    .select(['p.seq', 'p.total', 'p.message_id as messageId', 'p.accepted_at as acceptedAt', 'r.state', 'r.error', 'r.received_at as receivedAt'])
    .where('p.outbox_id', '=', param('outbox'))
    .orderBy('p.seq')
    .orderBy('r.id'),
);

/**
 * A receipt can arrive before its part is recorded (the SMSC sends it right after submit_sm_resp),
 * so it counts from a minute before the part was accepted; older ones belong to an earlier
 * message that had the same id (SMSC ids wrap).
 */
const RECEIPT_SLACK_MS = 60_000;

/** The SMS parts of replies and their delivery receipts (issue 5). */
export const smsPartsRepo = {
  /** Parts of this reply the SMSC already accepted, in order. */
  partsOf: (sql: SqlExecutor, outboxId: number): OutboxPartRow[] => sql.all(partsOf, { outbox: outboxId }),
  /** The SMSC accepted a part and named it `messageId`; accepting it again changes nothing. */
  addPart(sql: SqlExecutor, p: { outboxId: number; seq: number; total: number; ref: number; channel: string; messageId: string }, at: number): void {
    sql.run(addPart, { outbox: p.outboxId, seq: p.seq, total: p.total, ref: p.ref, channel: p.channel, messageId: p.messageId, at });
  },
  addReceipt(sql: SqlExecutor, r: { channel: string; messageId: string; state: string; error: string | null }, at: number): void {
    sql.run(addReceipt, { channel: r.channel, messageId: r.messageId, state: r.state, error: r.error, at });
  },
  /** Each accepted part of a reply with its latest receipt, in part order. */
  receiptsOf(sql: SqlExecutor, outboxId: number): PartReceipt[] {
    const latest = new Map<number, PartReceipt>();
    for (const r of sql.all(receiptsOf, { outbox: outboxId })) {
      const counts = r.receivedAt !== null && r.receivedAt >= r.acceptedAt - RECEIPT_SLACK_MS;
      if (counts || !latest.has(r.seq)) {
        latest.set(r.seq, {
          seq: r.seq, total: r.total, messageId: r.messageId,
          state: counts ? r.state : null, error: counts ? r.error : null, receivedAt: counts ? r.receivedAt : null,
        });
      }
    }
    return [...latest.values()];
  },
};
