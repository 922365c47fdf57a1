import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  type AnalyticsEventJobData,
  type CsatSubmittedPayload,
  QueueNames,
} from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import { ConversationStateEvents } from './conversation-state.events';
import type { SavedRating } from './csat-ratings';

export const submittedPayload = (
  conversationId: string,
  saved: SavedRating,
): CsatSubmittedPayload => ({
  conversationId,
  rating: saved.rating,
  comment: saved.comment,
  agentId: saved.agent_id,
  botId: saved.bot_id,
  at: new Date(saved.created_at).toISOString(),
});

/** A saved rating, to the agents live and to analytics (`csat.submitted`). */
@Injectable()
export class CsatAnnouncer {
  private readonly logger = new Logger(CsatAnnouncer.name);

  constructor(
    private readonly events: ConversationStateEvents,
    @InjectQueue(QueueNames.AnalyticsEvents)
    private readonly analytics: Queue<AnalyticsEventJobData>,
  ) {}

  /** `messageId`: the message the rating answers (the question) or came in (a digit reply). */
  async announce(
    workspaceId: string,
    conversationId: string,
    saved: SavedRating,
    messageId: string,
  ): Promise<CsatSubmittedPayload> {
    const payload = submittedPayload(conversationId, saved);
    this.events.csatSubmitted(workspaceId, payload);
    await this.analytics
      .add(
        withTraceId({
          type: 'csat.submitted',
          workspaceId,
          occurredAt: payload.at,
          conversationId,
          messageId,
          data: {
            ratingId: saved.id,
            rating: saved.rating,
            agentId: saved.agent_id,
            botId: saved.bot_id,
            customerId: saved.customer_id,
            channelType: saved.channel_type,
          },
        }),
      )
      // The rating itself is stored; a lost analytics event must not fail the customer's rating.
      .catch((error: Error) => this.logger.warn(`analytics event dropped: ${error.message}`));
    return payload;
  }
}
