import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { isPublicAddress } from '@cxgenie/contracts';

/** Ports a crawl may connect to unless configured otherwise (`CRAWL_ALLOWED_PORTS`). */
export const DEFAULT_CRAWL_PORTS: readonly number[] = [80, 443];

/**
 * A request the crawler refuses to make: an internal address or a port not allowed. Its message
 * is shown to the dashboard user as the page's reason, so it never names the internal address a
 * public name resolved to.
 */
export class NonPublicAddressError extends Error {
  constructor(message: string) {
    super(`refused: ${message}`);
    this.name = 'NonPublicAddressError';
  }
}

export interface PublicOnlyFetchOptions {
  /** Ports a URL may name (default 80 and 443). */
  allowedPorts?: readonly number[];
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The socket's own name resolution, checked: every address the name resolves to must be public,
 * and the connection goes to one of exactly those. There is no second resolution an attacker's
 * name server could answer differently (DNS rebinding).
 */
function checkedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some(({ address }) => !isPublicAddress(address))) {
      return callback(
        new NonPublicAddressError(`${hostname} resolves to a non-public address`),
        [],
      );
    }
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

const effectivePort = (url: URL): number =>
  Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/**
 * The crawler's default `fetch`: refuses a URL whose port is not allowed or whose host is, or
 * resolves to, a loopback, private, link-local or otherwise internal address. The check runs on
 * every request, redirects included (the crawler follows them by hand), and inside the
 * connection itself, so the address checked is the address connected to.
 */
export function createPublicOnlyFetch(options: PublicOnlyFetchOptions = {}): typeof fetch {
  const allowedPorts = new Set(options.allowedPorts ?? DEFAULT_CRAWL_PORTS);
  const allowedList = [...allowedPorts].join(', ');
  const agent = new Agent({ connect: { lookup: checkedLookup } });
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const port = effectivePort(url);
    if (!allowedPorts.has(port)) {
      throw new NonPublicAddressError(`port ${port} is not allowed (allowed: ${allowedList})`);
    }
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    // A literal address is connected to as written; no lookup runs for it.
    if (isIP(host) !== 0 && !isPublicAddress(host)) {
      throw new NonPublicAddressError(`${host} is not a public address`);
    }
    return undiciFetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    });
  }) as unknown as typeof fetch;
}

export const publicOnlyFetch: typeof fetch = createPublicOnlyFetch();
