import { QueryTypes, type Transaction } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import { canTransition } from '../state/conversation-status';
import type { HandoffRequest, LockedConversation } from './handoff.types';

/**
 * The loop rule: why a handoff request must be dropped, or null to honour it.
 *
 * A trigger that came from a message (the bot not knowing, the customer asking, a failed
 * delivery) belongs to the stretch of the conversation it was written in. Once the conversation
 * went back to the bot after that message (handed back, its ticket solved or closed, or the
 * conversation closed), the trigger is stale: honouring it would drag a conversation the agents
 * had finished back to a human, and a closed conversation that was reopened would bounce
 * between bot and human on old events. A conversation the state machine does not hand off
 * (closed) takes no request at all, not even an agent's take-over that it was closed after: the
 * closing is the later decision. Otherwise an agent taking over is a decision made now, so it
 * always counts.
 */
export async function whyStale(
  scope: TenantScope,
  conversation: LockedConversation,
  request: HandoffRequest,
  transaction: Transaction,
): Promise<string | null> {
  if (!canTransition('hand_off', conversation.status)) return 'the conversation is closed';
  if (request.reason === 'agent_takeover' || !request.messageId) return null;
  const [row] = await scope.sequelize.query<{ fresh: boolean }>(
    `SELECT m.created_at > COALESCE(GREATEST(
              c.closed_at,
              (SELECT max(GREATEST(t.solved_at, t.closed_at)) FROM tickets t WHERE t.conversation_id = c.id),
              (SELECT max(e.created_at) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
                WHERE t.conversation_id = c.id AND e.type = 'conversation.handed_back')
            ), '-infinity') AS fresh
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE m.id = :messageId AND m.conversation_id = :conversationId AND m.workspace_id = :workspaceId`,
    {
      replacements: {
        messageId: request.messageId,
        conversationId: conversation.id,
        workspaceId: scope.workspaceId,
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  if (!row) return 'its message is not part of the conversation';
  return row.fresh ? null : 'the conversation went back to the bot after its message';
}
