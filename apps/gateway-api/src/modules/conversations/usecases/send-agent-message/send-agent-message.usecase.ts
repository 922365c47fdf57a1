import { Injectable } from '@nestjs/common';
import type { MessagePayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ConversationStateConflictException } from '../../actions/conversation-action.exceptions';
import { ConversationStateEvents } from '../../actions/conversation-state.events';
import { changed, updatedPayload } from '../../actions/conversation-state';
import { HandoffRequests } from '../../actions/handoff-requests';
import { ConversationLock } from '../../ordering/conversation-lock';
import { OutboundMessages } from '../../actions/outbound-message';
import { recordFirstResponse } from '../../actions/ticket-facts';
import type { SendAgentMessageCommand } from './send-agent-message.command';

/**
 * An agent writes to the customer, on the customer's channel, in order with everything else.
 *
 * Replying takes the conversation over implicitly, in the same statement that persists the reply:
 * an agent who writes to a customer while the bot still has the conversation would otherwise have
 * the bot answer the customer's next message over them. It never takes the conversation from
 * another agent (a colleague may chime in). A closed conversation must be reopened first.
 * The first agent reply on an active ticket is that ticket's first response (SLA).
 */
@Injectable()
export class SendAgentMessage {
  constructor(
    private readonly messages: OutboundMessages,
    private readonly events: ConversationStateEvents,
    private readonly handoffs: HandoffRequests,
    private readonly locks: ConversationLock,
  ) {}

  async execute(scope: TenantScope, command: SendAgentMessageCommand): Promise<MessagePayload> {
    const result = await scope.sequelize.transaction(async (transaction) => {
      const appended = await this.messages.persist(
        scope,
        {
          conversationId: command.conversationId,
          senderType: 'agent',
          senderId: command.agentId,
          text: command.text,
          claimFor: command.agentId,
        },
        transaction,
      );
      if (appended.kind === 'done')
        await recordFirstResponse(
          scope,
          command.conversationId,
          command.agentId,
          appended.message.id,
          transaction,
        );
      return appended;
    });
    if (result.kind === 'missing') throw new ResourceNotFoundException('Conversation');
    if (result.kind === 'conflict')
      throw new ConversationStateConflictException('reply', result.status);
    await this.messages.publish(scope.workspaceId, result);
    if (changed(result.state)) {
      this.events.conversationUpdated(
        scope.workspaceId,
        updatedPayload(result.state, 'taken_over', command.agentId),
      );
      // From the bot, or from the unassigned queue: the ticket follows the conversation.
      // An answer the bot is streaming right now stops: the agent has the conversation.
      await this.locks.preempt(command.conversationId);
      await this.handoffs.agentTookOver(scope.workspaceId, command.conversationId, command.agentId);
    }
    return result.message;
  }
}
