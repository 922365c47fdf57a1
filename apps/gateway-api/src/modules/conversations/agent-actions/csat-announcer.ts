import { Injectable } from '@nestjs/common';
import { type CsatSubmittedPayload, ServerEvents } from '@cxgenie/contracts';
import type { SavedRating } from '@cxgenie/conversations';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import { RealtimeBroadcaster } from '@cxgenie/realtime';

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
  constructor(
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  /** `messageId`: the message the rating answers (the question) or came in (a digit reply). */
  async announce(
    workspaceId: string,
    conversationId: string,
    saved: SavedRating,
    messageId: string,
  ): Promise<CsatSubmittedPayload> {
    const payload = submittedPayload(conversationId, saved);
    this.broadcaster.toAgents(workspaceId, ServerEvents.CsatSubmitted, payload);
    // The rating itself is stored; analytics never fails the customer's rating.
    this.analytics.record({
      type: 'csat.submitted',
      id: saved.id,
      workspaceId,
      occurredAt: payload.at,
      conversationId,
      messageId,
      rating: saved.rating,
      agentId: saved.agent_id,
      botId: saved.bot_id,
      customerId: saved.customer_id,
      channelType: saved.channel_type,
    });
    return payload;
  }
}
