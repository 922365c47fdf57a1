import { QueryTypes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import type { InboxRow } from './conversation.presenter';

/**
 * Conversations with their customer, channel and last message in one SQL statement, whatever the
 * page size. The last message is a lateral lookup on (conversation_id, seq = last_message_seq): one
 * index hit per row, never a query per row. `conditions` must start with the workspace filter and
 * `replacements` must bind `:limit`.
 */
export function queryInbox(
  scope: TenantScope,
  conditions: string[],
  replacements: Record<string, unknown>,
): Promise<InboxRow[]> {
  if (!conditions[0]?.startsWith('c.workspace_id = '))
    throw new Error('inbox query without a workspace filter');
  return scope.sequelize.query<InboxRow>(
    `SELECT c.id, c.status, c.bot_id, c.channel_id, ch.type AS channel_type, c.assignee_id, c.subject,
            c.last_message_seq, c.last_message_at, c.created_at, c.closed_at, c.sentiment_score,
            to_char(c.last_message_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS cursor_at,
            cu.id AS customer_id, cu.name AS customer_name, cu.email AS customer_email,
            cu.avatar_url AS customer_avatar_url,
            lm.id AS lm_id, lm.seq AS lm_seq, lm.text AS lm_text, lm.sender_type AS lm_sender_type,
            lm.direction AS lm_direction, lm.status AS lm_status, lm.created_at AS lm_created_at
       FROM conversations c
       JOIN customers cu ON cu.id = c.customer_id
       JOIN channels ch ON ch.id = c.channel_id
       LEFT JOIN LATERAL (
         SELECT m.id, m.seq, m.text, m.sender_type, m.direction, m.status, m.created_at
           FROM messages m
          WHERE m.conversation_id = c.id AND m.seq = c.last_message_seq
       ) lm ON true
      WHERE ${conditions.join(' AND ')}
      ORDER BY c.last_message_at DESC, c.id DESC
      LIMIT :limit`,
    { replacements, type: QueryTypes.SELECT },
  );
}
