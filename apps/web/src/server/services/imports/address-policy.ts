// Which network addresses an import may connect to. Imports fetch URLs that users type, so
// without this rule a URL could reach the server's own network (databases, cloud metadata at
// 169.254.169.254, admin consoles on loopback).
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * True for globally routable unicast addresses only. Loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast, unspecified (0.0.0.0, ::), reserved and
 * documentation ranges are refused; an IPv4-mapped IPv6 address is judged as the IPv4 address it
 * carries, and IPv6 forms that embed IPv4 for translation (6to4, Teredo, NAT64) are refused since
 * they could lead to any IPv4 host.
 */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const ipv6 = parsed as ipaddr.IPv6;
    if (ipv6.isIPv4MappedAddress()) parsed = ipv6.toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** The host as written in an allow-list entry: lowercase, IPv6 literals in brackets. */
export function hostPortKey(hostname: string, port: number): string {
  const host = hostname.toLowerCase();
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
