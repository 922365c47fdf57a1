import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ConversationStateConflictException } from '../../actions/conversation-action.exceptions';
import { ConversationStateEvents } from '../../actions/conversation-state.events';
import {
  type ConversationStateView,
  changed,
  presentState,
  updatedPayload,
} from '../../actions/conversation-state';
import { HandoffRequests } from '../../actions/handoff-requests';
import { ConversationLock } from '../../ordering/conversation-lock';
import { transitionConversation } from '../../actions/transition-conversation';
import type { TakeOverConversationCommand } from './take-over-conversation.command';

/**
 * An agent takes the conversation from the bot (or from another agent): human mode, assigned to
 * them. The pipeline reads the mode when it handles each message, so from the commit on the bot
 * stays silent, even for messages queued before.
 */
@Injectable()
export class TakeOverConversation {
  constructor(
    private readonly events: ConversationStateEvents,
    private readonly handoffs: HandoffRequests,
    private readonly locks: ConversationLock,
  ) {}

  async execute(
    scope: TenantScope,
    command: TakeOverConversationCommand,
  ): Promise<ConversationStateView> {
    const result = await transitionConversation(scope, {
      conversationId: command.conversationId,
      from: ['bot', 'human'],
      set: `status = 'human', assignee_id = :agentId`,
      replacements: { agentId: command.agentId },
    });
    if (result.kind === 'missing') throw new ResourceNotFoundException('Conversation');
    if (result.kind === 'conflict')
      throw new ConversationStateConflictException('take it over', result.status);
    if (changed(result.row)) {
      this.events.conversationUpdated(
        scope.workspaceId,
        updatedPayload(result.row, 'taken_over', command.agentId),
      );
      // An answer the bot is streaming right now stops: the agent has the conversation.
      await this.locks.preempt(command.conversationId);
      await this.handoffs.agentTookOver(scope.workspaceId, command.conversationId, command.agentId);
    }
    return presentState(result.row);
  }
}
