import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { type BotNotEnoughDataEvent, QueueNames } from '@cxgenie/contracts';
import { HandOffOnUnknownAnswer } from '../usecases/hand-off-on-unknown-answer/hand-off-on-unknown-answer.usecase';
import type { HandoffOutcome } from '../usecases/hand-off-conversation/hand-off-conversation.usecase';
import { HANDOFF_CONCURRENCY } from './handoff-request.worker';

/** Consumes `bot.not-enough-data`: the bot could not answer from its knowledge. */
@Injectable()
export class BotNotEnoughDataWorker extends QueueWorker<
  BotNotEnoughDataEvent,
  HandoffOutcome | 'kept-with-bot'
> {
  constructor(
    @InjectQueue(QueueNames.BotNotEnoughData) queue: Queue<BotNotEnoughDataEvent>,
    private readonly handOff: HandOffOnUnknownAnswer,
  ) {
    super(queue, HANDOFF_CONCURRENCY);
  }

  protected handle(job: Job<BotNotEnoughDataEvent>): Promise<HandoffOutcome | 'kept-with-bot'> {
    return this.handOff.execute(job.data);
  }
}
