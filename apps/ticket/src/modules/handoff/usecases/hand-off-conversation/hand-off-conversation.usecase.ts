import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import { ServerEvents } from '@cxgenie/contracts';
import { HandoffStore, type HandoffOutcome, TicketReader } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { Assignment } from '../../../assignment/assignment';
import { AssignmentAnnouncer } from '../../../assignment/assignment-announcer';
import { AssignTicketTo } from '../../../assignment/usecases/assign-ticket-to/assign-ticket-to.usecase';
import { AssignWaitingTickets } from '../../../assignment/usecases/assign-waiting-tickets/assign-waiting-tickets.usecase';
import { SlaPolicies } from '../../../sla/sla-policies';
import type { HandOffConversationCommand } from './hand-off-conversation.command';

export type { HandoffOutcome };

/**
 * Puts a conversation in a human's hands: the conversation owner moves it to human mode and opens
 * (or reuses) its ticket with the full context, in one transaction; then the ticket goes to the
 * agent who took over, or to whoever is online with room, and the agents are told at once.
 */
@Injectable()
export class HandOffConversation {
  private readonly logger = new Logger(HandOffConversation.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly handoffs: HandoffStore,
    private readonly policies: SlaPolicies,
    private readonly assignWaiting: AssignWaitingTickets,
    private readonly assignTo: AssignTicketTo,
    private readonly announcer: AssignmentAnnouncer,
    private readonly tickets: TicketReader,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  async execute(command: HandOffConversationCommand): Promise<HandoffOutcome> {
    const scope = await this.tenants.scope(command.workspaceId);
    const targets = await this.policies.of(command.workspaceId, 'normal');
    const outcome = await this.handoffs.handOff(scope, command, targets);
    if (outcome.kind !== 'handed_off') {
      this.logger.log(
        `${command.reason} for conversation ${command.conversationId} not applied: ${
          outcome.kind === 'dropped' ? outcome.why : 'already applied'
        }`,
      );
      return outcome;
    }
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
    const assignments = await this.assign(command, outcome.ticketId);
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
    this.announcer.announce(assignments);
    this.logger.log(
      `conversation ${command.conversationId} handed off (${command.reason}), ticket ${outcome.ticketId}` +
        (ticket?.assigneeId ? ` assigned to ${ticket.assigneeId}` : ' waiting for an agent'),
    );
    return outcome;
  }

  /** A takeover goes to the agent who took over; anything else to whoever is online with room. */
  private async assign(
    command: HandOffConversationCommand,
    ticketId: string,
  ): Promise<Assignment[]> {
    if (command.reason === 'agent_takeover' && command.agentUserId) {
      const assignment = await this.assignTo.execute(
        command.workspaceId,
        ticketId,
        command.agentUserId,
        'takeover',
      );
      return assignment ? [assignment] : [];
    }
    return this.assignWaiting.execute(command.workspaceId);
  }
}
