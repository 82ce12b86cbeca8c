import type { Selectable } from 'kysely';
import { defineQuery, param, type SqlExecutor } from '../sql.js';
import type { InboundTable } from '../tables.js';

export type InboundRow = Selectable<InboundTable>;

const find = defineQuery<{ channel: string; sender: string; messageId: string }>()((k) =>
  k
    .selectFrom('inbound')
    .selectAll()
    .where('channel', '=', param('channel'))
    .where('sender', '=', param('sender'))
    .where('message_id', '=', param('messageId')),
);
const insert = defineQuery<{
  channel: string; messageId: string; sender: string; chat: string; text: string; at: number;
  agent: number | null; command: string | null; outcome: string | null;
}>()((k) =>
  k
    .insertInto('inbound')
    .values({
      channel: param('channel'), message_id: param('messageId'), sender: param('sender'), chat: param('chat'),
      text: param('text'), received_at: param('at'), agent_id: param('agent'), command: param('command'),
      outcome: param('outcome'),
    })
    .returning('id'),
);
const settle = defineQuery<{ id: number; agent: number | null; command: string | null; outcome: string; text: string }>()((k) =>
  k
    .updateTable('inbound')
    .set({ agent_id: param('agent'), command: param('command'), outcome: param('outcome'), text: param('text') })
    .where('id', '=', param('id')),
);

export const journalRepo = {
  /** The journal row of a message, by the channel's id of it, scoped to its sender. */
  find: (sql: SqlExecutor, channel: string, sender: string, messageId: string) => sql.get(find, { channel, sender, messageId }),
  insert: (
    sql: SqlExecutor,
    m: { channel: string; messageId: string; sender: string; chat: string; text: string; at: number },
    settled: { agent: number | null; command: string | null; outcome: string | null } = { agent: null, command: null, outcome: null },
  ) => sql.get(insert, { ...m, ...settled })!.id,
  /** Records who sent it, what it was and how it ended (text re-masked once the PIN's place is known). */
  settle: (sql: SqlExecutor, id: number, s: { agent: number | null; command: string | null; outcome: string; text: string }) =>
    sql.run(settle, { id, ...s }),
};
