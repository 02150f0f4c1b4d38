// URL fetching for `analyze` and `ingest`: http(s) only, bounded redirects, an
// overall time-out, a size cap on the decoded body, a content-type check, the
// charset from the headers and a clear user agent. Every address the host name
// resolves to is checked, at connection time, against private, loopback,
// link-local and other non-public ranges, refused unless `allowPrivate`.
import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import net from "node:net";
import zlib from "node:zlib";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";

export interface FetchOptions {
  /** Allow private, loopback and link-local addresses (tests, intranets). */
  allowPrivate?: boolean;
  /** Time limit for the whole fetch, redirects included. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes after decompression. */
  maxBytes?: number;
  /** Largest number of redirects followed. */
  maxRedirects?: number;
  userAgent?: string;
}

export interface FetchResult {
  finalUrl: string;
  status: number;
  contentType: string;
  bytes: Uint8Array;
  charset?: string;
}

export const FETCH_DEFAULTS = {
  allowPrivate: false,
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "newsgraph/0.1 (news article extraction; +https://github.com/newsgraph/newsgraph)",
} as const;

/** Media types we can read: HTML, XHTML, XML feeds and plain text. */
const ACCEPTED_TYPE = /^(text\/html|application\/xhtml\+xml|text\/plain|text\/xml|application\/(?:rss\+|atom\+)?xml)$/;
const ACCEPT_HEADER = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8";
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const CHARSET_PARAM = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** Ranges that are not the public internet (IANA special-purpose registries). */
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
];
const BLOCKED_V6: [string, number][] = [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
];
const V4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export class FetchError extends Error {
  override name = "FetchError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
export class InvalidUrlError extends FetchError {
  override name = "InvalidUrlError";
}
export class BlockedAddressError extends FetchError {
  override name = "BlockedAddressError";
}
export class DnsError extends FetchError {
  override name = "DnsError";
}
export class TimeoutError extends FetchError {
  override name = "TimeoutError";
}
export class TooManyRedirectsError extends FetchError {
  override name = "TooManyRedirectsError";
}
export class HttpStatusError extends FetchError {
  override name = "HttpStatusError";
  constructor(message: string, readonly status: number) {
    super(message);
  }
}
export class ContentTypeError extends FetchError {
  override name = "ContentTypeError";
}
export class TooLargeError extends FetchError {
  override name = "TooLargeError";
}
export class NetworkError extends FetchError {
  override name = "NetworkError";
}

const blockList = new net.BlockList();
for (const [a, p] of BLOCKED_V4) blockList.addSubnet(a, p, "ipv4");
for (const [a, p] of BLOCKED_V6) blockList.addSubnet(a, p, "ipv6");

/** Is this IP address outside the public internet? */
export function isPrivateAddress(address: string): boolean {
  const mapped = V4_MAPPED.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = net.isIP(address);
  if (family === 4) return blockList.check(address, "ipv4");
  if (family === 6) return blockList.check(address, "ipv6");
  return true;
}

function parseUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (cause) {
    throw new InvalidUrlError(`not a valid URL: "${raw}"`, { cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidUrlError(`only http and https URLs can be fetched, not "${url.protocol}" (${raw})`);
  }
  return url;
}

/** A DNS lookup that refuses non-public addresses, used by the socket itself. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(new DnsError(`cannot resolve host "${hostname}" (${err.code ?? err.message})`, { cause: err }), "", 4);
      const list = addresses as dns.LookupAddress[];
      const blocked = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (blocked) {
        return callback(new BlockedAddressError(`refusing to fetch "${hostname}": it resolves to the non-public address ${blocked.address} (use --allow-private to allow)`), "", 4);
      }
      if (options.all) return callback(null, list as unknown as string, 4);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

function bodyStream(res: http.IncomingMessage): Readable {
  const enc = String(res.headers["content-encoding"] ?? "").toLowerCase();
  if (enc === "gzip" || enc === "x-gzip") return res.pipe(zlib.createGunzip());
  if (enc === "deflate") return res.pipe(zlib.createInflate());
  if (enc === "br") return res.pipe(zlib.createBrotliDecompress());
  return res;
}

function request(url: URL, opts: Required<FetchOptions>, signal: AbortSignal): Promise<http.IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !opts.allowPrivate && isPrivateAddress(host)) {
    throw new BlockedAddressError(`refusing to fetch ${url.href}: ${host} is a non-public address (use --allow-private to allow)`);
  }
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(url, {
      headers: { "user-agent": opts.userAgent, accept: ACCEPT_HEADER, "accept-encoding": "gzip, deflate, br" },
      lookup: guardedLookup(opts.allowPrivate),
      signal,
    });
    req.on("response", resolve);
    req.on("error", (err) => reject(wrapError(err, url)));
  });
}

function wrapError(err: unknown, url: URL): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException;
  return new NetworkError(`cannot fetch ${url.href}: ${e.code ?? e.message}`, { cause: err });
}

function readBody(res: http.IncomingMessage, url: URL, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes && !res.headers["content-encoding"]) {
    res.destroy();
    return Promise.reject(new TooLargeError(`${url.href} is ${declared} bytes, more than the limit of ${maxBytes}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = bodyStream(res);
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        stream.destroy();
        reject(new TooLargeError(`${url.href} is larger than the limit of ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    stream.on("error", (err) => reject(wrapError(err, url)));
    res.on("error", (err) => reject(wrapError(err, url)));
  });
}

export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const opts: Required<FetchOptions> = { ...FETCH_DEFAULTS, ...options };
  let current = parseUrl(url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    for (let hops = 0; ; hops++) {
      const res = await request(current, opts, controller.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUS.has(status) && res.headers.location) {
        res.resume();
        if (hops >= opts.maxRedirects) throw new TooManyRedirectsError(`${url} redirects more than ${opts.maxRedirects} times`);
        current = parseUrl(res.headers.location, current.href);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new HttpStatusError(`${current.href} answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}`, status);
      }
      const header = String(res.headers["content-type"] ?? "");
      const contentType = header.split(";")[0].trim().toLowerCase();
      if (contentType && !ACCEPTED_TYPE.test(contentType)) {
        res.resume();
        throw new ContentTypeError(`${current.href} is "${contentType}", not an HTML or text page`);
      }
      const bytes = await readBody(res, current, opts.maxBytes);
      const charset = CHARSET_PARAM.exec(header)?.[1]?.toLowerCase();
      const result: FetchResult = { finalUrl: current.href, status, contentType: contentType || "text/html", bytes };
      if (charset) result.charset = charset;
      return result;
    }
  } catch (err) {
    if (controller.signal.aborted) throw new TimeoutError(`fetching ${current.href} took longer than ${opts.timeoutMs} ms`, { cause: err });
    throw wrapError(err, current);
  } finally {
    clearTimeout(timer);
  }
}
