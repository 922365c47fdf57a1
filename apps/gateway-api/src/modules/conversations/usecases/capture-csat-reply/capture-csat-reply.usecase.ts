import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import { ConversationStateEvents } from '../../actions/conversation-state.events';
import { updatedPayload } from '../../actions/conversation-state';
import { CSAT_THANKS, parseCsatReply } from '../../actions/csat';
import { CsatAnnouncer } from '../../actions/csat-announcer';
import { type SavedRating, saveRating } from '../../actions/csat-ratings';
import { OutboundMessages } from '../../actions/outbound-message';
import { transitionConversation } from '../../actions/transition-conversation';
import type { CaptureCsatReplyCommand } from './capture-csat-reply.command';

/**
 * On a messaging platform the customer answers the rating question by typing a digit. The
 * platform path opens a new conversation for anything written after the closing, so the digit is
 * either in the closed conversation itself or the first message of a new one on the same channel;
 * either way it rates the closed conversation (within the window, once), the customer is thanked,
 * and the bot does not answer it. A conversation opened only by the rating is closed again, so it
 * never waits in an inbox.
 *
 * Runs in the pipeline, under the conversation's lock. The rating, the thanks and that closing
 * commit together; a retried job finds the thanks and does nothing twice.
 */
@Injectable()
export class CaptureCsatReply {
  constructor(
    private readonly messages: OutboundMessages,
    private readonly announcer: CsatAnnouncer,
    private readonly events: ConversationStateEvents,
  ) {}

  /** True when the message was the rating (the pipeline then handles it without a reply). */
  async execute(scope: TenantScope, command: CaptureCsatReplyCommand): Promise<boolean> {
    const { conversationId, message } = command;
    const rating = parseCsatReply(message.text);
    if (rating === null) return false;
    const target = await this.ratedConversation(scope, command);
    if (!target) return false;
    if (await this.alreadyThanked(scope, conversationId, message.id)) return true;

    const outcome = await scope.sequelize.transaction(async (transaction) => {
      const row = await saveRating(
        scope,
        { conversationId: target, rating, comment: null },
        transaction,
      );
      if (!row?.id) return null;
      const thanks = await this.messages.persist(
        scope,
        {
          conversationId,
          senderType: 'system',
          senderId: null,
          text: CSAT_THANKS,
          metadata: { csat: { kind: 'thanks', replyTo: message.id } },
        },
        transaction,
      );
      const reclosed =
        target === conversationId
          ? null
          : await transitionConversation(scope, {
              conversationId,
              from: ['bot', 'human'],
              set: `status = 'closed', closed_at = now()`,
              transaction,
            });
      return { saved: row as SavedRating, thanks, reclosed };
    });
    if (!outcome) return false;

    await this.announcer.announce(scope.workspaceId, target, outcome.saved, message.id);
    if (outcome.thanks.kind === 'done')
      await this.messages.publish(scope.workspaceId, outcome.thanks);
    if (outcome.reclosed?.kind === 'done')
      this.events.conversationUpdated(
        scope.workspaceId,
        updatedPayload(outcome.reclosed.row, 'closed', null),
      );
    return true;
  }

  /** The closed conversation the digit may be rating, if any. */
  private async ratedConversation(
    scope: TenantScope,
    { conversationId, message, conversation }: CaptureCsatReplyCommand,
  ): Promise<string | null> {
    if (conversation.status === 'closed') return conversationId;
    if (message.seq !== 1) return null;
    const [previous] = await scope.sequelize.query<{ id: string }>(
      `SELECT id FROM conversations
        WHERE workspace_id = :workspaceId AND channel_id = :channelId AND customer_id = :customerId
          AND id <> :conversationId AND status = 'closed'
        ORDER BY closed_at DESC NULLS LAST LIMIT 1`,
      {
        replacements: {
          workspaceId: scope.workspaceId,
          channelId: conversation.channel_id,
          customerId: conversation.customer_id,
          conversationId,
        },
        type: QueryTypes.SELECT,
      },
    );
    return previous?.id ?? null;
  }

  private async alreadyThanked(
    scope: TenantScope,
    conversationId: string,
    messageId: string,
  ): Promise<boolean> {
    const rows = await scope.sequelize.query(
      `SELECT 1 FROM messages
        WHERE conversation_id = :conversationId AND workspace_id = :workspaceId AND sender_type = 'system'
          AND metadata -> 'csat' ->> 'replyTo' = :messageId
        LIMIT 1`,
      {
        replacements: { conversationId, workspaceId: scope.workspaceId, messageId },
        type: QueryTypes.SELECT,
      },
    );
    return rows.length > 0;
  }
}
