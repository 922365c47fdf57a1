import { Injectable, Logger } from '@nestjs/common';
import { ConversationFenceStore } from '@cxgenie/conversations';
import { MetricsService } from '@cxgenie/observability';
import { AbuseLimits } from '../../../../core-modules/limits/abuse-limits';
import { type MessageContext, type MessageStep, NOT_HANDLED, type Outcome } from './message-step';

/**
 * The last gate before the LLM: each bot answer spends one of the workspace's answers for the day.
 * With none left the message is handled without a reply, as with a bot switched off: it stays in
 * the conversation for an agent. (The widget refuses such messages up front with a clear error; a
 * platform's webhook cannot be refused, so its messages end here.)
 */
@Injectable()
export class DailyBudgetStep implements MessageStep {
  private readonly logger = new Logger(DailyBudgetStep.name);

  constructor(
    private readonly limits: AbuseLimits,
    private readonly fence: ConversationFenceStore,
    private readonly metrics: MetricsService,
  ) {}

  async handle({ scope, conversationId, message }: MessageContext): Promise<Outcome | null> {
    if (await this.limits.spendDailyAnswer(scope.workspaceId)) return null;
    this.metrics.budgetRefusals.inc();
    this.logger.warn(
      `workspace ${scope.workspaceId} has spent its answers for today: message ${message.seq} of ${conversationId} waits for an agent`,
    );
    const status = await this.fence.advanceWithoutReply(scope, conversationId, message.seq);
    return status === null ? NOT_HANDLED : { handled: true, status };
  }
}
