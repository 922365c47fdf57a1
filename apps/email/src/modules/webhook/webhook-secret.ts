import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The secret an inbound-parse service presents: `Authorization: Bearer <secret>`, or the password
 * of basic auth (what a URL such as https://cxgenie:<secret>@host/… makes the service send).
 */
export function presentedSecret(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, value] = authorization.trim().split(/\s+/, 2);
  if (!value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** Constant-time comparison of SHA-256 digests: the length of the secret leaks nothing either. */
export const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );
