import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import type { PendingMessage } from '../steps/message-step';

/** Why the pipeline (rather than an agent or the bot's answer) sends a conversation to a human. */
export type PipelineHandoffReason = 'customer_request' | 'bot_paused';

/**
 * Asks the ticket app to open (or reuse) the conversation's ticket and tell the agents, once the
 * conversation is in human mode. One job per message and reason, so a retried step asks once.
 */
@Injectable()
export class HandoffRequests {
  constructor(
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly requests: Queue<HandoffRequestJobData>,
  ) {}

  async request(
    workspaceId: string,
    conversationId: string,
    message: Pick<PendingMessage, 'id' | 'text'>,
    reason: PipelineHandoffReason,
  ): Promise<void> {
    await this.requests.add(
      withTraceId({
        workspaceId,
        conversationId,
        reason,
        messageId: message.id,
        question: message.text,
        requestedAt: new Date().toISOString(),
      }),
      {
        jobId: `${reason === 'customer_request' ? 'customer-request' : 'bot-paused'}:${message.id}`,
      },
    );
  }
}
