import { Injectable } from '@nestjs/common';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import { type MessagePayload, ServerEvents } from '@cxgenie/contracts';
import {
  ConversationActionsStore,
  OutboundMessageStore,
  changed,
  firstResponseFact,
  updatedPayload,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { AgentFiles } from '../../agent-files/agent-files';
import { OutboundPublisher } from '../../agent-actions/outbound-publisher';
import { TakeoverRequests } from '../../agent-actions/takeover-requests';
import type { SendAgentMessageCommand } from './send-agent-message.command';

/**
 * An agent writes to the customer, on the customer's channel, in order with everything else.
 *
 * Replying takes the conversation over implicitly, in the same statement that persists the reply:
 * an agent who writes to a customer while the bot still has the conversation would otherwise have
 * the bot answer the customer's next message over them. It never takes the conversation from
 * another agent (a colleague may chime in). A closed conversation must be reopened first.
 * Files go only where the channel carries them (ATTACHMENT_CHANNELS); elsewhere the reply is
 * refused whole rather than sent without them.
 */
@Injectable()
export class SendAgentMessage {
  constructor(
    private readonly conversations: ConversationActionsStore,
    private readonly messages: OutboundMessageStore,
    private readonly publisher: OutboundPublisher,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly takeovers: TakeoverRequests,
    private readonly analytics: AnalyticsPublisher,
    private readonly files: AgentFiles,
  ) {}

  async execute(scope: TenantScope, command: SendAgentMessageCommand): Promise<MessagePayload> {
    const files = command.files ?? [];
    if (files.length) {
      this.files.check(files);
      await this.messages.assertCarriesFiles(scope, command.conversationId);
    }
    // Stored before the message exists, so the delivery never finds a file missing. The channel
    // is checked above because nothing would remove the bytes of a refused reply; a reply refused
    // by its state (closed meanwhile) leaves content-addressed bytes the same file sent again reuses.
    const attachments = await this.files.store(scope.workspaceId, files);
    const appended = await this.conversations.replyAsAgent(
      scope,
      command.conversationId,
      command.agentId,
      command.text,
      attachments,
    );
    await this.publisher.publish(scope.workspaceId, appended);
    const { message } = appended;
    this.analytics.record({
      type: 'message.sent',
      id: message.id,
      workspaceId: scope.workspaceId,
      occurredAt: message.createdAt,
      conversationId: message.conversationId,
      messageId: message.id,
      channelType: appended.channelType,
      agentId: command.agentId,
      chars: message.text.length,
    });
    if (appended.firstResponse)
      this.analytics.record(firstResponseFact(appended.firstResponse, command.agentId));
    if (changed(appended.state)) {
      this.broadcaster.toAgents(
        scope.workspaceId,
        ServerEvents.ConversationUpdated,
        updatedPayload(appended.state, 'taken_over', command.agentId),
      );
      // From the bot, or from the unassigned queue: the ticket follows the conversation.
      await this.takeovers.agentTookOver(
        scope.workspaceId,
        command.conversationId,
        command.agentId,
      );
    }
    return appended.message;
  }
}
