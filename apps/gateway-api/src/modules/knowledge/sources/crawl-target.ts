import { isIP } from 'node:net';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isPublicAddress } from '@cxgenie/contracts';

const MAX_URL_LENGTH = 2048;

const INTERNAL = 'must not point at a loopback, private or link-local host';

function hostProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  const family = isIP(literal);
  if (family !== 0) return isPublicAddress(literal) ? null : INTERNAL;
  if (host === 'localhost' || host.endsWith('.localhost')) return INTERNAL;
  // Single-label names only resolve on an internal network.
  if (!host.includes('.')) return 'must name a fully qualified public host';
  return null;
}

/**
 * Why a URL may not be given to the crawler, or null when it may. Only what the URL itself says
 * can be judged here; a public name that resolves to an internal address must still be refused
 * by the crawler when it resolves the name at fetch time.
 */
export function crawlUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH)
    return `must be a URL of at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not contain credentials';
  return hostProblem(url.hostname);
}

/** A public http(s) URL the crawler may fetch; the failure names the rule that was broken. */
export function IsCrawlableUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCrawlableUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => crawlUrlProblem(value) === null,
        defaultMessage: (args) => crawlUrlProblem(args?.value) ?? 'is not a crawlable URL',
      },
    });
}
