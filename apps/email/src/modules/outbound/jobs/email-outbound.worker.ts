import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { QueueNames } from '@cxgenie/contracts';
import type { EmailOutboundJob } from '../outbound-job';
import { DeliverEmails } from '../usecases/deliver-emails/deliver-emails.usecase';

/** Sends wait on mail servers, so one process delivers many conversations at once. */
export const EMAIL_OUTBOUND_CONCURRENCY = 8;

/** Consumes `email.outbound`: each job sends its conversation's queued messages, in order. */
@Injectable()
export class EmailOutboundWorker extends QueueWorker<EmailOutboundJob, number> {
  constructor(
    @InjectQueue(QueueNames.EmailOutbound) queue: Queue<EmailOutboundJob>,
    private readonly deliver: DeliverEmails,
  ) {
    super(queue, EMAIL_OUTBOUND_CONCURRENCY);
  }

  protected handle({ data }: Job<EmailOutboundJob>): Promise<number> {
    return this.deliver.drain(data);
  }
}
