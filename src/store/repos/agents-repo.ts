import type { Selectable } from 'kysely';
import { sql as raw } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';
import type { AgentTable } from '../tables.js';

export type AgentRow = Selectable<AgentTable>;

const byCode = defineQuery<{ code: string }>({ cached: true })((k) =>
  k.selectFrom('agent').selectAll().where('code', '=', param('code')),
);
const byId = defineQuery<{ id: number }>({ cached: true })((k) => k.selectFrom('agent').selectAll().where('id', '=', param('id')));
const bySender = defineQuery<{ address: string }>({ cached: true })((k) =>
  k
    .selectFrom('sender')
    .innerJoin('agent', 'agent.id', 'sender.agent_id')
    .selectAll('agent')
    .where('sender.address', '=', param('address')),
);
const insertAccount = defineQuery<{ name: string; kind: 'balance' | 'commission' }>()((k) =>
  k.insertInto('account').values({ name: param('name'), kind: param('kind'), balance: 0 }),
);
const linkAccount = defineQuery<{ account: number; agent: number }>()((k) =>
  k.updateTable('account').set({ agent_id: param('agent') }).where('id', '=', param('account')),
);
const insertAgent = defineQuery<{
  code: string; name: string; pin: string; mustChange: number; upline: number | null;
  markup: number; credit: number; bal: number; comm: number; at: number;
}>()((k) =>
  k
    .insertInto('agent')
    .values({
      code: param('code'), name: param('name'), pin_hash: param('pin'), pin_must_change: param('mustChange'),
      upline_id: param('upline'), markup: param('markup'), credit_limit: param('credit'),
      balance_account: param('bal'), commission_account: param('comm'), created_at: param('at'),
    }),
);
const insertSender = defineQuery<{ address: string; agent: number }>()((k) =>
  k.insertInto('sender').values({ address: param('address'), agent_id: param('agent') }),
);
const senderOwner = defineQuery<{ address: string }>()((k) =>
  k.selectFrom('sender').select('agent_id').where('address', '=', param('address')),
);
const sendersOf = defineQuery<{ agent: number }>()((k) =>
  k.selectFrom('sender').select('address').where('agent_id', '=', param('agent')).orderBy('address'),
);
const downlines = defineQuery<{ upline: number }>()((k) =>
  k.selectFrom('agent').selectAll().where('upline_id', '=', param('upline')).orderBy('code'),
);
const byReferral = defineQuery<{ code: string }>()((k) =>
  k.selectFrom('agent').selectAll().where('referral_code', '=', param('code')),
);
const setRole = defineQuery<{ id: number; reseller: number; referral: string | null }>()((k) =>
  k.updateTable('agent').set({ is_reseller: param('reseller'), referral_code: param('referral') }).where('id', '=', param('id')),
);
/** Codes made of `letters` and then digits only (GLOB: letters, then one digit at least). */
const codesInSeries = defineQuery<{ glob: string }>()((k) =>
  k.selectFrom('agent').select('code').where(raw<boolean>`code GLOB ${param<string>('glob')}`),
);
const all = defineQuery()((k) => k.selectFrom('agent').selectAll().orderBy('code'));
const setStatus = defineQuery<{ id: number; status: 'active' | 'locked'; failures: number }>()((k) =>
  k.updateTable('agent').set({ status: param('status'), pin_failures: param('failures') }).where('id', '=', param('id')),
);
const setPin = defineQuery<{ id: number; pin: string; mustChange: number }>()((k) =>
  k
    .updateTable('agent')
    .set({ pin_hash: param('pin'), pin_must_change: param('mustChange'), pin_failures: 0 })
    .where('id', '=', param('id')),
);
const setMarkup = defineQuery<{ id: number; markup: number }>()((k) =>
  k.updateTable('agent').set({ markup: param('markup') }).where('id', '=', param('id')),
);

export const agentsRepo = {
  byCode: (sql: SqlExecutor, code: string) => sql.get(byCode, { code }),
  byId: (sql: SqlExecutor, id: number) => sql.get(byId, { id }),
  bySender: (sql: SqlExecutor, address: string) => sql.get(bySender, { address }),
  senderOwner: (sql: SqlExecutor, address: string) => sql.get(senderOwner, { address })?.agent_id,
  senders: (sql: SqlExecutor, agent: number) => sql.all(sendersOf, { agent }).map((r) => r.address),
  downlines: (sql: SqlExecutor, upline: number) => sql.all(downlines, { upline }),
  all: (sql: SqlExecutor) => sql.all(all, {}),
  byReferral: (sql: SqlExecutor, code: string) => sql.get(byReferral, { code }),
  /** The highest number n among codes `<letters><n>` (0 when none). */
  highestInSeries(sql: SqlExecutor, letters: string): number {
    return sql
      .all(codesInSeries, { glob: `${letters}[0-9]*` })
      .map((r) => r.code.slice(letters.length))
      .filter((n) => /^\d+$/.test(n))
      .reduce((m, n) => Math.max(m, Number(n)), 0);
  },
  /** Sets member/reseller; a reseller keeps its referral code, a member keeps it for a later return. */
  setRole: (sql: SqlExecutor, id: number, reseller: boolean, referral: string | null) =>
    sql.run(setRole, { id, reseller: reseller ? 1 : 0, referral }),
  setStatus: (sql: SqlExecutor, id: number, status: 'active' | 'locked', failures: number) =>
    sql.run(setStatus, { id, status, failures }),
  setPin: (sql: SqlExecutor, id: number, pin: string, mustChange: boolean) =>
    sql.run(setPin, { id, pin, mustChange: mustChange ? 1 : 0 }),
  setMarkup: (sql: SqlExecutor, id: number, markup: number) => sql.run(setMarkup, { id, markup }),
  addSender: (sql: SqlExecutor, address: string, agent: number) => sql.run(insertSender, { address, agent }),

  /** Inserts the agent with its balance and commission accounts. Inside the caller's transaction. */
  insert(
    sql: SqlExecutor,
    a: { code: string; name: string; pinHash: string; mustChange: boolean; uplineId: number | null; markup: number; creditLimit: number; at: number },
  ): number {
    const bal = sql.insert(insertAccount, { name: `AGENT:${a.code}:BALANCE`, kind: 'balance' });
    const comm = sql.insert(insertAccount, { name: `AGENT:${a.code}:COMMISSION`, kind: 'commission' });
    const id = sql.insert(insertAgent, {
      code: a.code, name: a.name, pin: a.pinHash, mustChange: a.mustChange ? 1 : 0, upline: a.uplineId,
      markup: a.markup, credit: a.creditLimit, bal, comm, at: a.at,
    });
    sql.run(linkAccount, { account: bal, agent: id });
    sql.run(linkAccount, { account: comm, agent: id });
    return id;
  },
};
