import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// The ranges gateway-api refuses in a website URL (crawl-target.ts), checked again here against
// what the name resolves to: a public name may point at an internal address.
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

export class NonPublicAddressError extends Error {
  constructor(host: string, address: string) {
    super(`refused: ${host} resolves to the non-public address ${address}`);
    this.name = 'NonPublicAddressError';
  }
}

export const isPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

async function assertPublicHost(hostname: string): Promise<void> {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  const internal = addresses.find((address) => !isPublicAddress(address));
  if (internal !== undefined) throw new NonPublicAddressError(host, internal);
}

/**
 * The crawler's default `fetch`: refuses a host any of whose addresses is loopback, private,
 * link-local or otherwise internal. The check runs before every request, redirects included
 * (the crawler follows them by hand). A name re-resolved between the check and the connection
 * (DNS rebinding) is not covered; pinning the address needs a custom dispatcher.
 */
export const publicOnlyFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  await assertPublicHost(url.hostname);
  return fetch(input, init);
};
