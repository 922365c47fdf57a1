import type { TicketPriority, TicketStatus } from '@cxgenie/contracts';

export interface ListTicketsCommand {
  status?: TicketStatus;
  priority?: TicketPriority;
  assignee?: string;
  unassigned?: boolean;
  tag?: string;
  conversationId?: string;
  limit: number;
  cursor?: string;
}
