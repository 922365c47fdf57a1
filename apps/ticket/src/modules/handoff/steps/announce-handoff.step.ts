import { Injectable } from '@nestjs/common';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import { ServerEvents, type TicketPayload } from '@cxgenie/contracts';
import { type HandoffOutcome, TicketReader } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { HandOffConversationCommand } from '../usecases/hand-off-conversation/hand-off-conversation.command';

type HandedOff = Extract<HandoffOutcome, { kind: 'handed_off' }>;

/** What a handoff tells the rest of the platform: the analytics fact, and the agents. */
@Injectable()
export class AnnounceHandoff {
  constructor(
    private readonly tickets: TicketReader,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  /** `handoff.requested`, as soon as the conversation is in human mode. */
  recordFact(command: HandOffConversationCommand, outcome: HandedOff): void {
    this.analytics.record({
      type: 'handoff.requested',
      id: newFactId(),
      workspaceId: command.workspaceId,
      occurredAt: new Date().toISOString(),
      conversationId: command.conversationId,
      ticketId: outcome.ticketId,
      reason: command.reason,
      ticketOpened: outcome.opened,
    });
  }

  /**
   * `handoff.created` with the ticket as it stands after assignment, to every agent of the
   * workspace and the assignee's own room. Returns the ticket (null if it vanished meanwhile).
   */
  async toAgents(
    scope: TenantScope,
    command: HandOffConversationCommand,
    outcome: HandedOff,
  ): Promise<TicketPayload | null> {
    const ticket = await this.tickets.byId(scope, outcome.ticketId);
    if (ticket) {
      this.broadcaster.toAgents(
        command.workspaceId,
        ServerEvents.HandoffCreated,
        {
          workspaceId: command.workspaceId,
          reason: command.reason,
          ticket,
          ticketOpened: outcome.opened,
          occurredAt: new Date().toISOString(),
        },
        [ticket.assigneeId],
      );
    }
    return ticket;
  }
}
