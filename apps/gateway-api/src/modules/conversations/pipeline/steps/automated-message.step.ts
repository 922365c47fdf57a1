import { Injectable } from '@nestjs/common';
import { ConversationFenceStore } from '@cxgenie/conversations';
import { type MessageContext, type MessageStep, NOT_HANDLED, type Outcome } from './message-step';

/**
 * A message a machine sent on the customer's behalf (an out-of-office reply) is never answered:
 * the bot answering an auto-responder that answers the bot is a mail loop. It stays in the
 * conversation for the agents, handled without a reply.
 */
@Injectable()
export class AutomatedMessageStep implements MessageStep {
  constructor(private readonly fence: ConversationFenceStore) {}

  async handle({ scope, conversationId, message }: MessageContext): Promise<Outcome | null> {
    if (!message.automated) return null;
    const status = await this.fence.advanceWithoutReply(scope, conversationId, message.seq);
    return status === null ? NOT_HANDLED : { handled: true, status };
  }
}
