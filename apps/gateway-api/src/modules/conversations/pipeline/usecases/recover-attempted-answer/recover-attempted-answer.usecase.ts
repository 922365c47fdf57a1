import { Injectable, Logger } from '@nestjs/common';
import type { AnswerRequest, AnswerStreamEvent, AttemptedAnswerJobData } from '@cxgenie/contracts';
import { HandoffStore } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { CoreAiClient } from '../../../../../core-modules/core-ai/core-ai.client';
import { AttachAttemptedAnswer } from '../attach-attempted-answer/attach-attempted-answer.usecase';

export type Recovery = 'attached-already' | 'question-gone' | 'written-again';

/**
 * Pays an attempted answer owed since a handoff decided first (ADR 0058): when the process that
 * handed off attached it (or the question is gone), there is nothing to do; when it died (or core-ai failed) before that,
 * core-ai is asked the same question again and its attempt is attached as the first would have
 * been. The customer sees nothing of it: the handoff was theirs long ago.
 */
@Injectable()
export class RecoverAttemptedAnswer {
  private readonly logger = new Logger(RecoverAttemptedAnswer.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly handoffs: HandoffStore,
    private readonly coreAi: CoreAiClient,
    private readonly attempts: AttachAttemptedAnswer,
  ) {}

  async execute(owed: AttemptedAnswerJobData): Promise<Recovery> {
    // After the live path's hold: an attempt still being written is not owed yet.
    return this.attempts.exclusively(owed.messageId, () => this.recover(owed));
  }

  private async recover(owed: AttemptedAnswerJobData): Promise<Recovery> {
    const scope = await this.tenants.scope(owed.workspaceId);
    const ids = { conversationId: owed.conversationId, messageId: owed.messageId };
    const state = await this.handoffs.attemptState(scope, ids);
    if (state === 'attached') return 'attached-already';
    // The conversation was deleted meanwhile: nobody is left to read an attempt.
    if (state === 'gone') return 'question-gone';
    this.logger.warn(`the attempted answer to message ${owed.messageId} was lost: asking again`);
    await this.attempts.attach(scope, owed.event, await this.attemptFor(owed.request));
    return 'written-again';
  }

  private attemptFor(request: AnswerRequest): Promise<string> {
    return attemptOfAnswerStream(this.coreAi.streamAnswerBatches(request));
  }
}

/**
 * What the bot would say, read from an answer stream: the attempt of a NO, or the answer itself if
 * core-ai now says YES. Not answered, the deltas are what the customer would get (the fallback),
 * never the attempt.
 */
export async function attemptOfAnswerStream(
  batches: AsyncIterable<AnswerStreamEvent[]>,
): Promise<string> {
  let text = '';
  for await (const events of batches) {
    for (const event of events) {
      if (event.type === 'error') throw new Error(`core-ai failed: ${event.message}`);
      if (event.type === 'delta') text += event.text;
      if (event.type === 'done')
        return event.haveEnoughInformation ? text : (event.attemptedAnswer ?? '');
    }
  }
  throw new Error('core-ai ended the answer stream without a done event');
}
