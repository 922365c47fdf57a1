import { Module } from '@nestjs/common';
import { QueuesModule } from '@cxgenie/bootstrap';
import { QueueNames } from '@cxgenie/contracts';
import { KnowledgeIndexWorker } from './jobs/knowledge-index.worker';
import { IndexKnowledgeEntry } from './usecases/index-knowledge-entry/index-knowledge-entry.usecase';

/** Keeps the vector index in step with the FAQs and snippets edited in the dashboard. */
@Module({
  imports: [QueuesModule.register([QueueNames.KnowledgeIndex])],
  providers: [IndexKnowledgeEntry, KnowledgeIndexWorker],
  exports: [IndexKnowledgeEntry],
})
export class KnowledgeIndexModule {}
