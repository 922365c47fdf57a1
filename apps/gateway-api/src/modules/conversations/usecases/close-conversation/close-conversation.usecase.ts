import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  CSAT_MAX_RATING,
  CSAT_MIN_RATING,
  QueueNames,
  type TicketAssignmentJobData,
} from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ConversationStateConflictException } from '../../actions/conversation-action.exceptions';
import { ConversationStateEvents } from '../../actions/conversation-state.events';
import {
  type ConversationStateView,
  presentState,
  updatedPayload,
} from '../../actions/conversation-state';
import { CSAT_REQUEST_METADATA, csatQuestion } from '../../actions/csat';
import { type AppendResult, OutboundMessages } from '../../actions/outbound-message';
import { solveTicketOfClosedConversation } from '../../actions/ticket-facts';
import {
  type TransitionResult,
  transitionConversation,
} from '../../actions/transition-conversation';
import type { CloseConversationCommand } from './close-conversation.command';

type Closed = Extract<TransitionResult, { kind: 'done' }>;
type Asked = Extract<AppendResult, { kind: 'done' }>;

/**
 * Closes the conversation and asks the customer for a rating on their channel: in the widget as
 * rating buttons (`csat.requested`), elsewhere as a message they answer with a digit. The closing
 * and the question commit together, so a closed conversation always has its question.
 */
@Injectable()
export class CloseConversation {
  private readonly logger = new Logger(CloseConversation.name);

  constructor(
    private readonly messages: OutboundMessages,
    private readonly events: ConversationStateEvents,
    @InjectQueue(QueueNames.TicketAssignment)
    private readonly assignment: Queue<TicketAssignmentJobData>,
  ) {}

  async execute(
    scope: TenantScope,
    command: CloseConversationCommand,
  ): Promise<ConversationStateView> {
    const outcome = await scope.sequelize.transaction(async (transaction) => {
      const closed = await transitionConversation(scope, {
        conversationId: command.conversationId,
        from: ['bot', 'human'],
        set: `status = 'closed', closed_at = now()`,
        transaction,
      });
      if (closed.kind !== 'done') return closed;
      const asked = await this.messages.persist(
        scope,
        {
          conversationId: command.conversationId,
          senderType: 'system',
          senderId: null,
          text: csatQuestion(closed.row.channel_type),
          metadata: CSAT_REQUEST_METADATA,
        },
        transaction,
      );
      if (asked.kind !== 'done') throw new Error('the closed conversation vanished');
      const solved = await solveTicketOfClosedConversation(
        scope,
        command.conversationId,
        command.actorId,
        transaction,
      );
      return { kind: 'closed' as const, closed, asked, solved };
    });
    if (outcome.kind === 'missing') throw new ResourceNotFoundException('Conversation');
    if (outcome.kind === 'conflict')
      throw new ConversationStateConflictException(
        'close it',
        outcome.status,
        'The conversation is already closed',
      );
    await this.announce(scope.workspaceId, outcome.closed, outcome.asked, command.actorId);
    if (outcome.solved > 0) {
      // The agent has room for a waiting ticket now; a lost nudge only delays assignment.
      await this.assignment
        .add(withTraceId({ workspaceId: scope.workspaceId, cause: 'conversation.closed' }))
        .catch((error: Error) => this.logger.warn(`assignment nudge lost: ${error.message}`));
    }
    return presentState(outcome.closed.row);
  }

  private async announce(
    workspaceId: string,
    closed: Closed,
    asked: Asked,
    actorId: string | null,
  ): Promise<void> {
    this.events.conversationUpdated(workspaceId, updatedPayload(closed.row, 'closed', actorId));
    await this.messages.publish(workspaceId, asked);
    this.events.csatRequested({
      conversationId: closed.row.id,
      messageId: asked.message.id,
      question: asked.message.text,
      minRating: CSAT_MIN_RATING,
      maxRating: CSAT_MAX_RATING,
    });
  }
}
