import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import type { OutboxJob } from '@cxgenie/conversations';
import { withTraceId } from '@cxgenie/observability';
import type { PendingMessage } from '../steps/message-step';

/** Why the pipeline (rather than an agent or the bot's answer) sends a conversation to a human. */
export type PipelineHandoffReason = 'customer_request' | 'bot_paused';

/**
 * The ticket app's request to open (or reuse) the conversation's ticket and tell the agents, as
 * an outbox job committed with the move to human mode. One per message and reason, so a retried
 * step asks once.
 */
export function handoffRequestJob(
  workspaceId: string,
  conversationId: string,
  message: Pick<PendingMessage, 'id' | 'text'>,
  reason: PipelineHandoffReason,
): OutboxJob {
  const payload: HandoffRequestJobData = withTraceId({
    workspaceId,
    conversationId,
    reason,
    messageId: message.id,
    question: message.text,
    requestedAt: new Date().toISOString(),
  });
  return {
    queue: QueueNames.HandoffRequests,
    jobId: `${reason === 'customer_request' ? 'customer-request' : 'bot-paused'}:${message.id}`,
    payload,
  };
}
