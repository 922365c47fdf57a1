import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '@cxgenie/contracts';

export class NonPublicAddressError extends Error {
  constructor(host: string, address: string) {
    super(`refused: ${host} resolves to the non-public address ${address}`);
    this.name = 'NonPublicAddressError';
  }
}

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
