import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';

/**
 * Tells the ticket app that an agent took a conversation over, so it opens (or reuses) the
 * conversation's ticket, assigned to that agent. The conversation is already in human mode.
 */
@Injectable()
export class HandoffRequests {
  constructor(
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly requests: Queue<HandoffRequestJobData>,
  ) {}

  async agentTookOver(workspaceId: string, conversationId: string, agentId: string): Promise<void> {
    await this.requests.add(
      withTraceId({
        workspaceId,
        conversationId,
        reason: 'agent_takeover' as const,
        messageId: null,
        agentUserId: agentId,
        requestedAt: new Date().toISOString(),
      }),
    );
  }
}
