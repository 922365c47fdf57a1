import { Injectable } from '@nestjs/common';
import { ServerEvents, channelTraits } from '@cxgenie/contracts';
import {
  ConversationActionsStore,
  type ConversationStateView,
  presentState,
  updatedPayload,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { ReopenConversationCommand } from './reopen-conversation.command';

/**
 * An agent reopens a closed conversation to carry on with the customer. It reopens in human mode,
 * assigned to them, never to the bot: a conversation closed after a handoff must not bounce back
 * to the bot that could not answer it (the agent can still hand it back explicitly).
 */
@Injectable()
export class ReopenConversation {
  constructor(
    private readonly conversations: ConversationActionsStore,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  async execute(
    scope: TenantScope,
    command: ReopenConversationCommand,
  ): Promise<ConversationStateView> {
    const state = await this.conversations.reopen(scope, command.conversationId, command.agentId);
    // Sockets the customer connected while it was closed joined no room of it (only open ones).
    if (channelTraits(state.channel_type).liveDelivery)
      this.broadcaster.joinVisitorToConversation(
        { channelId: state.channel_id, customerId: state.customer_id },
        state.id,
      );
    this.broadcaster.toAgents(
      scope.workspaceId,
      ServerEvents.ConversationUpdated,
      updatedPayload(state, 'reopened', command.agentId),
    );
    return presentState(state);
  }
}
