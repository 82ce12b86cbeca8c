import { sql, type Kysely, type Migration } from 'kysely';
import { SYSTEM_ACCOUNTS } from '../../domain/ledger.js';

/** Agents, accounts, the double-entry ledger, products, markups and sales. */
export const engineMigration: Migration = {
  async up(db: Kysely<any>) {
    const safe = (col: string) => sql.raw(`CHECK (${col} BETWEEN -9007199254740991 AND 9007199254740991)`);
    await db.schema
      .createTable('account')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('agent_id', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('balance','commission','system')`))
      .addColumn('balance', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(safe('balance')))
      .execute();
    for (const name of Object.values(SYSTEM_ACCOUNTS)) {
      await db.insertInto('account').values({ name, kind: 'system', balance: 0 }).execute();
    }
    await db.schema
      .createTable('agent')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('pin_hash', 'text', (c) => c.notNull())
      .addColumn('pin_must_change', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('upline_id', 'integer', (c) => c.references('agent.id'))
      .addColumn('markup', 'integer', (c) => c.notNull().defaultTo(0).check(sql`markup >= 0`))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status IN ('active','locked')`))
      .addColumn('credit_limit', 'integer', (c) => c.notNull().defaultTo(0).check(sql`credit_limit >= 0`))
      .addColumn('balance_account', 'integer', (c) => c.notNull().unique().references('account.id'))
      .addColumn('commission_account', 'integer', (c) => c.notNull().unique().references('account.id'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('agent_upline').on('agent').column('upline_id').execute();
    await db.schema
      .createTable('sender')
      .addColumn('address', 'text', (c) => c.primaryKey())
      .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id'))
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();
    await db.schema.createIndex('sender_agent').on('sender').column('agent_id').execute();
    await db.schema
      .createTable('entry')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text')
      .addColumn('memo', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('posting')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('entry_id', 'integer', (c) => c.notNull().references('entry.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id'))
      .addColumn('amount', 'integer', (c) => c.notNull().modifyEnd(safe('amount')))
      .addColumn('balance_after', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('posting_account').on('posting').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('posting_entry').on('posting').column('entry_id').execute();
    await createCatalogue(db);
  },
};

async function createCatalogue(db: Kysely<any>) {
  await db.schema
    .createTable('product')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('product_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('base_price', 'integer', (c) => c.notNull().check(sql`base_price >= 0`))
    .addColumn('cost', 'integer', (c) => c.notNull().defaultTo(0).check(sql`cost >= 0`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('dest_kind', 'text', (c) => c.notNull().defaultTo('msisdn'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('product_markup')
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('product.id'))
    .addColumn('markup', 'integer', (c) => c.notNull().check(sql`markup >= 0`))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_markup_pk', ['agent_id', 'product_id'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  await db.schema
    .createTable('wildcard_markup')
    .addColumn('upline_id', 'integer', (c) => c.notNull().references('agent.id'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('product.id'))
    .addColumn('markup', 'integer', (c) => c.notNull().check(sql`markup >= 0`))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('wildcard_markup_pk', ['upline_id', 'product_id'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  await createSales(db);
}

async function createSales(db: Kysely<any>) {
  await db.schema
    .createTable('sale')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('product.id'))
    .addColumn('dest', 'text', (c) => c.notNull())
    .addColumn('counter', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('base_price', 'integer', (c) => c.notNull())
    .addColumn('discount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending','success','failed')`))
    .addColumn('sn', 'text')
    .addColumn('reason', 'text')
    .addColumn('origin', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'integer')
    .execute();
  await db.schema
    .createIndex('sale_same')
    .on('sale')
    .columns(['agent_id', 'product_id', 'dest', 'created_at'])
    .execute();
  await db.schema.createIndex('sale_dest').on('sale').columns(['dest', 'id']).execute();
  await db.schema.createIndex('sale_pending').on('sale').column('status').where(sql.ref('status'), '=', 'pending').execute();
  await db.schema
    .createTable('sale_share')
    .addColumn('sale_id', 'integer', (c) => c.notNull().references('sale.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('earner_id', 'integer', (c) => c.references('agent.id'))
    .addColumn('downline_id', 'integer', (c) => c.notNull().references('agent.id'))
    .addColumn('markup', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sale_share_pk', ['sale_id', 'level'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
}
