/** Longest wait a platform may impose on one message; beyond it the retry policy takes over. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * How long to wait, in ms, from a `Retry-After` value: delay-seconds (`"5"`, `5`, `"1.5"`) or an
 * HTTP date. Null when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(
  value: string | number | null | undefined,
  now: number = Date.now(),
): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return fromSeconds(value);
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return fromSeconds(Number(text));
  // An HTTP date has a weekday and a month name; anything else is not one.
  if (!/[a-z]/i.test(text)) return null;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

function fromSeconds(seconds: number): number | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return Math.min(Math.round(seconds * 1000), MAX_RETRY_AFTER_MS);
}
