import { Module } from '@nestjs/common';
import { KnowledgeIndexModule } from '../knowledge-index/knowledge-index.module';
import { BotKnowledgeReader } from './bot-knowledge.reader';
import { IndexReconciliationController } from './index-reconciliation.controller';
import { IndexStatusStore } from './index-status.store';
import { ReconcileOnStart } from './jobs/reconcile-on-start';
import { ReconcileAllIndexes } from './usecases/reconcile-all-indexes/reconcile-all-indexes.usecase';
import { ReconcileBotIndex } from './usecases/reconcile-bot-index/reconcile-bot-index.usecase';

/** Finds where the vector store and PostgreSQL disagree about a bot's knowledge, and repairs it. */
@Module({
  imports: [KnowledgeIndexModule],
  controllers: [IndexReconciliationController],
  providers: [
    BotKnowledgeReader,
    IndexStatusStore,
    ReconcileBotIndex,
    ReconcileAllIndexes,
    ReconcileOnStart,
  ],
})
export class IndexReconciliationModule {}
