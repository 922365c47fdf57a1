import { QueryTypes, type Transaction } from 'sequelize';
import {
  type ChannelType,
  HANDOFF_TRANSCRIPT_MESSAGES,
  type HandoffReason,
  type SenderType,
  type TicketContext,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import type { HandoffRequest, LockedConversation } from './handoff.types';

interface PartiesRow {
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  customer_locale: string | null;
  channel_type: ChannelType;
  channel_name: string;
  previous_ticket_id: string | null;
}

interface MessageRow {
  id: string;
  seq: number;
  sender_type: SenderType;
  text: string;
  created_at: Date;
}

const SUBJECT_CHARS = 120;

const FALLBACK_SUBJECTS: Record<HandoffReason, string> = {
  customer_request: 'Customer asked for a human',
  bot_not_enough_data: 'The bot could not answer',
  agent_takeover: 'Taken over by an agent',
  delivery_failed: 'A message could not be delivered',
  bot_paused: 'The bot is paused: new conversations go to agents',
};

/**
 * What the agent sees on taking over: who, where, what was asked, what the bot would have said
 * and from which sources, and the conversation so far, so the customer repeats nothing.
 */
export async function buildTicketContext(
  scope: TenantScope,
  conversation: LockedConversation,
  command: HandoffRequest,
  transaction: Transaction,
): Promise<TicketContext> {
  const replacements = {
    workspaceId: scope.workspaceId,
    conversationId: conversation.id,
    customerId: conversation.customer_id,
    channelId: conversation.channel_id,
  };
  const [parties] = await scope.sequelize.query<PartiesRow>(
    `SELECT cu.name AS customer_name, cu.email AS customer_email, cu.phone AS customer_phone,
            cu.locale AS customer_locale, ch.type AS channel_type, ch.name AS channel_name,
            (SELECT t.id FROM tickets t WHERE t.conversation_id = :conversationId
              ORDER BY t.created_at DESC LIMIT 1) AS previous_ticket_id
       FROM customers cu, channels ch
      WHERE cu.id = :customerId AND ch.id = :channelId`,
    { replacements, type: QueryTypes.SELECT, transaction },
  );
  const recent = await scope.sequelize.query<MessageRow>(
    `SELECT id, seq, sender_type, text, created_at FROM messages
      WHERE conversation_id = :conversationId AND workspace_id = :workspaceId
      ORDER BY seq DESC LIMIT ${HANDOFF_TRANSCRIPT_MESSAGES}`,
    { replacements, type: QueryTypes.SELECT, transaction },
  );
  const transcript = recent.reverse().map((m) => ({
    id: m.id,
    seq: m.seq,
    senderType: m.sender_type,
    text: m.text,
    createdAt: new Date(m.created_at).toISOString(),
  }));
  const trigger = command.messageId
    ? (transcript.find((m) => m.id === command.messageId) ??
      (await messageText(scope, command.messageId, transaction)))
    : null;
  return {
    reason: command.reason,
    conversationId: conversation.id,
    botId: conversation.bot_id,
    customer: {
      id: conversation.customer_id,
      name: parties?.customer_name ?? null,
      email: parties?.customer_email ?? null,
      phone: parties?.customer_phone ?? null,
      locale: parties?.customer_locale ?? null,
    },
    channel: {
      id: conversation.channel_id,
      type: parties?.channel_type ?? 'web',
      name: parties?.channel_name ?? '',
    },
    triggerMessageId: command.messageId,
    question:
      command.question ?? (trigger && trigger.senderType === 'customer' ? trigger.text : null),
    // A handoff decided before the attempt was written finds it on the message, if it came first.
    attemptedAnswer:
      command.attemptedAnswer ||
      (command.messageId ? await attachedAttempt(scope, command.messageId, transaction) : null) ||
      (command.attemptedAnswer ?? null),
    policy: command.policy ?? null,
    sources: command.sources ?? [],
    answerability: command.answerability ?? null,
    transcript,
    note: command.note ?? null,
    previousTicketId: parties?.previous_ticket_id ?? null,
    handedOffAt: new Date().toISOString(),
  };
}

export function ticketSubject(context: TicketContext): string {
  const question = context.question?.replace(/\s+/g, ' ').trim();
  if (!question) return FALLBACK_SUBJECTS[context.reason];
  return question.length <= SUBJECT_CHARS ? question : `${question.slice(0, SUBJECT_CHARS - 1)}…`;
}

async function messageText(
  scope: TenantScope,
  messageId: string,
  transaction: Transaction,
): Promise<{ senderType: SenderType; text: string } | null> {
  const [row] = await scope.sequelize.query<{ sender_type: SenderType; text: string }>(
    'SELECT sender_type, text FROM messages WHERE id = :messageId AND workspace_id = :workspaceId',
    {
      replacements: { messageId, workspaceId: scope.workspaceId },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return row ? { senderType: row.sender_type, text: row.text } : null;
}

/** The attempt `HandoffStore.attachAttemptedAnswer` kept on a customer message, if any. */
async function attachedAttempt(
  scope: TenantScope,
  messageId: string,
  transaction: Transaction,
): Promise<string | null> {
  const [row] = await scope.sequelize.query<{ attempt: string | null }>(
    `SELECT metadata->>'attemptedAnswer' AS attempt FROM messages
      WHERE id = :messageId AND workspace_id = :workspaceId`,
    {
      replacements: { messageId, workspaceId: scope.workspaceId },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return row?.attempt ?? null;
}
