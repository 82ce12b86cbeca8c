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
  agent: number | null; command: string | null; outcome: string | null; contentKey: string | null;
}>()((k) =>
  k
    .insertInto('inbound')
    .values({
      channel: param('channel'), message_id: param('messageId'), sender: param('sender'), chat: param('chat'),
      text: param('text'), received_at: param('at'), agent_id: param('agent'), command: param('command'),
      outcome: param('outcome'), content_key: param('contentKey'),
    }),
);
const recent = defineQuery<{ channel: string; since: number }>()((k) =>
  k
    .selectFrom('inbound')
    .select(['message_id', 'content_key', 'received_at'])
    .where('channel', '=', param('channel'))
    .where('content_key', 'is not', null)
    .where('received_at', '>=', param('since'))
    .orderBy('id'),
);

export const journalRepo = {
  /** The journal row of a message, by the channel's id of it, scoped to its sender. */
  find: (sql: SqlExecutor, channel: string, sender: string, messageId: string) => sql.get(find, { channel, sender, messageId }),
  insert: (
    sql: SqlExecutor,
    m: { channel: string; messageId: string; sender: string; chat: string; text: string; at: number; contentKey?: string | null | undefined },
    settled: { agent: number | null; command: string | null; outcome: string | null },
  ) =>
    sql.insert(insert, {
      channel: m.channel, messageId: m.messageId, sender: m.sender, chat: m.chat, text: m.text, at: m.at,
      contentKey: m.contentKey ?? null, agent: settled.agent, command: settled.command, outcome: settled.outcome,
    }),
  /** Messages of a channel since a time that carry a content key (for redelivery after a restart). */
  recentWithContentKey: (sql: SqlExecutor, channel: string, since: number) =>
    sql.all(recent, { channel, since }) as Array<{ message_id: string; content_key: string; received_at: number }>,
};
