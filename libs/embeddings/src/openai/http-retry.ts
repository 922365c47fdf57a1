/** How a client of a rate-limited HTTP API (OpenAI, Anthropic) retries. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** Backoff ceiling of the first retry; it doubles per retry up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest `retry-after` honoured; a server asking for more is waited on this long. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/** Timeouts, lock conflicts, rate limits and server errors; every other 4xx is the caller's bug. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500;

interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * The wait a response asked for: OpenAI's `retry-after-ms`, else the standard `retry-after` in
 * seconds or as an HTTP date. Null when the response asked for nothing usable.
 */
export function retryAfterMs(headers: HeaderLookup | undefined, now = Date.now()): number | null {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter: a uniform wait below the retry's ceiling, so clients that
 * failed together (one 429 for a whole fleet) do not come back together.
 */
export function backoffDelayMs(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** The wait before retry number `retry` (0-based): what the server asked for, else backoff. */
export function retryDelayMs(
  retry: number,
  options: RetryOptions,
  headers?: HeaderLookup,
  random?: () => number,
): number {
  const requested = retryAfterMs(headers);
  return requested === null
    ? backoffDelayMs(retry, options, random)
    : Math.min(requested, options.maxRetryAfterMs);
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** Waits `ms`; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Throws the signal's reason if it has aborted: the caller gave up, which is not a failure. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}
