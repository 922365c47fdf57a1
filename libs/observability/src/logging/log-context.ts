import { Inject, Injectable } from '@nestjs/common';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import type { TracedJobData } from '@cxgenie/contracts';
import { newTraceId, runWithTraceId } from '../tracing/trace-context';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Work outside an HTTP request (queue jobs, timers) runs through here, so its log lines carry the
 * job's trace id and go to this service's logger. Without it nestjs-pino falls back to a
 * process-wide logger, which is the wrong one when several services share a process in tests.
 */
@Injectable()
export class LogContext {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  runJob<T>(job: { data: Partial<TracedJobData> }, handler: () => T): T {
    return this.run(job.data.traceId ?? newTraceId(), handler);
  }

  run<T>(traceId: string, handler: () => T): T {
    return runWithTraceId(traceId, () => storage.run(new Store(this.root), handler));
  }
}
