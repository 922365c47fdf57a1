import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import { ConversationFenceStore } from '@cxgenie/conversations';
import { withTraceId } from '@cxgenie/observability';
import { matchesHandoffPhrase } from './handoff-phrase';
import {
  type MessageContext,
  type MessageStep,
  NOT_HANDLED,
  type Outcome,
  STATE_CHANGED,
} from './message-step';

/**
 * Before the AI: the customer asked for a human (a message containing one of the bot's handoff
 * phrases). The message is handled without a bot reply and the conversation goes to human mode in
 * the same statement, so the customer's messages queued behind it are not answered by the bot
 * either; the ticket app then opens the ticket and tells the agents.
 *
 * No automatic acknowledgement is sent to the customer: a bot has no setting for it (nor its
 * language) yet, and the agent's first reply, with the ticket's full context, is the answer.
 */
@Injectable()
export class HandoffPhraseStep implements MessageStep {
  constructor(
    private readonly fence: ConversationFenceStore,
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly requests: Queue<HandoffRequestJobData>,
  ) {}

  async handle({ scope, conversationId, message, bot }: MessageContext): Promise<Outcome | null> {
    if (!matchesHandoffPhrase(message.text, (await bot())?.handoffPhrases ?? [])) return null;
    if ((await this.fence.handOffAt(scope, conversationId, message.seq)) === null)
      return NOT_HANDLED;
    await this.requests.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId,
        reason: 'customer_request' as const,
        messageId: message.id,
        question: message.text,
        requestedAt: new Date().toISOString(),
      }),
      { jobId: `customer-request:${message.id}` },
    );
    return STATE_CHANGED;
  }
}
