import { defineQuery, param, type SqlExecutor } from '../sql.js';

const groupRequirement = defineQuery<{ group: string }>({ cached: true })((k) =>
  k.selectFrom('group_qualification').select('qualification').where('product_group', '=', param('group')),
);
const held = defineQuery<{ agent: number; qualification: string }>({ cached: true })((k) =>
  k.selectFrom('agent_qualification').select('agent_id').where('agent_id', '=', param('agent')).where('qualification', '=', param('qualification')),
);
const heldBy = defineQuery<{ agent: number }>()((k) =>
  k.selectFrom('agent_qualification').select('qualification').where('agent_id', '=', param('agent')).orderBy('qualification'),
);
const grant = defineQuery<{ agent: number; qualification: string; at: number }>()((k) =>
  k
    .insertInto('agent_qualification')
    .values({ agent_id: param('agent'), qualification: param('qualification'), granted_at: param('at') })
    .onConflict((oc) => oc.doNothing()),
);
const revoke = defineQuery<{ agent: number; qualification: string }>()((k) =>
  k.deleteFrom('agent_qualification').where('agent_id', '=', param('agent')).where('qualification', '=', param('qualification')),
);
const requireForGroup = defineQuery<{ group: string; qualification: string }>()((k) =>
  k
    .insertInto('group_qualification')
    .values({ product_group: param('group'), qualification: param('qualification') })
    .onConflict((oc) => oc.column('product_group').doUpdateSet((eb) => ({ qualification: eb.ref('excluded.qualification') }))),
);
const unrequireGroup = defineQuery<{ group: string }>()((k) =>
  k.deleteFrom('group_qualification').where('product_group', '=', param('group')),
);
const groupRows = defineQuery()((k) => k.selectFrom('group_qualification').selectAll().orderBy('product_group'));
const grants = defineQuery()((k) =>
  k
    .selectFrom('agent_qualification as q')
    .innerJoin('agent as a', 'a.id', 'q.agent_id')
    .select(['a.code', 'q.qualification', 'q.granted_at'])
    .orderBy('q.qualification')
    .orderBy('a.code'),
);

export const qualificationsRepo = {
  groupRequirement: (sql: SqlExecutor, group: string) => sql.get(groupRequirement, { group })?.qualification ?? null,
  holds: (sql: SqlExecutor, agent: number, qualification: string) => sql.get(held, { agent, qualification }) !== undefined,
  heldBy: (sql: SqlExecutor, agent: number) => sql.all(heldBy, { agent }).map((r) => r.qualification),
  grant: (sql: SqlExecutor, agent: number, qualification: string, at: number) => sql.run(grant, { agent, qualification, at }).changes === 1,
  revoke: (sql: SqlExecutor, agent: number, qualification: string) => sql.run(revoke, { agent, qualification }).changes === 1,
  requireForGroup: (sql: SqlExecutor, group: string, qualification: string) => sql.run(requireForGroup, { group, qualification }),
  unrequireGroup: (sql: SqlExecutor, group: string) => sql.run(unrequireGroup, { group }).changes === 1,
  groupRows: (sql: SqlExecutor) => sql.all(groupRows, {}),
  grants: (sql: SqlExecutor) => sql.all(grants, {}),
};
