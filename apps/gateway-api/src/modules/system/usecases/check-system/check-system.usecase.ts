import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  type HealthReport,
  type HeartbeatJobData,
  type HeartbeatJobResult,
  SERVICE_NAMES,
  type ServiceCheck,
  type ServiceName,
  type SystemCheckReport,
} from '@cxgenie/contracts';
import { currentTraceId, tracedFetch, withTimeout, withTraceId } from '@cxgenie/observability';
import { HEARTBEAT_QUEUES, type HeartbeatQueues } from '../../heartbeat-queues.provider';

const HTTP_TIMEOUT_MS = 3_000;
const QUEUE_TIMEOUT_MS = 5_000;

@Injectable()
export class CheckSystem {
  private readonly logger = new Logger(CheckSystem.name);

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(HEARTBEAT_QUEUES) private readonly heartbeatQueues: HeartbeatQueues,
  ) {}

  async execute(): Promise<SystemCheckReport> {
    const services = await Promise.all(SERVICE_NAMES.map((service) => this.checkService(service)));
    const healthy = services.every((s) => s.http.ready && (s.queue === null || s.queue.consumed));
    this.logger.log(`system check: ${healthy ? 'healthy' : 'degraded'}`);
    return { traceId: currentTraceId() ?? '', healthy, services };
  }

  private async checkService(service: ServiceName): Promise<ServiceCheck> {
    const queue = this.heartbeatQueues.get(service);
    const [http, queueCheck] = await Promise.all([
      this.checkHttp(service),
      queue ? this.checkQueue(queue) : Promise.resolve(null),
    ]);
    return { service, http, queue: queueCheck };
  }

  private async checkHttp(service: ServiceName): Promise<ServiceCheck['http']> {
    const started = Date.now();
    try {
      const res = await tracedFetch(`${this.config.serviceUrls[service]}/health/ready`, {
        timeoutMs: HTTP_TIMEOUT_MS,
      });
      const report = (await res.json().catch(() => null)) as HealthReport | null;
      return {
        ready: res.ok,
        statusCode: res.status,
        latencyMs: Date.now() - started,
        failing: Object.keys(report?.error ?? {}),
      };
    } catch {
      return {
        ready: false,
        statusCode: null,
        latencyMs: Date.now() - started,
        failing: ['unreachable'],
      };
    }
  }

  private async checkQueue(
    queue: Queue<HeartbeatJobData>,
  ): Promise<NonNullable<ServiceCheck['queue']>> {
    const started = Date.now();
    let job: Awaited<ReturnType<typeof queue.add>> | undefined;
    try {
      job = await withTimeout(
        queue.add(withTraceId({ requestedBy: this.config.service, sentAt: started })),
        QUEUE_TIMEOUT_MS,
        'enqueue',
      );
      const result = (await withTimeout(
        job.finished(),
        QUEUE_TIMEOUT_MS,
        'heartbeat',
      )) as HeartbeatJobResult;
      return { consumed: result.traceId === job.data.traceId, latencyMs: Date.now() - started };
    } catch (error) {
      // An unconsumed heartbeat must not wait in the queue to confuse the next check.
      await job?.remove().catch(() => undefined);
      return {
        consumed: false,
        latencyMs: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
