import type { Request } from 'express';
import type { RawWebhookRequest } from '@cxgenie/contracts';

/** The request as the adapter must see it: headers, flat query, and the body bytes untouched. */
export function rawWebhookRequest(req: Request): RawWebhookRequest {
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') query[key] = first;
  }
  const body: unknown = req.body;
  return {
    method: req.method,
    headers: req.headers,
    query,
    rawBody: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
  };
}
