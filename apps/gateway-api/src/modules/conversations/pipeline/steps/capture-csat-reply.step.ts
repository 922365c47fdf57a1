import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { ServerEvents } from '@cxgenie/contracts';
import {
  ConversationFenceStore,
  CsatRatingsStore,
  parseCsatReply,
  updatedPayload,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { CsatAnnouncer } from '../../agent-actions/csat-announcer';
import { OutboundPublisher } from '../../agent-actions/outbound-publisher';
import {
  type MessageContext,
  type MessageStep,
  NOT_HANDLED,
  type Outcome,
  STATE_CHANGED,
} from './message-step';

/**
 * On a messaging platform the customer answers the rating question by typing a digit. The
 * platform path opens a new conversation for anything written after the closing, so the digit is
 * either in the closed conversation itself or the first message of a new one on the same channel;
 * either way it rates the closed conversation (within the window, once), the customer is thanked,
 * and the bot does not answer it. A conversation opened only by the rating is closed again, so it
 * never waits in an inbox. A retried job finds the thanks and does nothing twice.
 */
@Injectable()
export class CaptureCsatReplyStep implements MessageStep {
  constructor(
    private readonly ratings: CsatRatingsStore,
    private readonly fence: ConversationFenceStore,
    private readonly announcer: CsatAnnouncer,
    private readonly publisher: OutboundPublisher,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  async handle({ scope, conversationId, message }: MessageContext): Promise<Outcome | null> {
    const rating = parseCsatReply(message.text);
    if (rating === null) return null;
    const rated = await this.ratedConversation(scope, conversationId, message);
    if (!rated) return null;
    if (!(await this.alreadyThanked(scope, conversationId, message.id))) {
      const outcome = await this.ratings.rateByReply(scope, {
        conversationId,
        ratedConversationId: rated,
        rating,
        messageId: message.id,
      });
      if (!outcome) return null;
      await this.announcer.announce(scope.workspaceId, rated, outcome.saved, message.id);
      await this.publisher.publish(scope.workspaceId, outcome.thanks);
      if (outcome.reclosed)
        this.broadcaster.toAgents(
          scope.workspaceId,
          ServerEvents.ConversationUpdated,
          updatedPayload(outcome.reclosed, 'closed', null),
        );
    }
    const status = await this.fence.advanceWithoutReply(scope, conversationId, message.seq);
    return status === null ? NOT_HANDLED : STATE_CHANGED;
  }

  /** The closed conversation the digit may be rating, if any. */
  private async ratedConversation(
    scope: TenantScope,
    conversationId: string,
    { seq, state }: MessageContext['message'],
  ): Promise<string | null> {
    if (state.status === 'closed') return conversationId;
    if (seq !== 1) return null;
    const [previous] = await scope.sequelize.query<{ id: string }>(
      `SELECT id FROM conversations
        WHERE workspace_id = :workspaceId AND channel_id = :channelId AND customer_id = :customerId
          AND id <> :conversationId AND status = 'closed'
        ORDER BY closed_at DESC NULLS LAST LIMIT 1`,
      {
        replacements: {
          workspaceId: scope.workspaceId,
          channelId: state.channel_id,
          customerId: state.customer_id,
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
