/** What a failed send means for the message: try again later, or never. */
export interface SendFailure {
  permanent: boolean;
  reason: string;
  /** The server's SMTP reply code, when it gave one. */
  code: string | null;
}

// Connection-level trouble (the server is down, slow or unreachable for now).
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EPROTOCOL',
  'ETLS',
]);

/**
 * Classifies a nodemailer error: a 5xx reply (the recipient does not exist, the message is
 * refused) and a refused login or address are permanent; a 4xx reply (greylisting, a full
 * mailbox, a rate limit) and connection trouble are worth retrying; anything unknown is retried
 * too, so a bug shows as a failed message with its reason after the retries, never a silent drop.
 */
export function classifySendFailure(error: unknown): SendFailure {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  if (typeof e.responseCode === 'number')
    return { permanent: e.responseCode >= 500, reason, code: String(e.responseCode) };
  if (e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'EMESSAGE')
    return { permanent: true, reason, code: e.code };
  return { permanent: false, reason, code: e.code && TRANSIENT_CODES.has(e.code) ? e.code : null };
}
