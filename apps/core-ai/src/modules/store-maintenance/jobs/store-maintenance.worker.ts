import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type ScheduledJob, ScheduledJobs } from '@cxgenie/bootstrap';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { MaintainVectorStore } from '../usecases/maintain-vector-store/maintain-vector-store.usecase';

export const VECTOR_STORE_MAINTENANCE_JOB = 'vector-store-maintenance';

/** The vector store's upkeep, once per interval across every core-ai instance. */
@Injectable()
export class StoreMaintenanceWorker extends ScheduledJobs {
  constructor(
    @InjectQueue(QueueNames.VectorStoreMaintenance) queue: Queue,
    private readonly maintain: MaintainVectorStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    super(queue);
  }

  protected jobs(): Record<string, ScheduledJob> {
    return {
      [VECTOR_STORE_MAINTENANCE_JOB]: {
        everyMs: this.config.knowledge.storeMaintenanceIntervalMs,
        run: () => this.maintain.execute(),
      },
    };
  }
}
