import { createHash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { ServiceConfig } from '@cxgenie/config';

const MINUTE_MS = 60_000;

type Request = Record<string, unknown>;

/** The account an attempt names: a sign-in email, a refresh token or an invitation token. */
function accountOf(req: Request): string {
  const body = (req['body'] ?? {}) as Record<string, unknown>;
  const named = [body['email'], body['refreshToken'], body['token']].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return createHash('sha256')
    .update((named ?? '').toLowerCase())
    .digest('hex')
    .slice(0, 24);
}

/**
 * Two separate limits on sign-in attempts (ADR 0015):
 * - `account`: one account from one address, so guessing one password is slow, while an attacker
 *   elsewhere cannot lock its owner out (the count is the attacker's address's, not the account's);
 * - `address`: every account from one address, so one address cannot spray a password over
 *   thousands of accounts.
 * The address is `req.ip`, which honours TRUSTED_PROXIES.
 */
export function attemptThrottlers(config: ServiceConfig): ThrottlerOptions[] {
  return [
    {
      name: 'account',
      ttl: MINUTE_MS,
      limit: config.limits.authAttemptsPerAccountPerMin,
      getTracker: (req: Request) => `${String(req['ip'])}:${accountOf(req)}`,
    },
    {
      name: 'address',
      ttl: MINUTE_MS,
      limit: config.limits.authAttemptsPerIpPerMin,
      getTracker: (req: Request) => String(req['ip']),
    },
  ];
}

/** Counters are per route and per environment (instances of one deployment share them). */
export function attemptKey(queuePrefix: string) {
  return (context: ExecutionContext, tracker: string, throttler: string): string =>
    `${queuePrefix}:auth:${context.getClass().name}.${context.getHandler().name}:${throttler}:${tracker}`;
}
