import type {
  ChannelType,
  ConversationChange,
  ConversationStatus,
  ConversationUpdatedPayload,
} from '@cxgenie/contracts';

/** A conversation's state after an action, with what it was before (same row lock, so exact). */
export interface ConversationStateRow {
  id: string;
  status: ConversationStatus;
  assignee_id: string | null;
  closed_at: Date | null;
  updated_at: Date;
  previous_status: ConversationStatus;
  previous_assignee_id: string | null;
  channel_type: ChannelType;
  channel_id: string;
  customer_id: string;
}

/** What the action endpoints answer with. */
export interface ConversationStateView {
  id: string;
  status: ConversationStatus;
  assigneeId: string | null;
  closedAt: string | null;
  updatedAt: string;
}

export const presentState = (row: ConversationStateRow): ConversationStateView => ({
  id: row.id,
  status: row.status,
  assigneeId: row.assignee_id,
  closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
  updatedAt: new Date(row.updated_at).toISOString(),
});

export const changed = (row: ConversationStateRow): boolean =>
  row.status !== row.previous_status || row.assignee_id !== row.previous_assignee_id;

export const updatedPayload = (
  row: ConversationStateRow,
  change: ConversationChange,
  actorId: string | null,
): ConversationUpdatedPayload => ({
  conversationId: row.id,
  change,
  status: row.status,
  assigneeId: row.assignee_id,
  closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
  actorId,
  at: new Date(row.updated_at).toISOString(),
});
