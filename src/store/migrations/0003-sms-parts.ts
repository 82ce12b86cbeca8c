import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What an SMS channel learns about a reply after it left (issue 5): the parts the SMSC accepted,
 * each with the message id it gave (a retry resends only the parts not accepted yet, under the
 * same concatenation reference), and the delivery receipts, kept by (channel, message id) so a
 * receipt that arrives before its part is recorded still finds its reply.
 */
export const smsPartsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('outbox_part')
      .addColumn('outbox_id', 'integer', (c) => c.notNull().references('outbox.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('ref', 'integer', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('outbox_part_pk', ['outbox_id', 'seq'])
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();
    await db.schema.createIndex('outbox_part_message').on('outbox_part').columns(['channel', 'message_id']).execute();
    await db.schema
      .createTable('delivery_receipt')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('received_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('delivery_receipt_message').on('delivery_receipt').columns(['channel', 'message_id']).execute();
  },
};
