// The network address a request came from, for per-address rate limits. Route handlers see no
// socket: Next.js puts the peer's address in X-Forwarded-For when the request arrives without
// one, and a reverse proxy in front appends the address of whoever connected to it. Either way
// the last entry is the one written by a party we run, so that is the one used.
import { isIP } from 'node:net';

/** The caller's address, or null when the request carries none (e.g. built in-process). */
export function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for');
  if (!forwarded) return null;
  const last = forwarded.split(',').at(-1)!.trim();
  // An IPv4 address mapped into IPv6 (::ffff:1.2.3.4) is the same client as 1.2.3.4.
  const address = last.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(address) ? address.toLowerCase() : null;
}
