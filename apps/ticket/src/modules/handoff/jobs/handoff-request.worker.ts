import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import {
  HandOffConversation,
  type HandoffOutcome,
} from '../usecases/hand-off-conversation/hand-off-conversation.usecase';

/** Handoffs wait on PostgreSQL only; different conversations proceed in parallel. */
export const HANDOFF_CONCURRENCY = 8;

/** Consumes `handoff.requests`: customers asking for a human, takeovers, failed deliveries. */
@Injectable()
export class HandoffRequestWorker extends QueueWorker<HandoffRequestJobData, HandoffOutcome> {
  constructor(
    @InjectQueue(QueueNames.HandoffRequests) queue: Queue<HandoffRequestJobData>,
    private readonly handOff: HandOffConversation,
  ) {
    super(queue, HANDOFF_CONCURRENCY);
  }

  protected handle(job: Job<HandoffRequestJobData>): Promise<HandoffOutcome> {
    const { traceId: _trace, ...command } = job.data;
    return this.handOff.execute(command);
  }
}
