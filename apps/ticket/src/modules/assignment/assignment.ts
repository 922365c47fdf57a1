import type { AssignmentMode } from '@cxgenie/contracts';

/** One assignee change made by the ticket app, to announce once its transaction committed. */
export interface Assignment {
  workspaceId: string;
  ticketId: string;
  conversationId: string;
  assigneeId: string;
  previousAssigneeId: string | null;
  mode: AssignmentMode;
  actorId: string | null;
}
