import { Agent, request } from 'undici';
import { context, trace } from '@opentelemetry/api';
import { SpanKind, endSpan, tracingEnabled } from './otel';
import { outgoingTraceHeaders } from './trace-context';
import { ServiceCallError } from './traced-fetch';

export interface StreamedHttpResponse {
  status: number;
  /** The body as it arrives; it fails if the deadline passes before it ends. */
  body: AsyncIterable<Uint8Array>;
}

export interface TracedPostInit {
  headers: Record<string, string>;
  body: string;
  /** For the whole exchange, body included: a stream that stalls past it is cut. */
  timeoutMs: number;
}

// Service-to-service calls reuse their connections: a new TCP connection per streamed answer
// costs more than the answer's bookkeeping. undici's own timeouts count idle time, not the whole
// exchange, so the deadline below is ours.
const dispatcher = new Agent({ keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });

/**
 * A POST for service-to-service streaming: the trace id travels in the headers, connections are
 * kept alive, and the response body is consumed as it arrives. On the hot path (one call per bot
 * answer) it costs a fifth to a third less CPU than Node's `http.request` (`npm run bench --
 * service-call`), and far less than `fetch` with web streams.
 */
export async function tracedHttpPost(
  url: string,
  init: TracedPostInit,
): Promise<StreamedHttpResponse> {
  const abort = new AbortController();
  const deadline = setTimeout(
    () => abort.abort(new Error(`no complete answer within ${init.timeoutMs} ms`)),
    init.timeoutMs,
  );
  // The client span lasts until the streamed body is complete, not just until the headers.
  const span = tracingEnabled()
    ? trace.getTracer('cxgenie').startSpan(`POST ${new URL(url).pathname}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'url.full': url, 'http.request.method': 'POST' },
      })
    : undefined;
  const headers = span
    ? context.with(trace.setSpan(context.active(), span), outgoingTraceHeaders)
    : outgoingTraceHeaders();
  try {
    const res = await request(url, {
      method: 'POST',
      dispatcher,
      signal: abort.signal,
      headers: { ...headers, ...init.headers },
      body: init.body,
    });
    span?.setAttribute('http.response.status_code', res.statusCode);
    res.body.once('close', () => {
      clearTimeout(deadline);
      if (span)
        endSpan(span, res.statusCode >= 500 ? new Error(`answered ${res.statusCode}`) : undefined);
    });
    return { status: res.statusCode, body: res.body };
  } catch (error) {
    clearTimeout(deadline);
    if (span) endSpan(span, error);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceCallError(url, null, `request to ${url} failed: ${reason}`);
  }
}
