import { createHash, randomBytes } from 'node:crypto';

/** Random credential shown once; only its SHA-256 is stored, so a database leak reveals none. */
export const newOpaqueToken = (prefix: string, bytes = 32): string =>
  `${prefix}${randomBytes(bytes).toString('base64url')}`;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
