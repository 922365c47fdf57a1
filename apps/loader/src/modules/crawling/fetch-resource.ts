import { MAX_REDIRECTS } from './crawl.types';
import { normalizeUrl, originOf } from './crawl-url';

export interface FetchContext {
  fetch: typeof fetch;
  userAgent: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface FetchRequest {
  url: string;
  accept: string;
  maxBytes: number;
  /** Keep the first `maxBytes` of a bigger body instead of refusing it. */
  truncate?: boolean;
  /** A redirect to another origin is refused unless allowed (robots.txt and sitemaps may move). */
  crossOriginRedirects: boolean;
  /** Why a redirect target should not be followed, or null; checked before requesting it. */
  refuseRedirect?: (target: string) => string | null;
  /** Why a response of this content type is not wanted, or null; checked before the body. */
  refuseContentType?: (contentType: string) => string | null;
}

export type FetchOutcome =
  | { ok: true; url: string; status: number; contentType: string; headers: Headers; body: Buffer }
  | { ok: false; url: string; status: number | null; reason: string };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export const describeSize = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;

/** Reads at most `maxBytes`; past that the download is cancelled. */
async function readCapped(
  response: Response,
  maxBytes: number,
  truncate: boolean,
): Promise<{ body: Buffer; tooLarge: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { body: Buffer.alloc(0), tooLarge: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) return { body: Buffer.alloc(0), tooLarge: true };
      chunks.push(value.subarray(0, value.byteLength - (size - maxBytes)));
      return { body: Buffer.concat(chunks, maxBytes), tooLarge: false };
    }
    chunks.push(value);
  }
  return { body: Buffer.concat(chunks, size), tooLarge: false };
}

/**
 * Why a request failed, in words a dashboard user can act on. A refusal says what was refused; any
 * other network failure is one generic reason: refused, reset or unreachable told apart would let
 * a crawl map which ports answer behind a public name.
 */
function describeFailure(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: unknown };
  if (err?.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s`;
  const refusal = [err, err?.cause].find(
    (e): e is Error => (e as Error | undefined)?.name === 'NonPublicAddressError',
  );
  if (refusal) return refusal.message;
  return 'could not be fetched';
}

const discard = (response: Response): Promise<void> =>
  response.body?.cancel().catch(() => undefined) ?? Promise.resolve();

/**
 * One resource, following redirects by hand: at most MAX_REDIRECTS hops, never the same URL
 * twice (a loop), and only within the origin unless allowed. Each request has its own timeout,
 * covering the body. Only the caller's abort propagates as an exception; everything else is an
 * outcome with a reason.
 */
export async function fetchResource(
  ctx: FetchContext,
  request: FetchRequest,
): Promise<FetchOutcome> {
  const chain = [request.url];
  let url = request.url;
  for (let hop = 0; ; hop++) {
    ctx.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(ctx.timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await ctx.fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': ctx.userAgent, accept: request.accept },
      });
    } catch (error) {
      ctx.signal?.throwIfAborted();
      return { ok: false, url, status: null, reason: describeFailure(error, ctx.timeoutMs) };
    }

    if (REDIRECT_STATUSES.has(response.status)) {
      await discard(response);
      const location = response.headers.get('location');
      const next = location ? normalizeUrl(location, url) : null;
      const fail = (reason: string): FetchOutcome => ({
        ok: false,
        url: request.url,
        status: response.status,
        reason,
      });
      if (!next) return fail(`redirects (HTTP ${response.status}) without a usable Location`);
      if (chain.includes(next)) return fail(`redirect loop: ${[...chain, next].join(' → ')}`);
      if (hop + 1 > MAX_REDIRECTS) return fail(`too many redirects (more than ${MAX_REDIRECTS})`);
      if (!request.crossOriginRedirects && originOf(next) !== originOf(request.url))
        return fail(`redirects off-site to ${next}`);
      const refusal = request.refuseRedirect?.(next) ?? null;
      if (refusal) return fail(refusal);
      chain.push(next);
      url = next;
      continue;
    }

    if (response.status < 200 || response.status > 299) {
      await discard(response);
      return { ok: false, url, status: response.status, reason: `HTTP ${response.status}` };
    }
    const contentType = (response.headers.get('content-type') ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const refusal = request.refuseContentType?.(contentType) ?? null;
    if (refusal) {
      await discard(response);
      return { ok: false, url, status: response.status, reason: refusal };
    }
    const declared = Number(response.headers.get('content-length'));
    const tooLarge = `larger than the ${describeSize(request.maxBytes)} limit`;
    if (!request.truncate && Number.isFinite(declared) && declared > request.maxBytes) {
      await discard(response);
      return { ok: false, url, status: response.status, reason: tooLarge };
    }
    try {
      const { body, tooLarge: cut } = await readCapped(
        response,
        request.maxBytes,
        request.truncate ?? false,
      );
      if (cut) return { ok: false, url, status: response.status, reason: tooLarge };
      return {
        ok: true,
        url,
        status: response.status,
        contentType,
        headers: response.headers,
        body,
      };
    } catch (error) {
      ctx.signal?.throwIfAborted();
      return {
        ok: false,
        url,
        status: response.status,
        reason: describeFailure(error, ctx.timeoutMs),
      };
    }
  }
}
