import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type InboundMessageJobData, QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { AnswerConversation } from '../usecases/answer-conversation/answer-conversation.usecase';

/** Jobs wait on I/O (core-ai, PostgreSQL), so one process runs many at once. */
export const INBOUND_CONCURRENCY = 64;

/**
 * Consumes `conversation.inbound`. A job does not answer "its" message: it drains its
 * conversation, which answers every waiting message in order, and does nothing when another
 * worker is already draining it. A job retried after a crash therefore finishes the dead
 * worker's work.
 */
@Injectable()
export class ConversationInboundWorker implements OnModuleInit {
  private readonly logger = new Logger(ConversationInboundWorker.name);

  constructor(
    @InjectQueue(QueueNames.ConversationInbound)
    private readonly queue: Queue<InboundMessageJobData>,
    private readonly answer: AnswerConversation,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(INBOUND_CONCURRENCY, (job) => this.handle(job))
      .catch((error: Error) => {
        this.logger.warn(`inbound worker stopped: ${error.message}`);
      });
  }

  private handle(job: Job<InboundMessageJobData>): Promise<number> {
    return this.logContext.runJob(job, () =>
      this.answer.drain(job.data.workspaceId, job.data.conversationId, job.data.seq),
    );
  }
}
