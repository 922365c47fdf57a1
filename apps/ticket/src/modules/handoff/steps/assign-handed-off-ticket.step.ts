import { Injectable } from '@nestjs/common';
import type { Assignment } from '../../assignment/assignment';
import { AssignTicketTo } from '../../assignment/usecases/assign-ticket-to/assign-ticket-to.usecase';
import { AssignWaitingTickets } from '../../assignment/usecases/assign-waiting-tickets/assign-waiting-tickets.usecase';
import type { HandOffConversationCommand } from '../usecases/hand-off-conversation/hand-off-conversation.command';

/** A takeover goes to the agent who took over; anything else to whoever is online with room. */
@Injectable()
export class AssignHandedOffTicket {
  constructor(
    private readonly assignWaiting: AssignWaitingTickets,
    private readonly assignTo: AssignTicketTo,
  ) {}

  async execute(command: HandOffConversationCommand, ticketId: string): Promise<Assignment[]> {
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
