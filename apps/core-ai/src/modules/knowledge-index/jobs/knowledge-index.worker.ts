import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { type KnowledgeIndexJobData, QueueNames } from '@cxgenie/contracts';
import { IndexKnowledgeEntry } from '../usecases/index-knowledge-entry/index-knowledge-entry.usecase';

/** Embedding is CPU work for the local provider and network work for OpenAI: a few at once. */
const CONCURRENCY = 4;

/** Consumes `knowledge.index`: FAQ and snippet edits made in the dashboard. */
@Injectable()
export class KnowledgeIndexWorker extends QueueWorker<KnowledgeIndexJobData, number> {
  constructor(
    @InjectQueue(QueueNames.KnowledgeIndex) queue: Queue<KnowledgeIndexJobData>,
    private readonly indexEntry: IndexKnowledgeEntry,
  ) {
    super(queue, CONCURRENCY);
  }

  protected async handle({ data }: Job<KnowledgeIndexJobData>): Promise<number> {
    const chunks = await this.indexEntry.execute(data);
    this.logger.log(`${data.sourceType} ${data.entryId}: ${chunks} chunk(s) indexed`);
    return chunks;
  }
}
