import { QueryTypes, type Transaction } from 'sequelize';
import type { ConversationStatus } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';

export interface LockedConversation {
  id: string;
  status: ConversationStatus;
  bot_id: string;
  customer_id: string;
  channel_id: string;
}

/** The conversation, locked until the caller's transaction ends: handoffs of one conversation queue up. */
export async function lockConversation(
  scope: TenantScope,
  conversationId: string,
  transaction: Transaction,
): Promise<LockedConversation | null> {
  const [row] = await scope.sequelize.query<LockedConversation>(
    `SELECT id, status, bot_id, customer_id, channel_id FROM conversations
      WHERE id = :conversationId AND workspace_id = :workspaceId FOR UPDATE`,
    {
      replacements: { conversationId, workspaceId: scope.workspaceId },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return row ?? null;
}

/** Moves the conversation to human mode; false when it already was. */
export async function moveToHumanMode(
  scope: TenantScope,
  conversationId: string,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await scope.sequelize.query(
    `UPDATE conversations SET status = 'human', updated_at = now()
      WHERE id = :conversationId AND workspace_id = :workspaceId AND status <> 'human'
      RETURNING id`,
    {
      replacements: { conversationId, workspaceId: scope.workspaceId },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return rows.length > 0;
}

/** The conversation's open or pending ticket, if it has one (at most one, by a unique index). */
export async function activeTicketOf(
  scope: TenantScope,
  conversationId: string,
  transaction: Transaction,
): Promise<string | null> {
  const [row] = await scope.sequelize.query<{ id: string }>(
    `SELECT id FROM tickets
      WHERE conversation_id = :conversationId AND workspace_id = :workspaceId
        AND status IN ('open', 'pending')`,
    {
      replacements: { conversationId, workspaceId: scope.workspaceId },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return row?.id ?? null;
}

/** Whether this very request was already applied to the ticket (a retried or duplicated job). */
export async function alreadyApplied(
  scope: TenantScope,
  ticketId: string,
  requestKey: string,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await scope.sequelize.query(
    `SELECT 1 FROM ticket_events
      WHERE ticket_id = :ticketId AND type = 'handoff.requested' AND data->>'requestKey' = :requestKey
      LIMIT 1`,
    { replacements: { ticketId, requestKey }, type: QueryTypes.SELECT, transaction },
  );
  return rows.length > 0;
}
