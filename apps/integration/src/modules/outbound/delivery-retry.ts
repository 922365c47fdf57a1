import { MAX_RETRY_AFTER_MS } from '@cxgenie/channels';

/** After this many failed attempts a message is marked failed (about 17 minutes of backoff). */
export const MAX_DELIVERY_ATTEMPTS = 10;
const BASE_DELAY_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * How long to wait before attempt `attempt + 1`: what the platform asked for when it said
 * (`Retry-After`, Telegram's `retry_after`), else exponential backoff from 1 s, capped at 5 min,
 * with ±20 % jitter so a platform's hiccup does not get every conversation back at once.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(Math.max(0, retryAfterMs), MAX_RETRY_AFTER_MS);
  const backoff = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(backoff * (0.8 + 0.4 * random()));
}
