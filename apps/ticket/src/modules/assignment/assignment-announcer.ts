import { Injectable } from '@nestjs/common';
import { ServerEvents } from '@cxgenie/contracts';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { Assignment } from './assignment';

/** Tells the workspace's agents (and the old and new assignee by name) who holds a ticket now. */
@Injectable()
export class AssignmentAnnouncer {
  constructor(private readonly broadcaster: RealtimeBroadcaster) {}

  announce(assignments: Assignment[]): void {
    const occurredAt = new Date().toISOString();
    for (const assignment of assignments) {
      this.broadcaster.toAgents(
        assignment.workspaceId,
        ServerEvents.TicketAssigned,
        { ...assignment, occurredAt },
        [assignment.assigneeId, assignment.previousAssigneeId],
      );
    }
  }
}
