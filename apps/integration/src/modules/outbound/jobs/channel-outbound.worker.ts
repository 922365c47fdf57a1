import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { QueueNames } from '@cxgenie/contracts';
import type { OutboundJob } from '../outbound-job';
import { DeliverConversation } from '../usecases/deliver-conversation/deliver-conversation.usecase';

/** Sends wait on the platforms' APIs, so one process delivers many conversations at once. */
export const OUTBOUND_CONCURRENCY = 8;

/** Consumes `channel.outbound`: each job drains its conversation's queued messages, in order. */
@Injectable()
export class ChannelOutboundWorker extends QueueWorker<OutboundJob, number> {
  constructor(
    @InjectQueue(QueueNames.ChannelOutbound) queue: Queue<OutboundJob>,
    private readonly deliver: DeliverConversation,
  ) {
    super(queue, OUTBOUND_CONCURRENCY);
  }

  protected handle({ data }: Job<OutboundJob>): Promise<number> {
    return this.deliver.drain(data);
  }
}
