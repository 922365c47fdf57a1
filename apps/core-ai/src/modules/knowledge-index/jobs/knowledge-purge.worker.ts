import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { type KnowledgePurgeJobData, QueueNames } from '@cxgenie/contracts';
import { PurgeBotKnowledge } from '../usecases/purge-bot-knowledge/purge-bot-knowledge.usecase';

/** One purge at a time: each deletes a whole bot's rows from the index. */
const CONCURRENCY = 1;

/** Consumes `knowledge.purge`: bots deleted in the dashboard. */
@Injectable()
export class KnowledgePurgeWorker extends QueueWorker<KnowledgePurgeJobData, void> {
  constructor(
    @InjectQueue(QueueNames.KnowledgePurge) queue: Queue<KnowledgePurgeJobData>,
    private readonly purge: PurgeBotKnowledge,
  ) {
    super(queue, CONCURRENCY);
  }

  protected async handle({ data }: Job<KnowledgePurgeJobData>): Promise<void> {
    await this.purge.execute(data);
    this.logger.log(`bot ${data.botId}: knowledge removed from the index`);
  }
}
