import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type InboundMessageJobData, QueueNames } from '@cxgenie/contracts';
import { InboundFairness } from '@cxgenie/conversations';
import { DrainConversation } from '../usecases/drain-conversation/drain-conversation.usecase';

/**
 * Consumes `conversation.inbound`. A job does not answer "its" message: it drains its
 * conversation, which answers every waiting message in order, and does nothing when another
 * worker is already draining it. A job retried after a crash therefore finishes the dead
 * worker's work.
 */
@Injectable()
export class ConversationInboundWorker extends QueueWorker<InboundMessageJobData, number> {
  constructor(
    @InjectQueue(QueueNames.ConversationInbound) queue: Queue<InboundMessageJobData>,
    private readonly drain: DrainConversation,
    private readonly fairness: InboundFairness,
    // Jobs wait on I/O (core-ai's stream, PostgreSQL), so one process runs many at once.
    @Inject(SERVICE_CONFIG) config: Pick<ServiceConfig, 'inboundConcurrency'>,
  ) {
    super(queue, config.inboundConcurrency);
  }

  protected handle({ data, opts }: Job<InboundMessageJobData>): Promise<number> {
    this.fairness.started(opts.priority);
    return this.drain.execute(data.workspaceId, data.conversationId, data.seq);
  }
}
