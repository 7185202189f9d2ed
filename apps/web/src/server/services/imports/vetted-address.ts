// Resolves a host once, checks every address it resolves to, and hands out only the checked one,
// so that a second DNS answer (DNS rebinding) can never steer the connection elsewhere.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { hostPortKey, isPublicAddress } from './address-policy';
import { ImportItemError } from './import-item-error';

export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolver used to find a host's addresses; tests pass their own to play a lying DNS server. */
export type ResolveHost = (hostname: string) => Promise<VettedAddress[]>;

const resolveWithDns: ResolveHost = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** The URL parser keeps IPv6 literals in brackets; sockets and DNS want them bare. */
export function bareHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * The address to connect to for `hostname:port`. Refused when any resolved address is not public
 * (a host with one public and one private answer could be flipped between them), unless the
 * operator listed exactly this host:port in IMPORT_ALLOW_HOSTS.
 */
export async function vetHost(
  hostname: string,
  port: number,
  allowHosts: ReadonlySet<string>,
  resolve: ResolveHost = resolveWithDns,
): Promise<VettedAddress> {
  const host = bareHostname(hostname);
  const literal = isIP(host);
  let addresses: VettedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new ImportItemError(`Host ${host} could not be resolved`);
    }
  }
  const first = addresses[0];
  if (!first) throw new ImportItemError(`Host ${host} has no addresses`);
  if (allowHosts.has(hostPortKey(host, port))) return first;
  const blocked = addresses.find(({ address }) => !isPublicAddress(address));
  if (blocked) {
    throw new ImportItemError(
      `${host} resolves to a private or reserved address (${blocked.address}); ` +
        'only public hosts may be imported from unless an admin allows this host',
    );
  }
  return first;
}

/**
 * A socket `lookup` that answers only `vetted`, whatever name it is asked about. Node asks with
 * `all: true` when it races IPv4 and IPv6 (autoSelectFamily), so both answer shapes are served.
 */
export function pinnedLookup(vetted: VettedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (typeof options === 'object' && options.all) {
      (callback as unknown as (error: null, addresses: VettedAddress[]) => void)(null, [vetted]);
      return;
    }
    callback(null, vetted.address, vetted.family);
  };
}
