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
import { recordHandBack } from '../../actions/ticket-facts';
import { transitionConversation } from '../../actions/transition-conversation';
import type { HandBackConversationCommand } from './hand-back-conversation.command';

/**
 * The agent is done; the bot answers again from the customer's next message on. Messages that
 * arrived while an agent had the conversation stay handled: the bot does not answer them late.
 * Handing back a conversation the bot already has changes nothing. The conversation's ticket
 * records the moment, so an older handoff request cannot pull it back to a human.
 */
@Injectable()
export class HandBackConversation {
  constructor(private readonly events: ConversationStateEvents) {}

  async execute(
    scope: TenantScope,
    command: HandBackConversationCommand,
  ): Promise<ConversationStateView> {
    const result = await scope.sequelize.transaction(async (transaction) => {
      const handedBack = await transitionConversation(scope, {
        conversationId: command.conversationId,
        from: ['bot', 'human'],
        set: `status = 'bot', assignee_id = NULL`,
        transaction,
      });
      if (handedBack.kind === 'done' && changed(handedBack.row))
        await recordHandBack(scope, command.conversationId, command.actorId, transaction);
      return handedBack;
    });
    if (result.kind === 'missing') throw new ResourceNotFoundException('Conversation');
    if (result.kind === 'conflict')
      throw new ConversationStateConflictException('hand it back to the bot', result.status);
    if (changed(result.row))
      this.events.conversationUpdated(
        scope.workspaceId,
        updatedPayload(result.row, 'handed_back', command.actorId),
      );
    return presentState(result.row);
  }
}
