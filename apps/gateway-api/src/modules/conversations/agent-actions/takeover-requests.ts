import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import { RedisLocks } from '@cxgenie/redis';
import { withTraceId } from '@cxgenie/observability';
import { conversationLockKey } from '../pipeline/ordering/conversation-keys';

/**
 * After an agent took a conversation (explicitly, or by replying): an answer the bot is streaming
 * right now stops (its lock is preempted, so its next ownership check fails), and the ticket app
 * opens (or reuses) the conversation's ticket, assigned to that agent.
 */
@Injectable()
export class TakeoverRequests {
  constructor(
    private readonly locks: RedisLocks,
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly requests: Queue<HandoffRequestJobData>,
  ) {}

  async agentTookOver(workspaceId: string, conversationId: string, agentId: string): Promise<void> {
    await this.locks.preempt(conversationLockKey(conversationId));
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
