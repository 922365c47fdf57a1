import type { ConversationStatus, HandoffRequestJobData } from '@cxgenie/contracts';

/** A request to put a conversation in a human's hands (the job's data, without its trace). */
export type HandoffRequest = Omit<HandoffRequestJobData, 'traceId'>;

export interface LockedConversation {
  id: string;
  status: ConversationStatus;
  bot_id: string;
  customer_id: string;
  channel_id: string;
}

export type HandoffOutcome =
  | { kind: 'dropped'; why: string }
  | { kind: 'duplicate'; ticketId: string }
  | { kind: 'handed_off'; ticketId: string; opened: boolean };
