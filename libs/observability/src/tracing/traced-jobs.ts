import type { TracedJobData } from '@cxgenie/contracts';
import { currentTraceId, newTraceId } from './trace-context';

/** Stamps a job payload with the current trace id (or a fresh one outside any request). */
export const withTraceId = <T extends object>(data: T): T & TracedJobData => ({
  ...data,
  traceId: currentTraceId() ?? newTraceId(),
});
