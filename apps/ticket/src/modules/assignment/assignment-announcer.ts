import { Injectable } from '@nestjs/common';
import { ServerEvents, type TicketAssignedEvent } from '@cxgenie/contracts';
import { AgentEvents } from '../../core-modules/agent-events/agent-events';
import type { Assignment } from './assignment';

/** Tells the workspace's agents (and the old and new assignee by name) who holds a ticket now. */
@Injectable()
export class AssignmentAnnouncer {
  constructor(private readonly events: AgentEvents) {}

  announce(assignments: Assignment[]): void {
    const occurredAt = new Date().toISOString();
    for (const assignment of assignments) {
      const event: TicketAssignedEvent = { ...assignment, occurredAt };
      this.events.toWorkspace(assignment.workspaceId, ServerEvents.TicketAssigned, event, [
        assignment.assigneeId,
        assignment.previousAssigneeId,
      ]);
    }
  }
}
