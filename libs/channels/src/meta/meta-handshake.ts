import { createHash, timingSafeEqual } from 'node:crypto';
import type { RawWebhookRequest } from '@cxgenie/contracts';

// Meta sends a numeric string; anything else is not Meta and must not be reflected back verbatim.
const CHALLENGE = /^[A-Za-z0-9_.-]{1,256}$/;

/**
 * Answers Meta's webhook subscription handshake: `GET ?hub.mode=subscribe&hub.verify_token=…
 * &hub.challenge=…` is echoed the challenge when the token matches. Returns null for any request
 * that is not a handshake, so the caller treats it as a delivery.
 */
export function answerMetaHandshake(
  request: RawWebhookRequest,
  verifyToken: string | undefined,
): { status: number; body: string } | null {
  const mode = request.query['hub.mode'];
  if (request.method.toUpperCase() !== 'GET' || mode === undefined) return null;
  if (mode !== 'subscribe') return { status: 400, body: 'unsupported hub.mode' };
  const challenge = request.query['hub.challenge'] ?? '';
  if (!CHALLENGE.test(challenge)) return { status: 400, body: 'missing or invalid hub.challenge' };
  const token = request.query['hub.verify_token'];
  if (!verifyToken || token === undefined || !sameSecret(token, verifyToken)) {
    return { status: 403, body: 'hub.verify_token does not match' };
  }
  return { status: 200, body: challenge };
}

// Hashing first gives equal lengths, so the comparison leaks neither content nor length.
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
