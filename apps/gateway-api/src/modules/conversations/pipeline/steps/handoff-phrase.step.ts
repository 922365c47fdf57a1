import { Injectable } from '@nestjs/common';
import { ConversationFenceStore } from '@cxgenie/conversations';
import { handoffRequestJob } from '../handoff/handoff-requests';
import { OutboxPublisher } from '../outbox/outbox-publisher';
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
    private readonly outbox: OutboxPublisher,
  ) {}

  async handle({ scope, conversationId, message, bot }: MessageContext): Promise<Outcome | null> {
    if (!matchesHandoffPhrase(message.text, (await bot())?.handoffPhrases ?? [])) return null;
    const request = handoffRequestJob(
      scope.workspaceId,
      conversationId,
      message,
      'customer_request',
    );
    if ((await this.fence.handOffAt(scope, conversationId, message.seq, [request])) === null)
      return NOT_HANDLED;
    await this.outbox.publish(scope, [request]);
    return STATE_CHANGED;
  }
}
