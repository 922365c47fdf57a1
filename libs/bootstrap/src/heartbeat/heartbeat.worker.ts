import { Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import type { HeartbeatJobData, HeartbeatJobResult, ServiceName } from '@cxgenie/contracts';
import { type LogContext, currentTraceId } from '@cxgenie/observability';
import { workerStopReason } from '../queues/worker-stop-reason';

/** Answers gateway-api's system check: proof that this service's queue workers consume. */
export class HeartbeatWorker implements OnModuleInit {
  private readonly logger = new Logger('Heartbeat');

  constructor(
    private readonly service: ServiceName,
    private readonly queue: Queue<HeartbeatJobData>,
    private readonly logContext: LogContext,
    private readonly enabled = true,
  ) {}

  onModuleInit(): void {
    if (!this.enabled) return;
    void this.queue
      .process((job) => this.handle(job))
      .catch((error: unknown) => {
        this.logger.warn(`heartbeat worker stopped: ${workerStopReason(error)}`);
      });
  }

  private handle(job: Job<HeartbeatJobData>): Promise<HeartbeatJobResult> {
    return this.logContext.runJob(job, async () => {
      this.logger.log(`heartbeat from ${job.data.requestedBy} consumed`);
      return { service: this.service, traceId: currentTraceId() ?? '', processedAt: Date.now() };
    });
  }
}
