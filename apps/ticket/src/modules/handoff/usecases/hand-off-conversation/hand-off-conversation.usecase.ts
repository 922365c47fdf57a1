import { Injectable, Logger } from '@nestjs/common';
import { HandoffStore, type HandoffOutcome } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { AssignmentAnnouncer } from '../../../assignment/assignment-announcer';
import { SlaPolicies } from '../../../sla/sla-policies';
import { AnnounceHandoff } from '../../steps/announce-handoff.step';
import { AssignHandedOffTicket } from '../../steps/assign-handed-off-ticket.step';
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
    private readonly assign: AssignHandedOffTicket,
    private readonly announce: AnnounceHandoff,
    private readonly announcer: AssignmentAnnouncer,
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
    this.announce.recordFact(command, outcome);
    const assignments = await this.assign.execute(command, outcome.ticketId);
    const ticket = await this.announce.toAgents(scope, command, outcome);
    this.announcer.announce(assignments);
    this.logger.log(
      `conversation ${command.conversationId} handed off (${command.reason}), ticket ${outcome.ticketId}` +
        (ticket?.assigneeId ? ` assigned to ${ticket.assigneeId}` : ' waiting for an agent'),
    );
    return outcome;
  }
}
