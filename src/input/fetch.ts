// URL fetching for `analyze`, `ingest` and `watch`: http(s) only, bounded
// redirects, an overall time-out, a size cap on the decoded body, a content-type
// check (pages; or documents: feeds, sitemaps, robots.txt, gzip files among
// them), the charset from the headers and a clear user agent. Conditional GET:
// validators (ETag, Last-Modified) are sent when given, and then a 304 is an
// answer, not an error; the validators of the response come back. A gate, when
// given, is passed before every request (redirects too) and told when the
// request has reached the server and when its response is done, so a caller can space
// and bound the requests to each host; the time spent waiting at the gate does
// not count against the time-out. An error status keeps its Retry-After. Every address the host name
// resolves to is checked, at connection time, against private, loopback,
// link-local and other non-public ranges, refused unless `allowPrivate`; IPv6
// addresses that embed an IPv4 address (mapped, compatible, NAT64, 6to4,
// Teredo) are judged by the address they embed. A body that does not complete
// in time is an error, and so is a binary body, whatever its declared type.
import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import net from "node:net";
import zlib from "node:zlib";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { isBinary } from "./decode.js";

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
  /** Name resolution (dns.lookup; replaceable in tests). Its answers are checked when the socket connects. */
  resolve?: Resolver;
  /** What is accepted: an article page (HTML, text) or a document (also feeds, sitemaps, JSON, gzip files). */
  accept?: Accept;
  /** Validators of the copy we hold: sent as If-None-Match / If-Modified-Since, and a 304 answer is then accepted. */
  validators?: Validators;
  /** Passed before each request (see Gate). */
  gate?: Gate | null;
  /** Aborts the fetch from outside (a stop request). */
  signal?: AbortSignal | null;
}

export type Accept = "page" | "document";

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/**
 * Leave to send one request: `reached` when the server has surely received it
 * (its response has begun), `release` when the response is done or the
 * request failed.
 */
export interface Permit {
  reached(): void;
  release(): void;
}

/** Waits until a request to this URL may be made (or the signal aborts); may refuse it by throwing a FetchError. */
export type Gate = (url: URL, signal: AbortSignal) => Promise<Permit>;

/** The shape of dns.lookup with `all: true`. */
export type Resolver = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

export interface FetchResult {
  finalUrl: string;
  status: number;
  contentType: string;
  bytes: Uint8Array;
  charset?: string;
  /** 304: the copy we hold is current (only when validators were sent); `bytes` is empty. */
  notModified?: boolean;
  /** The validators of this response, for the next conditional request. */
  etag?: string;
  lastModified?: string;
}

function systemResolver(...[hostname, options, callback]: Parameters<Resolver>): void {
  dns.lookup(hostname, options, callback);
}

export const FETCH_DEFAULTS = {
  allowPrivate: false,
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "newsgraph/0.1 (news article extraction; +https://github.com/newsgraph/newsgraph)",
  resolve: systemResolver,
  accept: "page" as Accept,
  validators: {} as Validators,
  gate: null as Gate | null,
  signal: null as AbortSignal | null,
};

/** Media types we can read: HTML, XHTML, XML feeds and plain text. */
const ACCEPTED_TYPE = /^(text\/html|application\/xhtml\+xml|text\/plain|text\/xml|application\/(?:rss\+|atom\+)?xml)$/;
/** Documents (feeds, sitemaps, robots.txt) may also be JSON (JSON Feed), RDF, or gzip files (sitemap.xml.gz). */
const DOCUMENT_TYPE = /^(text\/html|application\/xhtml\+xml|text\/plain|text\/xml|application\/(?:(?:rss|atom|rdf)\+)?xml|application\/(?:feed\+)?json|application\/(?:x-)?gzip|application\/octet-stream)$/;
const ACCEPT_HEADERS: Record<Accept, string> = {
  page: "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8",
  document: "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/plain;q=0.7,text/html;q=0.5",
};
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const NOT_MODIFIED = 304;
const GZIP_MAGIC = [0x1f, 0x8b];
const MS_PER_SECOND = 1000;
/** A time-out timer this late was held up by this thread's own work (an analysis), not by the server. */
const LOOP_LAG_MS = 50;
const CHARSET_PARAM = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** Ranges that are not the public internet (IANA special-purpose registries). */
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
];
/** IPv6 ranges refused whole; ::/96 holds the unspecified and loopback addresses and the deprecated IPv4-compatible ones. */
const BLOCKED_V6: [string, number][] = [
  ["::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001:db8::", 32], ["2001:10::", 28], ["2001:20::", 28], ["fc00::", 7], ["fe80::", 10],
  ["fec0::", 10], ["ff00::", 8],
];
/**
 * IPv6 prefixes whose addresses carry an IPv4 address: prefix groups, and the
 * 16-bit groups holding the IPv4 address (XOR mask for Teredo's obfuscated client).
 */
const EMBEDS_V4: { prefix: number[]; groups: [number, number]; xor?: number }[] = [
  { prefix: [0, 0, 0, 0, 0, 0xffff], groups: [6, 7] }, // ::ffff:a.b.c.d (mapped)
  { prefix: [0, 0, 0, 0, 0xffff, 0], groups: [6, 7] }, // ::ffff:0:a.b.c.d (translated)
  { prefix: [0x64, 0xff9b, 0, 0, 0, 0], groups: [6, 7] }, // NAT64
  { prefix: [0x2002], groups: [1, 2] }, // 6to4
  { prefix: [0x2001, 0], groups: [2, 3] }, // Teredo server
  { prefix: [0x2001, 0], groups: [6, 7], xor: 0xffff }, // Teredo client
];
const IPV6_GROUPS = 8;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

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
  constructor(
    message: string,
    readonly status: number,
    /** How long the server asked us to wait (Retry-After), in ms. */
    readonly retryAfterMs?: number,
    /** The address that answered. */
    readonly url?: string,
  ) {
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

/** The eight 16-bit groups of an IPv6 address (any spelling, zone id ignored), or null. */
export function ipv6Groups(address: string): number[] | null {
  let a = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const dotted = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    if (net.isIP(dotted[1]) !== 4) return null;
    const [b0, b1, b2, b3] = dotted[1].split(".").map(Number);
    a = `${a.slice(0, a.length - dotted[1].length)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const halves = a.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === "" ? [] : h.split(":"));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = IPV6_GROUPS - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => HEX_GROUP.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function v4FromGroups(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/**
 * Is this IP address outside the public internet? IPv4 in dotted form (URLs
 * normalise the decimal, octal and hex spellings to it), IPv6 in any spelling;
 * anything that is not an address counts as private.
 */
export function isPrivateAddress(address: string): boolean {
  if (net.isIP(address) === 4) return blockList.check(address, "ipv4");
  const g = ipv6Groups(address);
  if (!g) return true;
  for (const e of EMBEDS_V4) {
    if (e.prefix.every((p, i) => g[i] === p)) {
      const mask = e.xor ?? 0;
      if (isPrivateAddress(v4FromGroups(g[e.groups[0]] ^ mask, g[e.groups[1]] ^ mask))) return true;
    }
  }
  return blockList.check(g.map((x) => x.toString(16)).join(":"), "ipv6");
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
function guardedLookup(allowPrivate: boolean, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, list) => {
      if (err) return callback(new DnsError(`cannot resolve host "${hostname}" (${err.code ?? err.message})`, { cause: err }), "", 4);
      if (!list.length) return callback(new DnsError(`cannot resolve host "${hostname}" (no address)`), "", 4);
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

function requestHeaders(opts: Required<FetchOptions>): Record<string, string> {
  const headers: Record<string, string> = { "user-agent": opts.userAgent, accept: ACCEPT_HEADERS[opts.accept], "accept-encoding": "gzip, deflate, br" };
  if (opts.validators.etag) headers["if-none-match"] = opts.validators.etag;
  if (opts.validators.lastModified) headers["if-modified-since"] = opts.validators.lastModified;
  return headers;
}

function request(url: URL, opts: Required<FetchOptions>, signal: AbortSignal, permit: Permit | null): Promise<http.IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !opts.allowPrivate && isPrivateAddress(host)) {
    throw new BlockedAddressError(`refusing to fetch ${url.href}: ${host} is a non-public address (use --allow-private to allow)`);
  }
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(url, { headers: requestHeaders(opts), lookup: guardedLookup(opts.allowPrivate, opts.resolve), signal });
    req.on("response", (res) => {
      permit?.reached();
      resolve(res);
    });
    req.on("error", (err) => reject(wrapError(err, url)));
  });
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * MS_PER_SECOND;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function header(res: http.IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A gzip file (sitemap.xml.gz) inflated, within the size limit. */
function gunzipDocument(bytes: Uint8Array, url: URL, maxBytes: number): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  try {
    return new Uint8Array(zlib.gunzipSync(bytes, { maxOutputLength: maxBytes }));
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new TooLargeError(`${url.href} inflates to more than the limit of ${maxBytes} bytes`);
    throw new ContentTypeError(`${url.href} is a damaged gzip file (${(err as Error).message})`);
  }
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
    stream.on("end", () => {
      if (res.complete) resolve(new Uint8Array(Buffer.concat(chunks)));
      else reject(new NetworkError(`${url.href}: the connection ended before the whole body arrived`));
    });
    stream.on("error", (err) => reject(wrapError(err, url)));
    res.on("error", (err) => reject(wrapError(err, url)));
  });
}

/**
 * The time-out of a fetch: one budget for the whole fetch, redirects included,
 * that does not run while the fetch waits at the gate, nor while this thread
 * was too busy to read the answer (a timer that fires late by more than
 * LOOP_LAG_MS measures the thread's work, not the server: that time is given
 * back, up to the budget once more, after the waiting input has been read).
 */
class Budget {
  readonly controller = new AbortController();
  private spent = 0;
  private since = 0;
  private forgiven = 0;
  private forgivenHere = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly onAbort: (() => void) | null = null;
  constructor(private readonly ms: number, private readonly outer: AbortSignal | null) {
    if (outer) {
      if (outer.aborted) this.controller.abort(outer.reason);
      else {
        this.onAbort = () => this.controller.abort(outer.reason);
        outer.addEventListener("abort", this.onAbort, { once: true });
      }
    }
  }
  /** The fetch is over: stop listening to the outer signal. */
  dispose(): void {
    this.pause();
    if (this.outer && this.onAbort) this.outer.removeEventListener("abort", this.onAbort);
  }
  run(): void {
    this.since = performance.now();
    this.forgivenHere = 0;
    this.arm(Math.max(0, this.ms - this.spent));
  }
  private arm(delay: number): void {
    const due = performance.now() + delay;
    this.timer = setTimeout(() => {
      const late = performance.now() - due;
      if (late > LOOP_LAG_MS && this.forgiven + late <= this.ms) {
        this.forgiven += late;
        this.forgivenHere += late;
        this.arm(late);
      } else this.controller.abort(new TimeoutError("time-out"));
    }, delay);
  }
  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.spent += performance.now() - this.since - this.forgivenHere;
  }
  get timedOut(): boolean {
    return this.controller.signal.reason instanceof TimeoutError;
  }
}

export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const opts: Required<FetchOptions> = { ...FETCH_DEFAULTS, ...options };
  const conditional = Boolean(opts.validators.etag || opts.validators.lastModified);
  const accepted = opts.accept === "document" ? DOCUMENT_TYPE : ACCEPTED_TYPE;
  let current = parseUrl(url);
  const budget = new Budget(opts.timeoutMs, opts.signal);
  const signal = budget.controller.signal;
  try {
    for (let hops = 0; ; hops++) {
      const permit = opts.gate ? await opts.gate(current, signal) : null;
      if (signal.aborted) {
        permit?.release();
        throw signal.reason;
      }
      budget.run();
      try {
        const res = await request(current, opts, signal, permit);
        const status = res.statusCode ?? 0;
        if (REDIRECT_STATUS.has(status) && res.headers.location) {
          res.resume();
          if (hops >= opts.maxRedirects) throw new TooManyRedirectsError(`${url} redirects more than ${opts.maxRedirects} times`);
          current = parseUrl(res.headers.location, current.href);
          continue;
        }
        const validators = { etag: header(res, "etag"), lastModified: header(res, "last-modified") };
        if (status === NOT_MODIFIED && conditional) {
          res.resume();
          return { finalUrl: current.href, status, contentType: "", bytes: new Uint8Array(0), notModified: true, ...defined(validators) };
        }
        if (status < 200 || status >= 300) {
          res.resume();
          throw new HttpStatusError(`${current.href} answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}`, status, retryAfterMs(header(res, "retry-after")), current.href);
        }
        const head = String(res.headers["content-type"] ?? "");
        const contentType = head.split(";")[0].trim().toLowerCase();
        if (contentType && !accepted.test(contentType)) {
          res.resume();
          throw new ContentTypeError(`${current.href} is "${contentType}", not ${opts.accept === "document" ? "a feed, sitemap or text document" : "an HTML or text page"}`);
        }
        let bytes = await readBody(res, current, opts.maxBytes);
        if (opts.accept === "document") bytes = gunzipDocument(bytes, current, opts.maxBytes);
        if (isBinary(bytes)) throw new ContentTypeError(`${current.href} is binary content${contentType ? ` (declared "${contentType}")` : ""}, not an HTML or text page`);
        const charset = CHARSET_PARAM.exec(head)?.[1]?.toLowerCase();
        const result: FetchResult = { finalUrl: current.href, status, contentType: contentType || "text/html", bytes, ...defined(validators) };
        if (charset) result.charset = charset;
        return result;
      } finally {
        budget.pause();
        permit?.release();
      }
    }
  } catch (err) {
    if (budget.timedOut) throw new TimeoutError(`fetching ${current.href} took longer than ${opts.timeoutMs} ms`, { cause: err });
    if (signal.aborted && !(err instanceof FetchError)) throw new FetchError(`fetching ${current.href} was stopped`, { cause: err });
    throw wrapError(err, current);
  } finally {
    budget.dispose();
  }
}

/** The fields of an object that are not undefined. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
