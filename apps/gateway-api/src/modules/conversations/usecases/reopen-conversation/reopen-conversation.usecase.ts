import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ConversationStateConflictException } from '../../actions/conversation-action.exceptions';
import { ConversationStateEvents } from '../../actions/conversation-state.events';
import {
  type ConversationStateView,
  presentState,
  updatedPayload,
} from '../../actions/conversation-state';
import { transitionConversation } from '../../actions/transition-conversation';
import type { ReopenConversationCommand } from './reopen-conversation.command';

/**
 * An agent reopens a closed conversation to carry on with the customer. It reopens in human mode,
 * assigned to them, never to the bot: a conversation closed after a handoff must not bounce back
 * to the bot that could not answer it (the agent can still hand it back explicitly).
 */
@Injectable()
export class ReopenConversation {
  constructor(private readonly events: ConversationStateEvents) {}

  async execute(
    scope: TenantScope,
    command: ReopenConversationCommand,
  ): Promise<ConversationStateView> {
    const result = await transitionConversation(scope, {
      conversationId: command.conversationId,
      from: ['closed'],
      set: `status = 'human', assignee_id = :agentId, closed_at = NULL`,
      replacements: { agentId: command.agentId },
    });
    if (result.kind === 'missing') throw new ResourceNotFoundException('Conversation');
    if (result.kind === 'conflict')
      throw new ConversationStateConflictException('reopened', result.status);
    this.events.conversationUpdated(
      scope.workspaceId,
      updatedPayload(result.row, 'reopened', command.agentId),
    );
    return presentState(result.row);
  }
}
