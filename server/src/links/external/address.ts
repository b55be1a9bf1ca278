// Which addresses the link checker may connect to, and a DNS lookup pinned to the addresses that
// were checked, so that a draft cannot make the editor probe an internal network (directly, through
// a redirect, or by DNS rebinding between the check and the connect).
//
// Loads no network module itself: the resolver imports node:dns when it first resolves a name.
import type { LookupFunction } from 'node:net';

export type AddressKind =
  | 'public'
  | 'unspecified' // 0.0.0.0/8, ::
  | 'loopback' // 127/8, ::1
  | 'private' // 10/8, 172.16/12, 192.168/16, fec0::/10 (deprecated site-local), 64:ff9b:1::/48
  | 'link-local' // 169.254/16 (cloud metadata lives here), fe80::/10
  | 'unique-local' // fc00::/7
  | 'cgnat' // 100.64/10 (shared address space; some cloud metadata services)
  | 'multicast' // 224/4, ff00::/8
  | 'broadcast' // 255.255.255.255
  | 'documentation' // 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20
  | 'benchmarking' // 198.18/15
  | 'reserved' // everything else that is not global unicast
  | 'invalid';

/** Parses dotted-quad IPv4 (the form URL and DNS give) into a 32-bit unsigned number. */
function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** Parses IPv6 text (with `::`, an embedded dotted IPv4 tail, an optional `%zone`) into 8 hextets. */
export function parseIPv6(text: string): number[] | undefined {
  let ip = text;
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  if (ip.length === 0 || ip.length > 45) return undefined;
  let tail: number[] = [];
  const lastColon = ip.lastIndexOf(':');
  if (ip.includes('.', lastColon)) {
    const v4 = parseIPv4(ip.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >>> 16, v4 & 0xffff];
    const prefix = ip.slice(0, lastColon + 1); // "::ffff:", "::", "1:2:3:4:5:6:"
    ip = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const want = 8 - tail.length;
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  if (!head) return undefined;
  if (halves.length === 1) {
    if (head.length !== want) return undefined;
    return [...head, ...tail];
  }
  const rest = parseGroups(halves[1]!);
  if (!rest) return undefined;
  const zeros = want - head.length - rest.length;
  if (zeros < 1) return undefined;
  return [...head, ...new Array<number>(zeros).fill(0), ...rest, ...tail];
}

function classifyIPv4(n: number): AddressKind {
  const a = n >>> 24;
  const b = (n >>> 16) & 0xff;
  const c = (n >>> 8) & 0xff;
  if (a === 0) return 'unspecified';
  if (a === 10) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 0 && c === 0) return 'reserved'; // IETF protocol assignments
  if (a === 192 && b === 0 && c === 2) return 'documentation';
  if (a === 192 && b === 88 && c === 99) return 'reserved'; // 6to4 relay anycast (deprecated)
  if (a === 192 && b === 168) return 'private';
  if (a === 198 && (b === 18 || b === 19)) return 'benchmarking';
  if (a === 198 && b === 51 && c === 100) return 'documentation';
  if (a === 203 && b === 0 && c === 113) return 'documentation';
  if (n === 0xffffffff) return 'broadcast';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return 'public';
}

function classifyIPv6(h: number[]): AddressKind {
  const [h0, h1, h2, h3, h4, h5, h6, h7] = h as [number, number, number, number, number, number, number, number];
  const v4 = (h6 * 0x10000 + h7) >>> 0;
  const firstFiveZero = h0 === 0 && h1 === 0 && h2 === 0 && h3 === 0 && h4 === 0;
  if (firstFiveZero && h5 === 0) {
    if (h6 === 0 && h7 === 0) return 'unspecified';
    if (h6 === 0 && h7 === 1) return 'loopback';
    return classifyIPv4(v4); // deprecated IPv4-compatible ::a.b.c.d — judge the IPv4 inside
  }
  if (firstFiveZero && h5 === 0xffff) return classifyIPv4(v4); // IPv4-mapped ::ffff:a.b.c.d
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0) return classifyIPv4(v4); // NAT64 well-known
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 1) return 'private'; // local-use NAT64 64:ff9b:1::/48
  if (h0 === 0x2002) return classifyIPv4((h1 * 0x10000 + h2) >>> 0); // 6to4 embeds an IPv4
  if (h0 === 0x2001 && h1 === 0x0db8) return 'documentation';
  if (h0 === 0x3fff && h1 < 0x1000) return 'documentation'; // 3fff::/20
  if (h0 === 0x2001 && h1 < 0x0200) return 'reserved'; // 2001::/23 IETF (Teredo, ORCHID, AS112 ...)
  if ((h0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((h0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((h0 & 0xffc0) === 0xfec0) return 'private';
  if ((h0 & 0xff00) === 0xff00) return 'multicast';
  if (h0 === 0x5f00) return 'reserved'; // SRv6 SIDs
  if ((h0 & 0xe000) === 0x2000) return 'public'; // 2000::/3 global unicast
  return 'reserved';
}

/** Classifies an IP address literal (IPv4 dotted quad, or IPv6 with or without brackets). */
export function classifyAddress(ip: string): AddressKind {
  const v4 = parseIPv4(ip);
  if (v4 !== undefined) return classifyIPv4(v4);
  const v6 = parseIPv6(ip);
  if (v6) return classifyIPv6(v6);
  return 'invalid';
}

export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === 'public';
}

/** The host of a URL as a connectable name: lower case, IPv6 brackets removed. */
export function hostnameOf(url: URL): string {
  const h = url.hostname.toLowerCase();
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** 4 or 6 for an IP address literal (IPv6 without brackets, a zone allowed), 0 for anything else (as net.isIP). */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (parseIPv4(text) !== undefined) return 4;
  return !text.startsWith('[') && parseIPv6(text) ? 6 : 0;
}

/** `invalid` and names under it never resolve (RFC 6761 §6.4): no lookup is made for them. */
export function isReservedInvalidName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'invalid' || h.endsWith('.invalid');
}

/** The operating system's resolver (getaddrinfo: /etc/hosts, then DNS), every address. */
export const systemResolver: HostResolver = async (hostname) => {
  if (isReservedInvalidName(hostname)) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  }
  const dns = await import('node:dns');
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export type HostVerdict =
  | { ok: true; addresses: ResolvedAddress[]; nonPublic: boolean }
  | { ok: false; status: 'dns' | 'refused'; message: string; code?: string };

export interface VerifyHostOptions {
  allowPrivate: boolean;
  resolve?: HostResolver;
  /** Test seam: which addresses count as public. Defaults to isPublicAddress. */
  isPublic?: (ip: string) => boolean;
}

/**
 * Resolves a host (or takes an IP literal as is) and decides whether it may be fetched: refused when
 * ANY of its addresses is not public, unless allowPrivate. The addresses returned are the ones the
 * connection must use (see createPinnedLookup).
 */
export async function verifyHost(hostname: string, options: VerifyHostOptions): Promise<HostVerdict> {
  const isPublic = options.isPublic ?? isPublicAddress;
  let addresses: ResolvedAddress[];
  const literal = ipVersion(hostname);
  if (literal) {
    addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(hostname);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      const why = code === 'ENOTFOUND' || code === 'ENODATA' ? 'no such host' : code === 'EAI_AGAIN' ? 'temporary failure' : undefined;
      return { ok: false, status: 'dns', code, message: `DNS lookup failed for ${hostname}${why ? `: ${why}` : ''}${code ? ` (${code})` : ''}` };
    }
    if (addresses.length === 0) return { ok: false, status: 'dns', message: `DNS lookup failed for ${hostname}: no addresses` };
  }
  const bad = addresses.find((a) => !isPublic(a.address));
  if (bad && !options.allowPrivate) {
    const kind = classifyAddress(bad.address);
    const what = literal ? `${bad.address}` : `${hostname} resolves to ${bad.address}`;
    return {
      ok: false,
      status: 'refused',
      message: `refused: private address (${what}, ${kind === 'public' ? 'not allowed' : kind}); set allowPrivateUrls to check it`,
    };
  }
  return { ok: true, addresses, nonPublic: bad !== undefined };
}

/**
 * A `lookup` for net.connect / undici's `connect` option that answers with the addresses verifyHost
 * checked (memoised by `verified`), so the socket goes exactly where the check said it may.
 * A host that was not verified yet is verified now; a refusal becomes a connect error.
 */
export function createPinnedLookup(verified: (hostname: string) => Promise<HostVerdict>): LookupFunction {
  return (hostname, options, callback) => {
    verified(hostname.toLowerCase()).then(
      (verdict) => {
        if (!verdict.ok) {
          const err: NodeJS.ErrnoException = new Error(verdict.message);
          err.code = verdict.status === 'dns' ? (verdict.code ?? 'ENOTFOUND') : 'EBENCHPRESS_REFUSED';
          callback(err, options.all ? [] : '', undefined);
          return;
        }
        const fam = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family) || 0;
        const list = fam ? verdict.addresses.filter((a) => a.family === fam) : verdict.addresses;
        if (list.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`no IPv${fam} address for ${hostname}`);
          err.code = 'ENOTFOUND';
          callback(err, options.all ? [] : '', undefined);
          return;
        }
        if (options.all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, options.all ? [] : '', undefined),
    );
  };
}
