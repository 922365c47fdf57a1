import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RawWebhookRequest, VerificationResult } from '@cxgenie/contracts';

/**
 * Compares two secrets in constant time, whatever their lengths: both sides are hashed first, so
 * neither the content nor the length of the expected value leaks through timing.
 */
export function safeEqual(actual: string | Buffer, expected: string | Buffer): boolean {
  const digest = (value: string | Buffer) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(actual), digest(expected));
}

export function hmacSha256Hex(key: string | Buffer, body: Buffer): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** A request header by name, case-insensitively; the first one when repeated. */
export function headerValue(
  headers: RawWebhookRequest['headers'],
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export const VERIFIED: VerificationResult = { ok: true };

export const rejected = (status: 401 | 403, reason: string): VerificationResult => ({
  ok: false,
  status,
  reason,
});

export interface HmacSignatureCheck {
  /** The header carrying the signature (`X-Hub-Signature-256`, `X-Viber-Content-Signature`). */
  header: string;
  /** What precedes the hex digest in the header (`sha256=` for Meta), if anything. */
  prefix?: string;
  /** The HMAC key (app secret, auth token); null or empty when the channel has none. */
  key: string | null | undefined;
}

/**
 * Verifies an HMAC-SHA256 hex signature of the raw body: 401 when the header is missing, 403 when
 * it does not match (or the channel has no key to check it with).
 */
export function verifyHmacSha256(
  request: RawWebhookRequest,
  { header, prefix = '', key }: HmacSignatureCheck,
): VerificationResult {
  const signature = headerValue(request.headers, header);
  if (!signature) return rejected(401, `missing ${header} header`);
  if (!key) return rejected(403, 'channel has no key to verify signatures with');
  const expected = `${prefix}${hmacSha256Hex(key, request.rawBody)}`;
  return safeEqual(signature.trim().toLowerCase(), expected)
    ? VERIFIED
    : rejected(403, `${header} does not match the body`);
}
