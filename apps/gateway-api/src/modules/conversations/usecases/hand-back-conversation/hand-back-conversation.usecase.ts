import { Injectable } from '@nestjs/common';
import { ServerEvents } from '@cxgenie/contracts';
import {
  ConversationActionsStore,
  type ConversationStateView,
  changed,
  presentState,
  updatedPayload,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { HandBackConversationCommand } from './hand-back-conversation.command';

/**
 * The agent is done; the bot answers again from the customer's next message on. Messages that
 * arrived while an agent had the conversation stay handled: the bot does not answer them late.
 * Handing back a conversation the bot already has changes nothing.
 */
@Injectable()
export class HandBackConversation {
  constructor(
    private readonly conversations: ConversationActionsStore,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  async execute(
    scope: TenantScope,
    command: HandBackConversationCommand,
  ): Promise<ConversationStateView> {
    const state = await this.conversations.handBack(scope, command.conversationId, command.actorId);
    if (changed(state))
      this.broadcaster.toAgents(
        scope.workspaceId,
        ServerEvents.ConversationUpdated,
        updatedPayload(state, 'handed_back', command.actorId),
      );
    return presentState(state);
  }
}
