import { sentimentLabel } from '@cxgenie/analytics';
import type {
  ChannelType,
  ConversationStatus,
  MessageDirection,
  MessageStatus,
  SenderType,
} from '@cxgenie/contracts';

/** One row of the inbox query: the conversation, its customer and channel, its last message. */
export interface InboxRow {
  id: string;
  status: ConversationStatus;
  bot_id: string;
  channel_id: string;
  channel_type: ChannelType;
  assignee_id: string | null;
  subject: string | null;
  last_message_seq: number;
  last_message_at: Date;
  cursor_at: string;
  created_at: Date;
  closed_at: Date | null;
  sentiment_score: number | null;
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_avatar_url: string | null;
  lm_id: string | null;
  lm_seq: number | null;
  lm_text: string | null;
  lm_sender_type: SenderType | null;
  lm_direction: MessageDirection | null;
  lm_status: MessageStatus | null;
  lm_created_at: Date | null;
}

export const presentInboxRow = (row: InboxRow) => ({
  id: row.id,
  status: row.status,
  botId: row.bot_id,
  channel: { id: row.channel_id, type: row.channel_type },
  assigneeId: row.assignee_id,
  subject: row.subject,
  lastMessageSeq: row.last_message_seq,
  // The inbox's order: the last message of a person (customer or agent); bot replies do not move it.
  lastMessageAt: row.last_message_at,
  createdAt: row.created_at,
  closedAt: row.closed_at,
  // The mean of the customer's messages judged so far; null until one is.
  sentiment:
    row.sentiment_score === null
      ? null
      : { score: row.sentiment_score, label: sentimentLabel(row.sentiment_score) },
  customer: {
    id: row.customer_id,
    name: row.customer_name,
    email: row.customer_email,
    avatarUrl: row.customer_avatar_url,
  },
  lastMessage: row.lm_id
    ? {
        id: row.lm_id,
        seq: row.lm_seq,
        text: row.lm_text,
        senderType: row.lm_sender_type,
        direction: row.lm_direction,
        status: row.lm_status,
        createdAt: row.lm_created_at,
      }
    : null,
});

export type ConversationSummary = ReturnType<typeof presentInboxRow>;
