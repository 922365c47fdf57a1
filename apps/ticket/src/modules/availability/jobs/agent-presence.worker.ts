import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type AgentPresenceJobData, QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { RecomputeAvailability } from '../usecases/recompute-availability/recompute-availability.usecase';

/** Consumes `agent.presence`: a gateway saw an agent connect, leave, choose a status or act. */
@Injectable()
export class AgentPresenceWorker implements OnModuleInit {
  private readonly logger = new Logger(AgentPresenceWorker.name);

  constructor(
    @InjectQueue(QueueNames.AgentPresence) private readonly queue: Queue<AgentPresenceJobData>,
    private readonly recompute: RecomputeAvailability,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(8, (job) => this.handle(job))
      .catch((error: Error) => this.logger.warn(`presence worker stopped: ${error.message}`));
  }

  private handle(job: Job<AgentPresenceJobData>): Promise<string> {
    return this.logContext.runJob(job, async () => {
      const { workspaceId, userId, source } = job.data;
      const change = await this.recompute.execute({ workspaceId, userId, source });
      return change ? `${change.previous} -> ${change.availability}` : 'unchanged';
    });
  }
}
