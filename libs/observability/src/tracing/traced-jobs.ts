import type { TracedJobData } from '@cxgenie/contracts';
import { activeTraceparent, tracingEnabled } from './otel';
import { currentTraceId, newTraceId } from './trace-context';

/**
 * Stamps a job payload with the current trace id (or a fresh one outside any request) and, when
 * spans are recorded, the span that queued it, so the worker's span continues the same trace.
 */
export const withTraceId = <T extends object>(data: T): T & TracedJobData => {
  const traceId = currentTraceId() ?? newTraceId();
  const traceparent = tracingEnabled() ? activeTraceparent() : undefined;
  return traceparent && traceparent.split('-')[1] === traceId
    ? { ...data, traceId, traceparent }
    : { ...data, traceId };
};
