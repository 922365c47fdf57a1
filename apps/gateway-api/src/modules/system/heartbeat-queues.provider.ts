import { getQueueToken } from '@nestjs/bull';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  type HeartbeatJobData,
  type ServiceName,
  WORKER_SERVICES,
  heartbeatQueueName,
} from '@cxgenie/contracts';

export const HEARTBEAT_QUEUES = Symbol('HEARTBEAT_QUEUES');
export type HeartbeatQueues = ReadonlyMap<ServiceName, Queue<HeartbeatJobData>>;

/** The producer side of every worker service's heartbeat queue, keyed by service. */
export const heartbeatQueuesProvider: Provider = {
  provide: HEARTBEAT_QUEUES,
  useFactory: (...queues: Queue<HeartbeatJobData>[]): HeartbeatQueues =>
    new Map(WORKER_SERVICES.map((service, i) => [service, queues[i]])),
  inject: WORKER_SERVICES.map((service) => getQueueToken(heartbeatQueueName(service))),
};
