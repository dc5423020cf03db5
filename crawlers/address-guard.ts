import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { FetchError } from '../core/errors.js';

/** Why an address is not public; `public` addresses may be fetched. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'invalid';

/** Classifies an IPv4 or IPv6 literal; everything but `public` is refused by the guard. */
export function classifyAddress(address: string): AddressClass {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v = isIP(ip);
  if (v === 4) return classifyV4(parseV4(ip));
  if (v === 6) return classifyV6(ip);
  return 'invalid';
}

/** True when the address is loopback, private, link-local, CGNAT, unspecified or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  return classifyAddress(address) !== 'public';
}

/**
 * Resolves the URL's host (all addresses) and throws FetchError E_FETCH_PRIVATE_ADDRESS when any of them is not
 * public, or E_FETCH_UNREACHABLE when the host does not resolve.
 */
export async function assertPublicUrl(url: string, resolver: Resolver = systemResolver): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolveAll(url, host, resolver);
  assertPublicAddresses(url, host, addresses);
}

/** Throws E_FETCH_PRIVATE_ADDRESS naming the first of `addresses` (what `host` resolved to) that is not public. */
export function assertPublicAddresses(url: string, host: string, addresses: readonly string[]): void {
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') {
      throw new FetchError(
        'E_FETCH_PRIVATE_ADDRESS',
        url,
        `host ${host} resolves to ${kind} address ${address}; set crawl.allowPrivateAddresses to fetch it`,
      );
    }
  }
}

/** One resolved address of a host name. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (injectable for tests: a resolver that changes its answer). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo, /etc/hosts included), all addresses in the order it gives. */
export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** Which private addresses a crawl may still reach. */
export interface AddressPolicy {
  allowPrivateAddresses: boolean;
  /** Hosts (`host` or `host:port`) exempt from the guard. */
  allowPrivateHosts?: readonly string[];
}

/** True when the URL's host is listed in allowPrivateHosts (as `host` or `host:port`), or everything is allowed. */
export function isExemptUrl(url: string, policy: AddressPolicy): boolean {
  if (policy.allowPrivateAddresses) return true;
  const list = policy.allowPrivateHosts ?? [];
  if (list.length === 0) return false;
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return list.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === host || e === `${host}:${port}` || e === u.host.toLowerCase();
  });
}

/** assertPublicUrl unless the policy exempts the URL's host. */
export async function guardUrl(url: string, policy: AddressPolicy, resolver?: Resolver): Promise<void> {
  if (!isExemptUrl(url, policy)) await assertPublicUrl(url, resolver);
}

/**
 * Whether a bare host name (no port: what a socket's lookup sees) may resolve to private addresses: everything
 * allowed, or the host listed in allowPrivateHosts with or without a port (the URL check before the request
 * holds the port to its entry).
 */
export function isExemptHost(host: string, policy: AddressPolicy): boolean {
  if (policy.allowPrivateAddresses) return true;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (policy.allowPrivateHosts ?? []).some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === h || e.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') === h;
  });
}

async function resolveAll(url: string, host: string, resolver: Resolver): Promise<string[]> {
  try {
    const results = await resolver(host);
    return results.map((r) => r.address);
  } catch (err) {
    throw new FetchError('E_FETCH_UNREACHABLE', url, `host ${host} does not resolve`, { cause: err });
  }
}

function parseV4(ip: string): number[] {
  return ip.split('.').map(Number);
}

function classifyV4(o: number[]): AddressClass {
  const [a = 0, b = 0] = o;
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10) return 'private';
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  // 192.0.0.0/24 (IETF protocol assignments) and 198.18.0.0/15 (benchmarking) are not routable on the internet.
  if (a === 192 && b === 0 && o[2] === 0) return 'reserved';
  if (a === 198 && (b === 18 || b === 19)) return 'reserved';
  return 'public';
}

/** Expands an IPv6 literal to its eight 16-bit groups. */
function expandV6(ip: string): number[] {
  let s = ip.toLowerCase();
  // An embedded dotted IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = parseV4(v4[1]);
    s = `${s.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail !== undefined ? new Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g || '0', 16));
}

function classifyV6(ip: string): AddressClass {
  const g = expandV6(ip);
  const first = g[0] ?? 0;
  const allZeroPrefix = g.slice(0, 5).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible form carry an IPv4 address.
  if (allZeroPrefix && (g[5] === 0xffff || g[5] === 0)) return classifyV4(v4FromGroups(g[6] ?? 0, g[7] ?? 0));
  // NAT64 (64:ff9b::/96) embeds an IPv4 address too.
  if (first === 0x64 && g[1] === 0xff9b) return classifyV4(v4FromGroups(g[6] ?? 0, g[7] ?? 0));
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'private';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

function v4FromGroups(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}
