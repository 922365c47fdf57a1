import { Module } from '@nestjs/common';
import { QueuesModule } from '@cxgenie/bootstrap';
import { QueueNames } from '@cxgenie/contracts';
import { KnowledgeIndexWorker } from './jobs/knowledge-index.worker';
import { KnowledgePurgeWorker } from './jobs/knowledge-purge.worker';
import { IndexKnowledgeEntry } from './usecases/index-knowledge-entry/index-knowledge-entry.usecase';
import { PurgeBotKnowledge } from './usecases/purge-bot-knowledge/purge-bot-knowledge.usecase';

/**
 * Keeps the vector index in step with the dashboard: FAQs and snippets as they are edited, and
 * a deleted bot's knowledge removed.
 */
@Module({
  imports: [QueuesModule.register([QueueNames.KnowledgeIndex, QueueNames.KnowledgePurge])],
  providers: [IndexKnowledgeEntry, KnowledgeIndexWorker, PurgeBotKnowledge, KnowledgePurgeWorker],
  exports: [IndexKnowledgeEntry, PurgeBotKnowledge],
})
export class KnowledgeIndexModule {}
