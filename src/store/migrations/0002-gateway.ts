import { sql, type Kysely, type Migration } from 'kysely';

/** The inbound journal and the outbox of the message pipeline, and deposit tickets. */
export const gatewayMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('inbound')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('chat', 'text', (c) => c.notNull())
      // The text with every PIN masked: PINs never reach a journal.
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('received_at', 'integer', (c) => c.notNull())
      .addColumn('agent_id', 'integer', (c) => c.references('agent.id'))
      .addColumn('command', 'text')
      .addColumn('outcome', 'text')
      // Scoped by sender: a caller-chosen id (HTTP) can never reach another sender's replies.
      .addUniqueConstraint('inbound_channel_sender_message', ['channel', 'sender', 'message_id'])
      .execute();
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      // Set when `text` holds a secret (a first PIN): it replaces `text` once the reply is sent.
      .addColumn('redacted', 'text')
      .addColumn('inbound_id', 'integer', (c) => c.references('inbound.id'))
      .addColumn('sale_id', 'integer', (c) => c.references('sale.id'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('sent_at', 'integer')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('outbox_inbound').on('outbox').columns(['inbound_id', 'id']).execute();
    await db.schema
      .createIndex('outbox_unsent')
      .on('outbox')
      .columns(['channel', 'next_attempt_at', 'id'])
      .where(sql.ref('sent_at'), 'is', null)
      .execute();
    await db.schema
      .createTable('ticket')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id'))
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('unique_amount', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_open').on('ticket').columns(['status', 'unique_amount']).execute();
  },
};
