import { Injectable } from '@nestjs/common';
import type { Attachment } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CSAT_REQUEST_METADATA, csatQuestion } from '../csat/csat-texts';
import { type AppendedMessage, OutboundMessageStore } from '../messages/outbound-message.store';
import { type ConversationStateRow, changed } from '../state/conversation-state';
import { applyTransition } from '../state/transition';
import {
  recordFirstResponse,
  recordHandBack,
  solveTicketOfClosedConversation,
} from '../tickets/conversation-ticket-facts';
import type { TicketMilestone } from '../tickets/ticket-milestone';

export interface ClosedConversation {
  state: ConversationStateRow;
  /** The rating question, persisted with the closing. */
  question: AppendedMessage;
  /** Tickets solved by the closing (none or one). */
  solved: TicketMilestone[];
}

export interface AgentReply extends AppendedMessage {
  /** The reply was its ticket's first response. */
  firstResponse: TicketMilestone | null;
}

/**
 * What agents (and the API) do to a conversation, each one named operation and one transaction
 * (see CONVERSATION_TRANSITIONS for which states each applies to). Every operation returns the
 * conversation's state before and after, so the caller announces only what really changed.
 */
@Injectable()
export class ConversationActionsStore {
  constructor(private readonly messages: OutboundMessageStore) {}

  /** Human mode, assigned to the agent: from the bot, or from another agent. */
  takeOver(
    scope: TenantScope,
    conversationId: string,
    agentId: string,
  ): Promise<ConversationStateRow> {
    return applyTransition(scope, {
      conversationId,
      transition: 'take_over',
      set: 'assignee_id = :agentId',
      replacements: { agentId },
    });
  }

  /**
   * Back to the bot, unassigned; the latest ticket records the moment, so an older handoff
   * request cannot pull the conversation back to a human. Handing back what the bot has is a no-op.
   */
  handBack(
    scope: TenantScope,
    conversationId: string,
    actorId: string | null,
  ): Promise<ConversationStateRow> {
    return scope.sequelize.transaction(async (transaction) => {
      const state = await applyTransition(scope, {
        conversationId,
        transition: 'hand_back',
        set: 'assignee_id = NULL',
        transaction,
      });
      if (changed(state)) await recordHandBack(scope, conversationId, actorId, transaction);
      return state;
    });
  }

  /**
   * Closed, with the rating question asked on the customer's channel, and the active ticket
   * solved: all or nothing, so a closed conversation always has its question.
   */
  close(
    scope: TenantScope,
    conversationId: string,
    actorId: string | null,
  ): Promise<ClosedConversation> {
    return scope.sequelize.transaction(async (transaction) => {
      const state = await applyTransition(scope, {
        conversationId,
        transition: 'close',
        set: 'closed_at = now()',
        transaction,
      });
      const question = await this.messages.append(
        scope,
        {
          conversationId,
          senderType: 'system',
          senderId: null,
          text: csatQuestion(state.channel_type),
          metadata: CSAT_REQUEST_METADATA,
        },
        transaction,
      );
      const solved = await solveTicketOfClosedConversation(
        scope,
        conversationId,
        actorId,
        transaction,
      );
      return { state, question, solved };
    });
  }

  /** Reopened in human mode, assigned to the agent who reopens it. */
  reopen(
    scope: TenantScope,
    conversationId: string,
    agentId: string,
  ): Promise<ConversationStateRow> {
    return applyTransition(scope, {
      conversationId,
      transition: 'reopen',
      set: 'assignee_id = :agentId, closed_at = NULL',
      replacements: { agentId },
    });
  }

  /**
   * An agent writes to the customer, claiming the conversation in the same statement (human mode,
   * assigned to them if nobody is; never taken from a colleague). The first agent reply on an
   * active ticket is that ticket's first response.
   */
  replyAsAgent(
    scope: TenantScope,
    conversationId: string,
    agentId: string,
    text: string,
    attachments: Attachment[] = [],
  ): Promise<AgentReply> {
    return scope.sequelize.transaction(async (transaction) => {
      const appended = await this.messages.append(
        scope,
        {
          conversationId,
          senderType: 'agent',
          senderId: agentId,
          text,
          attachments,
          claimFor: agentId,
        },
        transaction,
      );
      const firstResponse = await recordFirstResponse(
        scope,
        conversationId,
        agentId,
        appended.message.id,
        transaction,
      );
      return { ...appended, firstResponse };
    });
  }
}
