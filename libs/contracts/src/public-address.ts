import { BlockList, isIP } from 'node:net';

// Ranges a crawler run from inside our network must never be pointed at (SSRF): loopback,
// private, link-local (cloud metadata), carrier-grade NAT, unspecified, multicast and reserved.
// IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are matched against the IPv4 ranges by Node;
// IPv4-compatible (::10.0.0.1) and NAT64 (64:ff9b::a00:1) forms are refused outright.
// One rule for both sides: gateway-api judges a website URL's literal host with it, the loader
// every address the name resolves to.
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

/** True for an IP address a crawler may connect to; false for internal ones and non-addresses. */
export const isPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
};
