import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueryTypes } from 'sequelize';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type BotNotEnoughDataEvent, QueueNames } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { LogContext } from '@cxgenie/observability';
import {
  HandOffConversation,
  type HandoffOutcome,
} from '../usecases/hand-off-conversation/hand-off-conversation.usecase';
import { HANDOFF_CONCURRENCY } from './handoff-request.worker';

/**
 * Consumes `bot.not-enough-data`. Under NO_REPLY the customer got nothing, so a human must take
 * over; under INPUT_ANSWER and AI_GENERATE the customer got a fallback or an unsure answer, and
 * the bot's `handoff_on_unknown` setting decides.
 */
@Injectable()
export class BotNotEnoughDataWorker implements OnModuleInit {
  private readonly logger = new Logger(BotNotEnoughDataWorker.name);

  constructor(
    @InjectQueue(QueueNames.BotNotEnoughData)
    private readonly queue: Queue<BotNotEnoughDataEvent>,
    private readonly handOff: HandOffConversation,
    private readonly tenants: TenantConnections,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(HANDOFF_CONCURRENCY, (job) => this.handle(job))
      .catch((error: Error) =>
        this.logger.warn(`not-enough-data worker stopped: ${error.message}`),
      );
  }

  private handle(job: Job<BotNotEnoughDataEvent>): Promise<HandoffOutcome | 'kept-with-bot'> {
    return this.logContext.runJob(job, async () => {
      const event = job.data;
      if (!(await this.handsOff(event))) return 'kept-with-bot';
      return this.handOff.execute({
        workspaceId: event.workspaceId,
        conversationId: event.conversationId,
        reason: 'bot_not_enough_data',
        messageId: event.messageId,
        question: event.question,
        attemptedAnswer: event.attemptedAnswer,
        policy: event.policy,
        sources: event.sources,
        requestedAt: event.occurredAt,
      });
    });
  }

  private async handsOff(event: BotNotEnoughDataEvent): Promise<boolean> {
    if (event.policy === 'NO_REPLY') return true;
    const scope = await this.tenants.scope(event.workspaceId);
    const [bot] = await scope.sequelize.query<{ handoff_on_unknown: boolean }>(
      'SELECT handoff_on_unknown FROM bots WHERE id = :botId AND workspace_id = :workspaceId',
      {
        replacements: { botId: event.botId, workspaceId: event.workspaceId },
        type: QueryTypes.SELECT,
      },
    );
    return bot?.handoff_on_unknown ?? false;
  }
}
