import { Injectable } from '@nestjs/common';
import { ConversationFenceStore } from '@cxgenie/conversations';
import { type MessageContext, type MessageStep, NOT_HANDLED, type Outcome } from './message-step';

/**
 * The bot answers only a conversation in bot mode whose bot is switched on; any other message is
 * handled without a reply (an agent has it, or it waits for one).
 */
@Injectable()
export class BotOffStep implements MessageStep {
  constructor(private readonly fence: ConversationFenceStore) {}

  async handle({ scope, conversationId, message, bot }: MessageContext): Promise<Outcome | null> {
    if (message.state.status === 'bot' && (await bot())?.isActive) return null;
    const status = await this.fence.advanceWithoutReply(scope, conversationId, message.seq);
    return status === null ? NOT_HANDLED : { handled: true, status };
  }
}
