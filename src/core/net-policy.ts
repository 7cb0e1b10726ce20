/**
 * The network policy of outgoing requests (URL ingest, webhook sinks): by
 * default Lathe connects to public addresses only, so a URL from a stranger
 * cannot make it read loopback services, private networks or a cloud's
 * metadata endpoint (server-side request forgery).
 *
 * The check is on the address actually connected to: an IP literal is
 * classified before connecting, and a host name is resolved by a `lookup`
 * handed to the socket, which refuses the connection when any resolved
 * address is not public, so a DNS name pointing at 127.0.0.1 is refused
 * too. Redirects are followed by hand, one hop at a time, each hop checked
 * the same way.
 */
import { promises as dns } from 'node:dns';
import { type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, isIPv4, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { LatheError } from '../errors.js';
import { redactUrl } from './redact.js';

/** Why an address is not public. */
export type AddressClass = 'loopback' | 'private' | 'link-local' | 'shared' | 'unspecified' | 'multicast' | 'broadcast' | 'reserved';

/** The words naming each class in messages. */
export const ADDRESS_CLASS_LABELS: Readonly<Record<AddressClass, string>> = {
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local (cloud metadata) address',
  shared: 'a shared (carrier-grade NAT) address',
  unspecified: 'an unspecified (this-network) address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
};

/** Resolves a host name to every address it has, as `dns.lookup` does. */
export type HostLookup = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

/** What may be connected to. */
export interface NetPolicy {
  /** Connect to loopback, private, link-local and other non-public addresses too. */
  allowPrivateHosts: boolean;
  /** How the user allows them, for the refusal's hint, e.g. "pass --allow-private-hosts". */
  optIn: string;
  /** Name resolution; the system resolver by default. Tests map names to addresses with it. */
  lookup?: HostLookup;
  /** Address classification; {@link classifyAddress} by default. Tests override it to stand a loopback server in for a public host. */
  classify?: (address: string) => AddressClass | null;
}

/** The system resolver: every address, in the resolver's order. */
export const systemLookup: HostLookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * The class of a non-public IP address, or null for a public one. IPv4 in any
 * IPv6 form (mapped `::ffff:127.0.0.1`, compatible, NAT64, 6to4) is judged by
 * the IPv4 address inside. A string that is not an IP address is `reserved`.
 *
 * @example
 * ```ts
 * classifyAddress('169.254.169.254'); // 'link-local'
 * classifyAddress('::ffff:7f00:1');   // 'loopback'
 * classifyAddress('93.184.216.34');   // null
 * ```
 */
export function classifyAddress(address: string): AddressClass | null {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(ip)) return classifyV4(ip.split('.').map(Number));
  const g = parseIPv6(ip);
  if (!g) return 'reserved';
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (zeros(0, 5) && g[5] === 0xffff) return classifyV4(v4(g[6], g[7])); // ::ffff:a.b.c.d, mapped
  if (zeros(0, 6)) return classifyV4(v4(g[6], g[7])) ?? 'reserved'; // ::a.b.c.d, the deprecated compatible form
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return classifyV4(v4(g[6], g[7])); // NAT64
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private'; // local-use NAT64
  if (g[0] === 0x2002) return classifyV4(v4(g[1], g[2])); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) return 'reserved'; // Teredo hides the real address
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'reserved'; // documentation
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // site-local, deprecated
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3
  return null;
}

function classifyV4([a, b, c, d]: number[]): AddressClass | null {
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a === 255 && b === 255 && c === 255 && d === 255) return 'broadcast';
  if (a >= 240) return 'reserved';
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return 'reserved'; // IETF assignments, documentation
  if (a === 192 && b === 88 && c === 99) return 'reserved'; // 6to4 relay
  if (a === 198 && (b === 18 || b === 19)) return 'reserved'; // benchmarking
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved'; // documentation
  return null;
}

/** Eight 16-bit groups of an IPv6 address, or null. */
function parseIPv6(ip: string): number[] | null {
  if (isIP(ip) !== 6) return null;
  let text = ip.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1].split('.').map(Number);
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right].map((x) => parseInt(x, 16));
  return groups.length === 8 && groups.every((x) => Number.isInteger(x)) ? groups : null;
}

/** The refusal for a non-public address, or null when the policy lets it through. */
function refusal(policy: NetPolicy, address: string, host: string, via: string): LatheError | null {
  if (policy.allowPrivateHosts) return null;
  const cls = (policy.classify ?? classifyAddress)(address);
  if (cls === null) return null;
  const what = isIP(host) ? `${address} is ${ADDRESS_CLASS_LABELS[cls]}` : `"${host}" resolves to ${address}, ${ADDRESS_CLASS_LABELS[cls]}`;
  return new LatheError('PRIVATE_ADDRESS', `refused to ${via}: ${what}`, { hint: policy.optIn });
}

/** A socket `lookup` that resolves through the policy's resolver and refuses non-public addresses. */
function guardedLookup(policy: NetPolicy, via: string, onRefused: (e: LatheError) => void): LookupFunction {
  const resolve = policy.lookup ?? systemLookup;
  return ((hostname: string, options: { all?: boolean; family?: number | string }, cb: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (found) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family) || 0;
        const addrs = found.filter((a) => !family || a.family === family);
        // Every address is checked, not only the first: the socket may try them all.
        for (const a of addrs) {
          const e = refusal(policy, a.address, hostname, via);
          if (e) {
            onRefused(e);
            return cb(e);
          }
        }
        if (addrs.length === 0) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
        if (options.all) return cb(null, addrs.map((a) => ({ address: a.address, family: a.family })));
        cb(null, addrs[0].address, addrs[0].family);
      },
      (e) => cb(e),
    );
  }) as unknown as LookupFunction;
}

/** One request of {@link policyRequest}. */
export interface PolicyRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Redirects followed at most (each hop checked by the policy); 0 returns a 3xx as it is. Default 0. */
  maxRedirects?: number;
}

/** The answer of {@link policyRequest}: status, headers and the body, decoded from any Content-Encoding. */
export interface PolicyResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: URL;
  body: Readable;
  /** Stops reading and lets the connection go. */
  cancel(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * An HTTP(S) request under a {@link NetPolicy}. Every connection, on every
 * redirect hop, is checked on the address it connects to; a refusal is a
 * `PRIVATE_ADDRESS` LatheError (exit 2) naming the address class, with the
 * policy's opt-in as its hint. Credentials (`authorization`) are dropped on
 * a redirect to another origin. Network failures reject with Node's error.
 *
 * @example
 * ```ts
 * const res = await policyRequest(new URL('https://example.com/x.csv'), { allowPrivateHosts: false, optIn: 'pass --allow-private-hosts' }, { maxRedirects: 10 });
 * for await (const chunk of res.body) process.stdout.write(chunk);
 * ```
 */
export async function policyRequest(start: URL, policy: NetPolicy, init: PolicyRequestInit = {}): Promise<PolicyResponse> {
  let url = new URL(start);
  let method = init.method ?? 'GET';
  let body = init.body;
  const headers: Record<string, string> = { ...init.headers };
  const max = init.maxRedirects ?? 0;
  for (let hop = 0; ; hop++) {
    const via = hop === 0 ? 'connect' : `follow the redirect to ${redactUrl(url.toString())}`;
    const res = await requestOnce(url, method, headers, body, policy, via, init.signal);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location || max === 0) return wrap(res, url, init.signal);
    res.destroy();
    if (hop >= max) throw new LatheError('HTTP_ERROR', `more than ${max} redirects`, { hint: 'check the URL; the server redirects in a loop' });
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new LatheError('HTTP_ERROR', 'redirected to an invalid URL', { hint: 'check the URL' });
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new LatheError('HTTP_ERROR', `redirected to a ${next.protocol} URL, which is not followed`, { hint: 'use the final http(s) URL' });
    }
    if (next.origin !== url.origin) delete headers.authorization;
    if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      delete headers['content-type'];
    }
    url = next;
  }
}

function requestOnce(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  policy: NetPolicy,
  via: string,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // The socket skips `lookup` for IP literals, so they are judged here, before connecting.
  if (isIP(host)) {
    const e = refusal(policy, host, host, via);
    if (e) return Promise.reject(e);
  }
  return new Promise((resolve, reject) => {
    let refused: LatheError | undefined;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy, via, (e) => (refused = e)),
        signal,
        agent: false,
      },
      resolve,
    );
    req.on('error', (e) => reject(refused ?? e));
    req.end(body);
  });
}

function wrap(res: IncomingMessage, url: URL, signal: AbortSignal | undefined): PolicyResponse {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  let out: Readable = res;
  if (decoder) {
    res.on('error', (e) => decoder.destroy(e));
    out = res.pipe(decoder);
  }
  const cancel = () => {
    res.destroy();
    decoder?.destroy();
  };
  const onAbort = () => {
    const e = Object.assign(new Error('aborted'), { name: 'AbortError' });
    res.destroy(e);
    decoder?.destroy(e);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  out.once('close', () => signal?.removeEventListener('abort', onAbort));
  return { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, url, body: out, cancel };
}
