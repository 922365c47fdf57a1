import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { QueueNames } from '@cxgenie/contracts';
import type { ReceiveOutcome } from '../../intake/usecases/receive-email/receive-email.command';
import type { SpooledMailJob } from '../spooled-mail-job';
import { ReceiveSpooledMail } from '../usecases/receive-spooled-mail/receive-spooled-mail.usecase';

/** Reading a mail waits mostly on PostgreSQL and storage: a few at once keep both busy. */
export const EMAIL_INBOUND_CONCURRENCY = 4;

/** Consumes `email.inbound`: each job is one spooled mail, read, threaded and handed on. */
@Injectable()
export class EmailInboundWorker extends QueueWorker<SpooledMailJob, ReceiveOutcome | null> {
  constructor(
    @InjectQueue(QueueNames.EmailInbound) queue: Queue<SpooledMailJob>,
    private readonly receive: ReceiveSpooledMail,
  ) {
    super(queue, EMAIL_INBOUND_CONCURRENCY);
  }

  protected handle({ data }: Job<SpooledMailJob>): Promise<ReceiveOutcome | null> {
    return this.receive.execute(data);
  }
}
