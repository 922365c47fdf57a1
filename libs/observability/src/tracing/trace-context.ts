import { AsyncLocalStorage } from 'node:async_hooks';
import { TraceFlags, trace } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';
import { REQUEST_ID_HEADER, TRACEPARENT_HEADER } from '@cxgenie/contracts';

interface TraceContext {
  traceId: string;
}

const storage = new AsyncLocalStorage<TraceContext>();

/** 32 lowercase hex characters: a valid W3C trace-id, so it can travel in `traceparent` too. */
export const newTraceId = (): string => randomBytes(16).toString('hex');

export const currentTraceId = (): string | undefined => storage.getStore()?.traceId;

export const runWithTraceId = <T>(traceId: string, fn: () => T): T => storage.run({ traceId }, fn);

// Accepting arbitrary header text would let a caller inject log content; ids are kept boring.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;
const ZERO_TRACE_ID = '0'.repeat(32);

type HeaderBag = Record<string, string | string[] | undefined>;

const firstHeader = (headers: HeaderBag, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The caller's trace id, from `x-request-id` first, then the W3C `traceparent`. */
export function traceIdFromHeaders(headers: HeaderBag): string | undefined {
  const requestId = firstHeader(headers, REQUEST_ID_HEADER)?.trim();
  if (requestId && SAFE_REQUEST_ID.test(requestId)) return requestId;
  const traceId = TRACEPARENT.exec(firstHeader(headers, TRACEPARENT_HEADER)?.trim() ?? '')?.[1];
  return traceId && traceId !== ZERO_TRACE_ID ? traceId : undefined;
}

/**
 * Headers for an outgoing call so the next service logs under the same trace id. When a span is
 * being recorded for this trace, `traceparent` names it as the parent of the callee's span.
 */
export function outgoingTraceHeaders(traceId = currentTraceId()): Record<string, string> {
  if (!traceId) return {};
  const headers: Record<string, string> = { [REQUEST_ID_HEADER]: traceId };
  if (/^[\da-f]{32}$/.test(traceId)) {
    const span = trace.getActiveSpan()?.spanContext();
    headers[TRACEPARENT_HEADER] =
      span && span.traceId === traceId
        ? `00-${traceId}-${span.spanId}-0${span.traceFlags & TraceFlags.SAMPLED}`
        : `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
  }
  return headers;
}
