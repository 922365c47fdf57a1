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
import { TakeoverRequests } from '../../agent-actions/takeover-requests';
import type { TakeOverConversationCommand } from './take-over-conversation.command';

/**
 * An agent takes the conversation from the bot (or from another agent): human mode, assigned to
 * them. The pipeline reads the mode when it handles each message, so from the commit on the bot
 * stays silent, even for messages queued before, and an answer streaming right now stops.
 */
@Injectable()
export class TakeOverConversation {
  constructor(
    private readonly conversations: ConversationActionsStore,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly takeovers: TakeoverRequests,
  ) {}

  async execute(
    scope: TenantScope,
    command: TakeOverConversationCommand,
  ): Promise<ConversationStateView> {
    const state = await this.conversations.takeOver(scope, command.conversationId, command.agentId);
    if (changed(state)) {
      this.broadcaster.toAgents(
        scope.workspaceId,
        ServerEvents.ConversationUpdated,
        updatedPayload(state, 'taken_over', command.agentId),
      );
      await this.takeovers.agentTookOver(
        scope.workspaceId,
        command.conversationId,
        command.agentId,
      );
    }
    return presentState(state);
  }
}
