import { SpanKind, inSpan } from './otel';
import { outgoingTraceHeaders } from './trace-context';

export class ServiceCallError extends Error {
  constructor(
    readonly url: string,
    readonly statusCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

export interface TracedFetchOptions extends RequestInit {
  timeoutMs?: number;
}

/** `fetch` for service-to-service calls: propagates the trace id and never waits forever. */
export async function tracedFetch(
  url: string,
  options: TracedFetchOptions = {},
): Promise<Response> {
  const { timeoutMs = 5_000, headers, ...init } = options;
  const method = init.method ?? 'GET';
  return inSpan(
    `${method} ${new URL(url).pathname}`,
    SpanKind.CLIENT,
    { 'url.full': url, 'http.request.method': method },
    async (span) => {
      try {
        const res = await fetch(url, {
          ...init,
          headers: {
            ...outgoingTraceHeaders(),
            ...(headers as Record<string, string> | undefined),
          },
          signal: init.signal ?? AbortSignal.timeout(timeoutMs),
        });
        span.setAttribute('http.response.status_code', res.status);
        return res;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ServiceCallError(url, null, `request to ${url} failed: ${reason}`);
      }
    },
  );
}
