// Polite fetching: every request goes through fetchUrl with a gate that keeps
// to the manners of a good crawler, per host (host name and port):
//  - robots.txt is honoured (robots-parser), fetched once per origin and
//    cached (and remembered in a HostMemory, e.g. the store, across runs); a
//    Crawl-delay widens the gap up to a ceiling;
//  - at least `gapMs` between requests to one host, measured from the moment
//    the previous request had surely reached the server (its response began;
//    a request waits until the one before it has), so however late a request
//    leaves this process, the server never sees two closer than the gap; at
//    most `perHost` requests to one host at once and `concurrency` in all;
//  - back-off: a 429 or 503 holds the host for its Retry-After (or a doubling
//    pause when it gives none), other server and network errors for a
//    doubling pause; a success clears it. The hold is remembered too, and a
//    request to a host held for longer than maxHoldWaitMs fails at once.
import robotsModule from "robots-parser";
import { FetchError, HttpStatusError, fetchUrl, type FetchOptions, type FetchResult, type Permit } from "./fetch.js";

export interface PolitenessOptions {
  /** Least time between two requests to one host, in ms. */
  gapMs: number;
  /** Most requests to one host at once. */
  perHost: number;
  /** Most requests at once, all hosts together. */
  concurrency: number;
  /** Honour robots.txt. */
  robots: boolean;
  /** The product token matched against robots.txt User-agent lines. */
  robotsAgent: string;
  /** The longest Crawl-delay honoured (a longer one is cut to this). */
  maxCrawlDelayMs: number;
  /** How long a robots.txt is believed before it is fetched again. */
  robotsTtlMs: number;
  /** How long a robots.txt that could not be read (server error, time-out) keeps the host closed before it is tried again. */
  robotsRetryMs: number;
  /** The first back-off after an error of a host; it doubles with each further error, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** The longest Retry-After honoured. */
  maxRetryAfterMs: number;
  /** A request to a host held longer than this is refused at once (HostHeldError) rather than kept waiting. */
  maxHoldWaitMs: number;
  /** Where host state (robots.txt, holds) is remembered across runs. */
  memory: HostMemory | null;
  /** The options of every fetch (time-out, size, private addresses, user agent …). */
  fetch: FetchOptions;
}

export const POLITENESS_DEFAULTS: PolitenessOptions = {
  gapMs: 5_000,
  perHost: 2,
  concurrency: 8,
  robots: true,
  robotsAgent: "newsgraph",
  maxCrawlDelayMs: 60_000,
  robotsTtlMs: 24 * 3_600_000,
  robotsRetryMs: 30 * 60_000,
  backoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  maxRetryAfterMs: 6 * 3_600_000,
  maxHoldWaitMs: 60_000,
  memory: null,
  fetch: {},
};

/** What is remembered of a host between runs. */
export interface HostRecord {
  /** No request before this time (ISO 8601). */
  notBefore?: string;
  robots?: { origin: string; status: number; text: string; fetchedAt: string };
}

export interface HostMemory {
  load(host: string): Promise<HostRecord | null>;
  save(host: string, record: HostRecord): Promise<void>;
}

export class RobotsDisallowedError extends FetchError {
  override name = "RobotsDisallowedError";
}
export class StoppedError extends FetchError {
  override name = "StoppedError";
}
/** The host asked us to wait (Retry-After, back-off) longer than we wait for one request. */
export class HostHeldError extends FetchError {
  override name = "HostHeldError";
  constructor(message: string, readonly untilMs: number) {
    super(message);
  }
}

/** robots-parser is CommonJS: its module object is the parser function its types call `default`. */
const robotsParser = robotsModule as unknown as typeof robotsModule.default;
type Robot = ReturnType<typeof robotsParser>;

/** Status codes that ask us to come back later. */
const SLOW_DOWN = new Set([429, 503]);
const SERVER_ERROR_MIN = 500;
const CLIENT_ERROR_MIN = 400;
const ROBOTS_PATH = "/robots.txt";
const ROBOTS_MAX_BYTES = 512 * 1024;
const MS_PER_SECOND = 1000;

interface Waiter {
  resolve: (p: Permit) => void;
  reject: (e: Error) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

interface Robots {
  origin: string;
  status: number;
  fetchedAt: number;
  text: string;
  robot: Robot | null;
  /** The robots.txt could not be read: nothing is allowed until it is tried again. */
  closed: boolean;
}

interface Host {
  key: string;
  active: number;
  /** Granted requests that have not surely reached the server yet. */
  unsent: number;
  /** When the last request had surely reached the server (performance.now()). */
  lastSent: number;
  /** No grant before this (performance.now()). */
  notBefore: number;
  /** The gap of this host: the configured one, or the robots.txt Crawl-delay when longer. */
  gapMs: number;
  errors: number;
  waiters: Waiter[];
  loaded: Promise<void> | null;
  robots: Robots | null;
  robotsLoading: Promise<Robots> | null;
}

/** Counts of what a fetcher did, for progress lines and checks. */
export interface PolitenessStats {
  requests: number;
  robotsFetched: number;
  robotsRefused: number;
  backoffs: number;
  /** Most requests in flight at once, overall and to any one host. */
  peakConcurrency: number;
  peakPerHost: number;
}

export class PoliteFetcher {
  readonly options: PolitenessOptions;
  private readonly hosts = new Map<string, Host>();
  private active = 0;
  private wake: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;
  private readonly counts: PolitenessStats = { requests: 0, robotsFetched: 0, robotsRefused: 0, backoffs: 0, peakConcurrency: 0, peakPerHost: 0 };

  constructor(options: Partial<PolitenessOptions> = {}) {
    this.options = { ...POLITENESS_DEFAULTS, ...options };
    if (this.options.gapMs < 0 || this.options.perHost < 1 || this.options.concurrency < 1) throw new RangeError("politeness: the gap must be ≥ 0 and the limits ≥ 1");
  }

  get stats(): PolitenessStats {
    return { ...this.counts };
  }

  /** Fetch a URL politely (gap, limits, back-off, and robots.txt unless `manners.robots` is false: a URL a person named). */
  async fetch(url: string, options: FetchOptions = {}, manners: { robots?: boolean } = {}): Promise<FetchResult> {
    const o = { ...this.options.fetch, ...options };
    const signal = o.signal ?? new AbortController().signal;
    try {
      const result = await fetchUrl(url, { ...o, gate: (u, s) => this.pass(u, s, manners.robots !== false) });
      this.succeeded(result.finalUrl);
      return result;
    } catch (err) {
      if (!signal.aborted) this.failed(url, err);
      throw err;
    }
  }

  /** The robots.txt of a URL's origin (fetched politely when not cached), or null when robots are not honoured. */
  async robotsFor(url: string, signal?: AbortSignal): Promise<{ sitemaps: string[]; crawlDelayMs?: number } | null> {
    if (!this.options.robots) return null;
    const u = new URL(url);
    const host = this.host(u);
    await this.load(host);
    const r = await this.robots(host, u, signal ?? new AbortController().signal);
    if (!r.robot) return { sitemaps: [] };
    const delay = r.robot.getCrawlDelay(this.options.robotsAgent);
    return { sitemaps: r.robot.getSitemaps(), ...(delay !== undefined ? { crawlDelayMs: delay * MS_PER_SECOND } : {}) };
  }

  /** Refuse every waiting request (a stop). */
  close(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    for (const host of this.hosts.values()) {
      for (const w of host.waiters.splice(0)) {
        w.signal.removeEventListener("abort", w.onAbort);
        w.reject(new StoppedError("stopped"));
      }
    }
  }

  private host(url: URL): Host {
    let h = this.hosts.get(url.host);
    if (!h) {
      h = { key: url.host, active: 0, unsent: 0, lastSent: -Infinity, notBefore: -Infinity, gapMs: this.options.gapMs, errors: 0, waiters: [], loaded: null, robots: null, robotsLoading: null };
      this.hosts.set(url.host, h);
    }
    return h;
  }

  /** The gate of one request: the host's remembered state, robots.txt, then a slot. */
  private async pass(url: URL, signal: AbortSignal, checkRobots: boolean): Promise<Permit> {
    const host = this.host(url);
    await this.load(host);
    if (checkRobots && this.options.robots) {
      const r = await this.robots(host, url, signal);
      const allowed = r.closed ? false : r.robot ? r.robot.isAllowed(url.href, this.options.robotsAgent) !== false : true;
      if (!allowed) {
        this.counts.robotsRefused++;
        throw new RobotsDisallowedError(
          r.closed ? `${url.href}: robots.txt of ${url.host} could not be read (HTTP ${r.status || "error"}); the host is left alone for now` : `${url.href} is disallowed by robots.txt`,
        );
      }
    }
    const held = host.notBefore - performance.now();
    if (held > this.options.maxHoldWaitMs) {
      const until = Date.now() + held;
      throw new HostHeldError(`${url.host} asked us to wait until ${new Date(until).toISOString()}`, until);
    }
    return this.acquire(host, signal);
  }

  private load(host: Host): Promise<void> {
    const memory = this.options.memory;
    host.loaded ??= (async () => {
      const rec = memory ? await memory.load(host.key) : null;
      if (rec?.notBefore) host.notBefore = Math.max(host.notBefore, this.monotonic(Date.parse(rec.notBefore)));
      if (rec?.robots && Date.now() - Date.parse(rec.robots.fetchedAt) < this.options.robotsTtlMs) {
        host.robots = this.parseRobots(host, rec.robots.origin, rec.robots.status, rec.robots.text, Date.parse(rec.robots.fetchedAt));
      }
    })();
    return host.loaded;
  }

  /** A wall-clock time as performance.now() time. */
  private monotonic(epochMs: number): number {
    return performance.now() + (epochMs - Date.now());
  }

  private parseRobots(host: Host, origin: string, status: number, text: string, fetchedAt: number): Robots {
    const closed = status === 0 || status >= SERVER_ERROR_MIN || status === 429;
    const robot = status >= 200 && status < 300 ? robotsParser(`${origin}${ROBOTS_PATH}`, text) : null;
    const delay = robot?.getCrawlDelay(this.options.robotsAgent);
    if (delay !== undefined && Number.isFinite(delay)) host.gapMs = Math.max(this.options.gapMs, Math.min(this.options.maxCrawlDelayMs, delay * MS_PER_SECOND));
    return { origin, status, fetchedAt, text: robot ? text : "", robot, closed };
  }

  private async robots(host: Host, url: URL, signal: AbortSignal): Promise<Robots> {
    const r = host.robots;
    const ttl = r?.closed ? this.options.robotsRetryMs : this.options.robotsTtlMs;
    if (r && r.origin === url.origin && Date.now() - r.fetchedAt < ttl) return r;
    host.robotsLoading ??= this.fetchRobots(host, url, signal).finally(() => {
      host.robotsLoading = null;
    });
    return host.robotsLoading;
  }

  private async fetchRobots(host: Host, url: URL, signal: AbortSignal): Promise<Robots> {
    const robotsUrl = new URL(ROBOTS_PATH, url.origin).href;
    let status = 0;
    let text = "";
    try {
      const res = await fetchUrl(robotsUrl, { ...this.options.fetch, signal, accept: "document", maxBytes: ROBOTS_MAX_BYTES, gate: (u, s) => this.pass(u, s, false) });
      status = res.status;
      text = Buffer.from(res.bytes).toString("utf8");
    } catch (err) {
      if (signal.aborted) throw new StoppedError("stopped", { cause: err });
      if (err instanceof HttpStatusError) status = err.status;
      else if (!(err instanceof FetchError) || err.name === "ContentTypeError" || err.name === "TooLargeError") status = 404;
      if (err instanceof HttpStatusError && SLOW_DOWN.has(err.status)) this.failed(robotsUrl, err);
    }
    this.counts.robotsFetched++;
    const fetchedAt = Date.now();
    host.robots = this.parseRobots(host, url.origin, status, text, fetchedAt);
    await this.remember(host).catch(() => undefined);
    return host.robots;
  }

  private async remember(host: Host): Promise<void> {
    if (!this.options.memory) return;
    const rec: HostRecord = {};
    if (host.notBefore > performance.now()) rec.notBefore = new Date(Date.now() + (host.notBefore - performance.now())).toISOString();
    if (host.robots) rec.robots = { origin: host.robots.origin, status: host.robots.status, text: host.robots.text, fetchedAt: new Date(host.robots.fetchedAt).toISOString() };
    await this.options.memory.save(host.key, rec);
  }

  private acquire(host: Host, signal: AbortSignal): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      if (signal.aborted) return reject(new StoppedError("stopped"));
      const w: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = host.waiters.indexOf(w);
          if (i >= 0) host.waiters.splice(i, 1);
          reject(new StoppedError("stopped"));
        },
      };
      signal.addEventListener("abort", w.onAbort, { once: true });
      host.waiters.push(w);
      this.pump();
    });
  }

  /** Grant every request that may go now; wake up when the next one may. */
  private pump(): void {
    const now = performance.now();
    let next = Infinity;
    for (const host of [...this.hosts.values()]) {
      if (!host.waiters.length) continue;
      if (this.active >= this.options.concurrency) break;
      if (host.active >= this.options.perHost || host.unsent > 0) continue;
      const at = Math.max(host.lastSent + host.gapMs, host.notBefore);
      if (now < at) {
        next = Math.min(next, at);
        continue;
      }
      const w = host.waiters.shift()!;
      w.signal.removeEventListener("abort", w.onAbort);
      w.resolve(this.grant(host));
      // Round robin: the host granted goes to the back of the line.
      this.hosts.delete(host.key);
      this.hosts.set(host.key, host);
    }
    if (next < Infinity) this.wakeUp(next);
  }

  private wakeUp(at: number): void {
    if (this.wake && this.wakeAt <= at) return;
    if (this.wake) clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(() => {
      this.wake = null;
      this.wakeAt = Infinity;
      this.pump();
    }, Math.max(0, Math.ceil(at - performance.now())));
  }

  private grant(host: Host): Permit {
    host.active++;
    host.unsent++;
    this.active++;
    this.counts.requests++;
    this.counts.peakConcurrency = Math.max(this.counts.peakConcurrency, this.active);
    this.counts.peakPerHost = Math.max(this.counts.peakPerHost, host.active);
    let sent = false;
    let released = false;
    const markSent = () => {
      if (sent) return;
      sent = true;
      host.unsent--;
      host.lastSent = performance.now();
    };
    return {
      reached: () => {
        markSent();
        this.pump();
      },
      release: () => {
        if (released) return;
        released = true;
        markSent();
        host.active--;
        this.active--;
        this.pump();
      },
    };
  }

  private succeeded(url: string): void {
    const host = this.hosts.get(new URL(url).host);
    if (host) host.errors = 0;
  }

  /** Hold a host after an answer that asks us to slow down, a server error or a network failure. */
  private failed(url: string, err: unknown): void {
    if (!(err instanceof FetchError) || err instanceof RobotsDisallowedError || err instanceof StoppedError || err instanceof HostHeldError) return;
    const status = err instanceof HttpStatusError ? err.status : 0;
    if (status >= CLIENT_ERROR_MIN && status < SERVER_ERROR_MIN && !SLOW_DOWN.has(status)) return;
    if (status === 0 && !["NetworkError", "TimeoutError"].includes(err.name)) return;
    const host = this.hosts.get(new URL(err instanceof HttpStatusError && err.url ? err.url : url).host);
    if (!host) return;
    host.errors++;
    const doubling = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (host.errors - 1));
    const asked = err instanceof HttpStatusError && err.retryAfterMs !== undefined ? Math.min(this.options.maxRetryAfterMs, err.retryAfterMs) : undefined;
    const hold = asked ?? doubling;
    host.notBefore = Math.max(host.notBefore, performance.now() + hold);
    this.counts.backoffs++;
    // Best effort: a hold that cannot be written is still kept in memory.
    this.remember(host).catch(() => undefined);
  }
}
