import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RawWebhookRequest, VerificationResult } from '@cxgenie/contracts';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';
const PREFIX = 'sha256=';
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** The `X-Hub-Signature-256` value Meta sends for `rawBody`: HMAC-SHA256 with the app secret. */
export function metaSignature(rawBody: Buffer, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * Checks Meta's `X-Hub-Signature-256` over the raw bytes. Re-serialised JSON would not match, so
 * this must see the body exactly as it arrived.
 */
export function verifyMetaSignature(
  request: RawWebhookRequest,
  appSecret: string | undefined,
): VerificationResult {
  if (!appSecret) return { ok: false, status: 401, reason: 'channel has no app secret configured' };
  const values = signatureHeaders(request.headers);
  if (values.length === 0) {
    return { ok: false, status: 401, reason: 'missing X-Hub-Signature-256 header' };
  }
  // A repeated signature header is never legitimate: refuse rather than pick one.
  if (values.length > 1) {
    return { ok: false, status: 401, reason: 'repeated X-Hub-Signature-256 header' };
  }
  const header = values[0].trim();
  if (!header.startsWith(PREFIX) || !SHA256_HEX.test(header.slice(PREFIX.length))) {
    return { ok: false, status: 401, reason: 'malformed X-Hub-Signature-256 header' };
  }
  const received = Buffer.from(header.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(request.rawBody).digest();
  // timingSafeEqual throws on different lengths; the regex already pins 32 bytes, this keeps it so.
  const matches = received.length === expected.length && timingSafeEqual(received, expected);
  return matches
    ? { ok: true }
    : { ok: false, status: 403, reason: 'X-Hub-Signature-256 does not match the body' };
}

function signatureHeaders(headers: RawWebhookRequest['headers']): string[] {
  return Object.entries(headers)
    .filter(([name]) => name.toLowerCase() === META_SIGNATURE_HEADER)
    .flatMap(([, value]) => (value === undefined ? [] : [value].flat()));
}
