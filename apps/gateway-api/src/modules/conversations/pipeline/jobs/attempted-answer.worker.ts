import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { type AttemptedAnswerJobData, QueueNames } from '@cxgenie/contracts';
import {
  type Recovery,
  RecoverAttemptedAnswer,
} from '../usecases/recover-attempted-answer/recover-attempted-answer.usecase';

// Most jobs only find their attempt attached; the rest wait on core-ai.
const CONCURRENCY = 8;

/** Consumes `bot.attempted-answer`: attempts owed since a handoff decided first (ADR 0058). */
@Injectable()
export class AttemptedAnswerWorker extends QueueWorker<AttemptedAnswerJobData, Recovery> {
  constructor(
    @InjectQueue(QueueNames.AttemptedAnswers) queue: Queue<AttemptedAnswerJobData>,
    private readonly recover: RecoverAttemptedAnswer,
  ) {
    super(queue, CONCURRENCY);
  }

  protected handle({ data }: Job<AttemptedAnswerJobData>): Promise<Recovery> {
    return this.recover.execute(data);
  }
}
