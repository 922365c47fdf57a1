import { TelegramError } from 'telegraf';
import { PermanentDeliveryError, RetryableDeliveryError } from '@cxgenie/contracts';
import { parseRetryAfter } from '../shared/retry-after';

/**
 * What a failed Bot API call means for delivery. 429 carries `parameters.retry_after` (seconds);
 * 5xx and network failures are worth retrying; every other error (401 bad token, 403 blocked by
 * the user, 400 chat not found…) will fail the same way next time.
 */
export function telegramDeliveryError(error: unknown): Error {
  if (error instanceof TelegramError) {
    const code = error.code;
    const reason = error.description || `Telegram error ${code}`;
    if (code === 429) {
      return new RetryableDeliveryError(reason, parseRetryAfter(error.parameters?.retry_after));
    }
    if (code >= 500) return new RetryableDeliveryError(reason);
    return new PermanentDeliveryError(reason, String(code));
  }
  // node-fetch errors (refused, reset, timed out) and aborts: the request may not have arrived.
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableDeliveryError(`Telegram unreachable: ${message}`);
}
