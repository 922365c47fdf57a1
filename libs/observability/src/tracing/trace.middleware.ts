import type { NextFunction, Request, Response } from 'express';
import { context } from '@opentelemetry/api';
import { REQUEST_ID_HEADER, TRACEPARENT_HEADER } from '@cxgenie/contracts';
import { SpanKind, endSpan, startPlatformSpan, tracingEnabled } from './otel';
import { newTraceId, runWithTraceId, traceIdFromHeaders } from './trace-context';

export type TracedRequest = Request & { id?: string };

/**
 * Express middleware installed before every other one, so the request logger, guards, handlers
 * and anything they await all see the same trace id, and, when spans are recorded, run inside
 * the request's server span.
 */
export function traceMiddleware(req: TracedRequest, res: Response, next: NextFunction): void {
  const traceId = traceIdFromHeaders(req.headers) ?? newTraceId();
  req.id = traceId;
  res.setHeader(REQUEST_ID_HEADER, traceId);
  if (!tracingEnabled()) {
    runWithTraceId(traceId, next);
    return;
  }
  const traceparent = req.headers[TRACEPARENT_HEADER];
  const { span, context: spanContext } = startPlatformSpan(
    `${req.method} request`,
    SpanKind.SERVER,
    traceId,
    typeof traceparent === 'string' ? traceparent : undefined,
    { 'http.request.method': req.method, 'url.path': req.path, 'cxgenie.trace_id': traceId },
  );
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    // The route pattern is known only once Nest has matched it.
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const route = routePath ? `${req.baseUrl}${routePath}` : undefined;
    span.updateName(`${req.method} ${route ?? req.path}`);
    if (route) span.setAttribute('http.route', route);
    span.setAttribute('http.response.status_code', res.statusCode);
    endSpan(span, res.statusCode >= 500 ? new Error(`answered ${res.statusCode}`) : undefined);
  };
  res.once('finish', end);
  res.once('close', end);
  runWithTraceId(traceId, () => context.with(spanContext, next));
}
