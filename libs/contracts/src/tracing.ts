/** Headers that carry one trace id across every HTTP hop between services. */
export const REQUEST_ID_HEADER = 'x-request-id';
export const TRACEPARENT_HEADER = 'traceparent';

/** Every Bull job payload carries the trace id of the request that caused it. */
export interface TracedJobData {
  traceId: string;
  /** W3C traceparent of the span that queued the job, when spans are recorded (OpenTelemetry). */
  traceparent?: string;
}
