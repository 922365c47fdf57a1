import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueueNames } from '@cxgenie/contracts';
import { OutboundHold } from '../outbound-hold';
import type { OutboundJob } from '../outbound-job';

/** A resume job that arrives this close to the end of its delay waits it out instead of requeueing. */
const HOLD_SLACK_MS = 250;

/**
 * A conversation the platform asked to wait: held for the retry delay, with one delayed job to
 * resume it when the delay ends (one per delay, however many jobs arrive meanwhile).
 */
@Injectable()
export class OutboundResumes {
  constructor(
    private readonly hold: OutboundHold,
    @InjectQueue(QueueNames.ChannelOutbound) private readonly queue: Queue<OutboundJob>,
  ) {}

  /**
   * True when the conversation waits out a retry delay: the job then makes sure the conversation
   * resumes when the delay ends.
   */
  async waitingOutDelay(job: OutboundJob): Promise<boolean> {
    const hold = await this.hold.current(job.conversationId);
    if (!hold) return false;
    if (job.resume?.holdToken === hold.token && hold.remainingMs <= HOLD_SLACK_MS) {
      await new Promise((resolve) => setTimeout(resolve, hold.remainingMs));
      return false;
    }
    const round = job.resume?.holdToken === hold.token ? job.resume.round + 1 : 0;
    await this.scheduleResume(job, hold.token, hold.remainingMs, round);
    return true;
  }

  /** Holds the whole conversation for `delayMs`, and resumes it then. */
  async holdFor(job: OutboundJob, delayMs: number): Promise<void> {
    const holdToken = await this.hold.place(job.conversationId, delayMs);
    await this.scheduleResume(job, holdToken, delayMs);
  }

  private async scheduleResume(job: OutboundJob, holdToken: string, delayMs: number, round = 0) {
    const { resume: _previous, ...data } = job;
    await this.queue.add(
      { ...data, resume: { holdToken, round } },
      { delay: delayMs, jobId: `outbound-resume:${job.conversationId}:${holdToken}:${round}` },
    );
  }
}
