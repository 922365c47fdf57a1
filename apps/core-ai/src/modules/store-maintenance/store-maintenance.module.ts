import { Module } from '@nestjs/common';
import { StoreMaintenanceWorker } from './jobs/store-maintenance.worker';
import { MaintainVectorStore } from './usecases/maintain-vector-store/maintain-vector-store.usecase';

/** Background upkeep of the vector store (compaction, index refresh). */
@Module({
  providers: [MaintainVectorStore, StoreMaintenanceWorker],
  exports: [MaintainVectorStore],
})
export class StoreMaintenanceModule {}
