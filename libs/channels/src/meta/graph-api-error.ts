import { PermanentDeliveryError, RetryableDeliveryError } from '@cxgenie/contracts';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../shared/retry-after';

/** The `error` object of a Graph API error response. */
export interface GraphApiErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_msg?: string;
  error_data?: { details?: string } | string;
  fbtrace_id?: string;
}

// Throttling and transient platform trouble: the same request later can succeed.
const RETRYABLE_CODES = new Set([
  1, // unknown error, Meta says retry
  2, // temporary service issue
  4, // application request limit
  17, // user request limit
  32, // page request limit
  341, // application limit reached
  613, // calls within one hour exceeded
  80007, // WhatsApp Business Account rate limit
  130429, // WhatsApp throughput limit
  131000, // WhatsApp "something went wrong"
  131016, // WhatsApp service unavailable
  131056, // WhatsApp pair rate limit
  133004, // WhatsApp server temporarily unavailable
]);

// Refusals no retry can fix, even when Graph answers them with a 5xx.
const PERMANENT_CODES = new Set([
  190, // invalid or expired access token
  10, // permission denied (also outside Messenger's 24-hour window)
  551, // this person isn't available right now
  1545041, // recipient blocked the page / unavailable
  131047, // WhatsApp re-engagement: more than 24 hours since the customer wrote
  131026, // WhatsApp message undeliverable
  131051, // unsupported message type
]);

const isPermissionCode = (code: number) => code >= 200 && code <= 299;

/** Turns a failed Graph API response into the contract's retryable/permanent delivery errors. */
export function graphDeliveryError(
  status: number,
  headers: Headers,
  error: GraphApiErrorBody | null,
): PermanentDeliveryError | RetryableDeliveryError {
  const code = typeof error?.code === 'number' ? error.code : null;
  const message = describe(status, error);
  if (code !== null && (PERMANENT_CODES.has(code) || isPermissionCode(code))) {
    return new PermanentDeliveryError(message, String(code));
  }
  const retryable =
    status === 429 ||
    status >= 500 ||
    error?.is_transient === true ||
    (code !== null && RETRYABLE_CODES.has(code));
  if (retryable) return new RetryableDeliveryError(message, retryAfterMs(headers));
  return new PermanentDeliveryError(message, code === null ? null : String(code));
}

function describe(status: number, error: GraphApiErrorBody | null): string {
  const base = error?.message?.trim() || `Graph API answered HTTP ${status}`;
  const details =
    typeof error?.error_data === 'object' ? error.error_data.details?.trim() : undefined;
  const withDetails = details && !base.includes(details) ? `${base}: ${details}` : base;
  return error?.code === undefined ? withDetails : `${withDetails} (code ${error.code})`;
}

/**
 * `retry-after` when Graph sends one; otherwise the Business Use Case header's estimate, which
 * is how Graph announces how long a throttled page or WABA stays blocked (in minutes).
 */
export function retryAfterMs(headers: Headers): number | null {
  return (
    parseRetryAfter(headers.get('retry-after')) ??
    businessUseCaseDelayMs(headers.get('x-business-use-case-usage'))
  );
}

function businessUseCaseDelayMs(header: string | null): number | null {
  if (header === null) return null;
  try {
    const usage = JSON.parse(header) as Record<
      string,
      { estimated_time_to_regain_access?: number }[]
    >;
    const minutes = Object.values(usage)
      .flat()
      .map((entry) => entry.estimated_time_to_regain_access ?? 0);
    const longest = Math.max(0, ...minutes);
    return longest > 0 ? Math.min(longest * 60_000, MAX_RETRY_AFTER_MS) : null;
  } catch {
    return null;
  }
}
