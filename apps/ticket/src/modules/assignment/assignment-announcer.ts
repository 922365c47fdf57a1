import { Injectable } from '@nestjs/common';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import { ServerEvents } from '@cxgenie/contracts';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { Assignment } from './assignment';

/**
 * Tells the workspace's agents (and the old and new assignee by name) who holds a ticket now, and
 * analytics (`ticket.assigned`).
 */
@Injectable()
export class AssignmentAnnouncer {
  constructor(
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  announce(assignments: Assignment[]): void {
    const occurredAt = new Date().toISOString();
    for (const assignment of assignments) {
      this.broadcaster.toAgents(
        assignment.workspaceId,
        ServerEvents.TicketAssigned,
        { ...assignment, occurredAt },
        [assignment.assigneeId, assignment.previousAssigneeId],
      );
      this.analytics.record({
        type: 'ticket.assigned',
        id: newFactId(),
        workspaceId: assignment.workspaceId,
        occurredAt,
        conversationId: assignment.conversationId,
        ticketId: assignment.ticketId,
        agentId: assignment.assigneeId,
        previousAgentId: assignment.previousAssigneeId,
        mode: assignment.mode,
      });
    }
  }
}
