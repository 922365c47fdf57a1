import { Injectable, Logger } from '@nestjs/common';
import {
  ConversationFenceStore,
  DeadLetterStore,
  FAILURES_BEFORE_DEAD_LETTER,
  RepeatedFailures,
} from '@cxgenie/conversations';
import { isDataError } from '@cxgenie/database';
import { type MessageContext, NOT_HANDLED, type Outcome } from '../steps/message-step';

/**
 * A message the database refuses for what it holds fails the same way on every retry and holds up
 * everything after it: after a few tries it is set aside as a dead letter, with the reason, and
 * the conversation moves on without a reply to it. Any other failure is the caller's to retry.
 */
@Injectable()
export class SetAsidePoisonMessage {
  private readonly logger = new Logger(SetAsidePoisonMessage.name);

  constructor(
    private readonly failures: RepeatedFailures,
    private readonly fence: ConversationFenceStore,
    private readonly deadLetters: DeadLetterStore,
  ) {}

  /** The outcome once set aside; rethrows `error` while it may still succeed on a retry. */
  async afterFailure(
    { scope, conversationId, message }: MessageContext,
    error: unknown,
  ): Promise<Outcome> {
    if (!isDataError(error)) throw error;
    const work = `pipeline:${conversationId}:${message.seq}`;
    const attempts = await this.failures.count(work);
    if (attempts < FAILURES_BEFORE_DEAD_LETTER) throw error;
    const status = await this.fence.advanceWithoutReply(scope, conversationId, message.seq);
    if (status === null) return NOT_HANDLED;
    await this.deadLetters.setAside(scope, {
      source: 'conversation_pipeline',
      channelId: message.state.channel_id,
      conversationId,
      reason: (error as Error).message,
      attempts,
      payload: { messageId: message.id, seq: message.seq, text: message.text },
    });
    await this.failures.forget(work);
    this.logger.error(
      `set aside message ${message.seq} of ${conversationId} after ${attempts} failures: ${(error as Error).message}`,
    );
    return { handled: true, status };
  }
}
