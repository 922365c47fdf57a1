import { Injectable, Logger } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import {
  type HandoffCreatedEvent,
  type HandoffReason,
  ServerEvents,
  type TicketContext,
} from '@cxgenie/contracts';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import { AgentEvents } from '../../../../core-modules/agent-events/agent-events';
import {
  type TicketEventRecord,
  recordTicketEvents,
} from '../../../../core-modules/tickets/ticket-events';
import { TicketReader } from '../../../../core-modules/tickets/ticket-reader';
import type { Assignment } from '../../../assignment/assignment';
import { AssignmentAnnouncer } from '../../../assignment/assignment-announcer';
import { AssignTicketTo } from '../../../assignment/usecases/assign-ticket-to/assign-ticket-to.usecase';
import { AssignWaitingTickets } from '../../../assignment/usecases/assign-waiting-tickets/assign-waiting-tickets.usecase';
import { type SlaPolicy, SlaPolicies } from '../../../sla/sla-policies';
import { buildTicketContext, ticketSubject } from '../../handoff-context';
import {
  type LockedConversation,
  activeTicketOf,
  alreadyApplied,
  lockConversation,
  moveToHumanMode,
} from '../../handoff-conversation';
import { whyStale } from '../../handoff-fence';
import type { HandOffConversationCommand } from './hand-off-conversation.command';

export type HandoffOutcome =
  | { kind: 'dropped'; why: string }
  | { kind: 'duplicate'; ticketId: string }
  | { kind: 'handed_off'; ticketId: string; opened: boolean };

const ACTOR_TYPES: Record<HandoffReason, TicketEventRecord['actorType']> = {
  customer_request: 'customer',
  bot_not_enough_data: 'bot',
  agent_takeover: 'agent',
  delivery_failed: 'system',
  bot_paused: 'system',
};

/**
 * Puts a conversation in a human's hands: human mode (the pipeline re-reads it before every
 * message, so the bot goes silent), the conversation's open ticket, or a new one carrying the
 * full context, a history row for every change, an assignee when someone online has room, and
 * the agents told at once. All database changes are one transaction under the conversation's
 * row lock, so concurrent or repeated requests for one conversation end with one ticket.
 */
@Injectable()
export class HandOffConversation {
  private readonly logger = new Logger(HandOffConversation.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly policies: SlaPolicies,
    private readonly assignWaiting: AssignWaitingTickets,
    private readonly assignTo: AssignTicketTo,
    private readonly announcer: AssignmentAnnouncer,
    private readonly reader: TicketReader,
    private readonly events: AgentEvents,
  ) {}

  async execute(command: HandOffConversationCommand): Promise<HandoffOutcome> {
    const scope = await this.tenants.scope(command.workspaceId);
    const sla = await this.policies.of(command.workspaceId, 'normal');
    const outcome = await scope.sequelize.transaction((transaction) =>
      this.handOff(scope, command, sla, transaction),
    );
    if (outcome.kind !== 'handed_off') {
      this.logger.log(
        `${command.reason} for conversation ${command.conversationId} not applied: ${
          outcome.kind === 'dropped' ? outcome.why : 'already applied'
        }`,
      );
      return outcome;
    }
    const assignments = await this.assign(command, outcome.ticketId);
    const ticket = await this.reader.byId(scope, outcome.ticketId);
    if (ticket) {
      const event: HandoffCreatedEvent = {
        workspaceId: command.workspaceId,
        reason: command.reason,
        ticket,
        ticketOpened: outcome.opened,
        occurredAt: new Date().toISOString(),
      };
      this.events.toWorkspace(command.workspaceId, ServerEvents.HandoffCreated, event, [
        ticket.assigneeId,
      ]);
    }
    this.announcer.announce(assignments);
    this.logger.log(
      `conversation ${command.conversationId} handed off (${command.reason}), ticket ${outcome.ticketId}` +
        (ticket?.assigneeId ? ` assigned to ${ticket.assigneeId}` : ' waiting for an agent'),
    );
    return outcome;
  }

  private async handOff(
    scope: TenantScope,
    command: HandOffConversationCommand,
    sla: SlaPolicy,
    transaction: Transaction,
  ): Promise<HandoffOutcome> {
    const conversation = await lockConversation(scope, command.conversationId, transaction);
    if (!conversation) return { kind: 'dropped', why: 'no such conversation' };
    const stale = await whyStale(scope, conversation, command, transaction);
    if (stale) return { kind: 'dropped', why: stale };

    const requestKey = `${command.reason}:${command.messageId ?? command.requestedAt}`;
    const existing = await activeTicketOf(scope, conversation.id, transaction);
    if (existing && (await alreadyApplied(scope, existing, requestKey, transaction)))
      return { kind: 'duplicate', ticketId: existing };

    const previousStatus = conversation.status;
    const becameHuman = await moveToHumanMode(scope, conversation.id, transaction);
    const actor = {
      workspaceId: scope.workspaceId,
      actorType: ACTOR_TYPES[command.reason],
      actorId: this.actorId(command, conversation),
    };
    const context = await buildTicketContext(scope, conversation, command, transaction);
    const ticketId = existing ?? (await this.openTicket(scope, context, sla, transaction));
    const history: TicketEventRecord[] = [];
    if (!existing)
      history.push({ ...actor, ticketId, type: 'ticket.opened', data: { reason: command.reason } });
    history.push({
      ...actor,
      ticketId,
      type: 'handoff.requested',
      data: {
        requestKey,
        reason: command.reason,
        messageId: command.messageId,
        question: context.question,
        note: context.note,
      },
    });
    if (becameHuman)
      history.push({
        ...actor,
        ticketId,
        type: 'conversation.human',
        data: { from: previousStatus },
      });
    await recordTicketEvents(scope.sequelize, history, transaction);
    return { kind: 'handed_off', ticketId, opened: !existing };
  }

  private async openTicket(
    scope: TenantScope,
    context: TicketContext,
    sla: SlaPolicy,
    transaction: Transaction,
  ): Promise<string> {
    const [row] = await scope.sequelize.query<{ id: string }>(
      `INSERT INTO tickets (workspace_id, conversation_id, subject, status, priority, context,
                            first_response_due_at, resolution_due_at, created_at, updated_at)
       VALUES (:workspaceId, :conversationId, :subject, 'open', 'normal', CAST(:context AS jsonb),
               now() + make_interval(secs => :firstResponseSeconds),
               now() + make_interval(secs => :resolutionSeconds), now(), now())
       RETURNING id`,
      {
        replacements: {
          workspaceId: scope.workspaceId,
          conversationId: context.conversationId,
          subject: ticketSubject(context),
          context: JSON.stringify(context),
          firstResponseSeconds: sla.firstResponseSeconds,
          resolutionSeconds: sla.resolutionSeconds,
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row!.id;
  }

  private actorId(
    command: HandOffConversationCommand,
    conversation: LockedConversation,
  ): string | null {
    switch (command.reason) {
      case 'customer_request':
        return conversation.customer_id;
      case 'bot_not_enough_data':
        return conversation.bot_id;
      case 'agent_takeover':
        return command.agentUserId ?? null;
      default:
        return null;
    }
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
