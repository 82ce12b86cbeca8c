import { randomInt } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { referralCode } from '../../domain/referral-code.js';

/**
 * The reseller programme (DOMAIN.md §7): member/reseller role and referral codes on agents,
 * qualifications required by products or groups and granted to agents. Agents that exist already
 * stay resellers (what they could do before), each with a referral code.
 */
export const resellerMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('agent').addColumn('is_reseller', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('agent').addColumn('referral_code', 'text').execute();
    const resellers = await db.selectFrom('agent').select('id').where('is_reseller', '=', 1).execute();
    const taken = new Set<string>();
    for (const { id } of resellers) {
      let code: string;
      do code = referralCode((n) => randomInt(n));
      while (taken.has(code));
      taken.add(code);
      await db.updateTable('agent').set({ referral_code: code }).where('id', '=', id).execute();
    }
    await db.schema.createIndex('agent_referral').on('agent').column('referral_code').unique().execute();
    await db.schema.alterTable('product').addColumn('qualification', 'text').execute();
    await db.schema
      .createTable('group_qualification')
      .addColumn('product_group', 'text', (c) => c.primaryKey())
      .addColumn('qualification', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('agent_qualification')
      .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id'))
      .addColumn('qualification', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_qualification_pk', ['agent_id', 'qualification'])
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();
    await db.schema.createIndex('sale_agent_product_status').on('sale').columns(['agent_id', 'product_id', 'status']).execute();
  },
};
