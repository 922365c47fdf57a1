import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address behind the proxies configured as trusted (`TRUSTED_PROXIES`), as Express
 * computes `req.ip`; for Socket.IO handshakes, which Express never sees.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: string[]): string {
  const trust = trustedProxies.length > 0 ? proxyaddr.compile(trustedProxies) : () => false;
  return proxyaddr(request, trust);
}
