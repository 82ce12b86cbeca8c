import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A keyed digest of what an inbound message said, for channels whose messages carry no id of
 * their own (SMPP): after a restart it lets such a channel recognise a redelivery of a message
 * that was committed but whose acknowledgement was lost with the process.
 */
export const contentKeyMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('inbound').addColumn('content_key', 'text').execute();
    await db.schema.createIndex('inbound_content').on('inbound').columns(['channel', 'received_at']).where(sql.ref('content_key'), 'is not', null).execute();
  },
};
