import { Inject, Injectable } from '@nestjs/common';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { context } from '@opentelemetry/api';
import type { TracedJobData } from '@cxgenie/contracts';
import { SpanKind, endSpan, startPlatformSpan, tracingEnabled } from '../tracing/otel';
import { newTraceId, runWithTraceId } from '../tracing/trace-context';

interface JobLike {
  data: Partial<TracedJobData>;
  /** Bull's job name and queue, to name the job's span. */
  name?: string;
  queue?: { name: string };
}

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Work outside an HTTP request (queue jobs, timers) runs through here, so its log lines carry the
 * job's trace id and go to this service's logger. Without it nestjs-pino falls back to a
 * process-wide logger, which is the wrong one when several services share a process in tests.
 */
@Injectable()
export class LogContext {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  runJob<T>(job: JobLike, handler: () => T): T {
    const traceId = job.data.traceId ?? newTraceId();
    if (!tracingEnabled()) return this.run(traceId, handler);
    const queue = job.queue?.name ?? 'queue';
    const { span, context: spanContext } = startPlatformSpan(
      `process ${queue}`,
      SpanKind.CONSUMER,
      traceId,
      job.data.traceparent,
      {
        'messaging.system': 'bull',
        'messaging.destination.name': queue,
        'messaging.operation.type': 'process',
        'cxgenie.trace_id': traceId,
        ...(job.name && job.name !== '__default__' ? { 'cxgenie.job': job.name } : {}),
      },
    );
    let result: T;
    try {
      result = this.run(traceId, () => context.with(spanContext, handler));
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          endSpan(span);
          return value;
        },
        (error: unknown) => {
          endSpan(span, error);
          throw error;
        },
      ) as T;
    }
    endSpan(span);
    return result;
  }

  run<T>(traceId: string, handler: () => T): T {
    return runWithTraceId(traceId, () => storage.run(new Store(this.root), handler));
  }
}
