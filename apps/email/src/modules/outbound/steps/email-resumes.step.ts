import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueueNames } from '@cxgenie/contracts';
import type { PendingDelivery } from '@cxgenie/conversations';
import type { EmailOutboundJob } from '../outbound-job';

/**
 * A message waiting for its next attempt holds its conversation: the attempt time is kept on the
 * message, so whichever worker picks the conversation up waits too, and one delayed job resumes
 * it (one per attempt, however many jobs arrive meanwhile).
 */
@Injectable()
export class EmailResumes {
  constructor(
    @InjectQueue(QueueNames.EmailOutbound) private readonly queue: Queue<EmailOutboundJob>,
  ) {}

  /** True when the oldest message waits for its next attempt: a resume job is then due for it. */
  async heldBack(job: EmailOutboundJob, message: PendingDelivery): Promise<boolean> {
    const next = message.delivery?.nextAttemptAt ? Date.parse(message.delivery.nextAttemptAt) : 0;
    const waitMs = next - Date.now();
    if (waitMs <= 0) return false;
    await this.resumeLater(job, message, waitMs);
    return true;
  }

  async resumeLater(job: EmailOutboundJob, message: PendingDelivery, delayMs: number) {
    const attempts = message.delivery?.attempts ?? 0;
    const { resumeAt: _previous, ...data } = job;
    await this.queue.add(
      { ...data, resumeAt: new Date(Date.now() + delayMs).toISOString() },
      { delay: delayMs, jobId: `email-resume:${message.id}:${attempts}` },
    );
  }
}
