import { Injectable } from '@nestjs/common';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import { CSAT_MAX_RATING, CSAT_MIN_RATING, ServerEvents } from '@cxgenie/contracts';
import {
  ConversationActionsStore,
  type ConversationStateView,
  presentState,
  resolvedFact,
  updatedPayload,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { OutboundPublisher } from '../../agent-actions/outbound-publisher';
import { TicketAssignmentPublisher } from '../../../tickets/ticket-assignment.publisher';
import type { CloseConversationCommand } from './close-conversation.command';

/**
 * Closes the conversation and asks the customer for a rating on their channel: in the widget as
 * rating buttons (`csat.requested`), elsewhere as a message they answer with a digit. The closing,
 * the question and the solving of the active ticket commit together.
 */
@Injectable()
export class CloseConversation {
  constructor(
    private readonly conversations: ConversationActionsStore,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly publisher: OutboundPublisher,
    private readonly assignment: TicketAssignmentPublisher,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  async execute(
    scope: TenantScope,
    command: CloseConversationCommand,
  ): Promise<ConversationStateView> {
    const { workspaceId } = scope;
    const closed = await this.conversations.close(scope, command.conversationId, command.actorId);
    this.broadcaster.toAgents(
      workspaceId,
      ServerEvents.ConversationUpdated,
      updatedPayload(closed.state, 'closed', command.actorId),
    );
    await this.publisher.publish(workspaceId, closed.question);
    this.broadcaster.toCustomers(closed.state.id, ServerEvents.CsatRequested, {
      conversationId: closed.state.id,
      messageId: closed.question.message.id,
      question: closed.question.message.text,
      minRating: CSAT_MIN_RATING,
      maxRating: CSAT_MAX_RATING,
    });
    for (const solved of closed.solved) this.analytics.record(resolvedFact(solved));
    // The agent has room for a waiting ticket now.
    if (closed.solved.length > 0)
      await this.assignment.roomMadeIn(workspaceId, 'conversation.closed');
    return presentState(closed.state);
  }
}
