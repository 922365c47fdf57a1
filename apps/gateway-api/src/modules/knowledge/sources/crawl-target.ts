import { BlockList, isIP } from 'node:net';
import { registerDecorator, type ValidationOptions } from 'class-validator';

const MAX_URL_LENGTH = 2048;

// Ranges a crawler run from inside our network must never be pointed at (SSRF): loopback,
// private, link-local (cloud metadata), carrier-grade NAT, unspecified, multicast and reserved.
// IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are matched against the IPv4 ranges by Node;
// IPv4-compatible (::10.0.0.1) and NAT64 (64:ff9b::a00:1) forms are refused outright.
const NON_PUBLIC = new BlockList();
(
  [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const
).forEach(([network, prefix]) => NON_PUBLIC.addSubnet(network, prefix, 'ipv4'));
(
  [
    ['::', 96],
    ['64:ff9b::', 96],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const
).forEach(([network, prefix]) => NON_PUBLIC.addSubnet(network, prefix, 'ipv6'));

const INTERNAL = 'must not point at a loopback, private or link-local host';

function hostProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  const family = isIP(literal);
  if (family !== 0)
    return NON_PUBLIC.check(literal, family === 4 ? 'ipv4' : 'ipv6') ? INTERNAL : null;
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
