import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER } from '@cxgenie/contracts';
import { newTraceId, runWithTraceId, traceIdFromHeaders } from './trace-context';

export type TracedRequest = Request & { id?: string };

/**
 * Express middleware installed before every other one, so the request logger, guards, handlers
 * and anything they await all see the same trace id.
 */
export function traceMiddleware(req: TracedRequest, res: Response, next: NextFunction): void {
  const traceId = traceIdFromHeaders(req.headers) ?? newTraceId();
  req.id = traceId;
  res.setHeader(REQUEST_ID_HEADER, traceId);
  runWithTraceId(traceId, next);
}
