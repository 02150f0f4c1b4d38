// Following sources: every source due is polled (its feed or sitemap fetched,
// conditionally when we hold validators and they were checked by a full fetch
// recently), the pages new to the store are fetched, politely, freshest first
// and one at a time per source, and handed to the ingest (the same analysis
// and store path as `ingest`) through a bounded channel; the outcome of each
// page is recorded, then the source's state (validators, body hash, interval,
// failures) is saved. A stop request aborts the fetches, lets the ingest
// finish its current article, and leaves each interrupted source as it was,
// so the next run polls it again and fetches the pages still missing.
import { createHash } from "node:crypto";
import { FeedError, feedItemInput, parseFeedText } from "../input/feed.js";
import { HttpStatusError, type FetchResult } from "../input/fetch.js";
import { HostHeldError, type HostMemory } from "../input/polite.js";
import { decodeAs, errorMessage, type InputFailure, type RawInput } from "../input/raw.js";
import { newestFirst, parseSitemap, SitemapError, type SitemapEntry } from "../input/sitemap.js";
import { documentText, type UrlFetcher } from "../input/url-inputs.js";
import type { PageState, Source } from "../store/intake.js";
import type { PutStatus, Store } from "../store/store.js";
import { Channel } from "./channel.js";
import { afterPoll, SCHEDULE_DEFAULTS, type PollResult, type ScheduleOptions } from "./schedule.js";

export interface WatchOptions {
  /** One round: poll the sources due, fetch and store their new pages, and return. */
  once: boolean;
  /** Most pages fetched at one poll of a source (the freshest); the rest wait for the next polls. */
  maxPagesPerPoll: number;
  /** A page that failed is tried again at later polls, up to this many attempts in all … */
  maxPageAttempts: number;
  /** … and not sooner than this after its last attempt. */
  pageRetryMs: number;
  /** Fetched pages waiting for analysis, at most. */
  buffer: number;
  /** Sitemaps of a sitemap index read at one poll (the freshest). */
  indexChildren: number;
  /** A poll without validators at least this often: a server's 304 is not believed forever. */
  revalidateMs: number;
  /** The longest sleep before the store is looked at again (sources added meanwhile are noticed). */
  idleMs: number;
  schedule: ScheduleOptions;
  /** Stops the watch. */
  signal?: AbortSignal;
  /** The clock (tests). */
  now: () => number;
}

export const WATCH_DEFAULTS: WatchOptions = {
  once: false,
  maxPagesPerPoll: 100,
  maxPageAttempts: 3,
  pageRetryMs: 3_600_000,
  buffer: 16,
  indexChildren: 2,
  revalidateMs: 24 * 3_600_000,
  idleMs: 30_000,
  schedule: SCHEDULE_DEFAULTS,
  now: Date.now,
};

/** What became of a page handed to the ingest. */
export type PageResult = { id: string; status: PutStatus } | { error: string };

/**
 * The ingest the watch feeds: it reads the items until the channel ends (or
 * `stopped` says so after an article), reporting each item's result by its
 * source label, which is the page's canonical URL.
 */
export type IngestFn = (items: AsyncIterable<RawInput | InputFailure>, onItem: (source: string, result: PageResult) => void, stopped: () => boolean) => Promise<unknown>;

export type WatchEvent =
  | { event: "start"; sources: number; due: number }
  | { event: "poll"; source: number; url: string; status: string; pages: number; new: number; next: string; error?: string; disabled?: boolean }
  | { event: "page"; source: number; url: string; result: PutStatus | "failed"; id?: string; error?: string; fromFeed?: boolean }
  | { event: "stop" }
  | { event: "done"; summary: WatchSummary };

export interface WatchSummary {
  polls: number;
  pollErrors: number;
  pages: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  disabled: number;
  interrupted: boolean;
  seconds: number;
}

interface PageRef {
  url: string;
  published?: string;
  fallback?: RawInput;
  /** Tried before and failed. */
  retry?: boolean;
}

const STOPPED: PageResult = { error: "stopped" };

/** The store as the polite fetcher's memory of hosts. */
export function hostMemory(store: Store): HostMemory {
  return { load: (host) => store.hostState(host), save: (host, record) => store.saveHostState(host, record) };
}

export class Watcher {
  private readonly o: WatchOptions;
  private readonly channel: Channel<RawInput>;
  private readonly results = new Map<string, (r: PageResult) => void>();
  private readonly inFlight = new Set<string>();
  private readonly polling = new Set<number>();
  private readonly stopping = new AbortController();
  private wake: (() => void) | null = null;
  private readonly summary: WatchSummary = { polls: 0, pollErrors: 0, pages: 0, added: 0, updated: 0, unchanged: 0, failed: 0, disabled: 0, interrupted: false, seconds: 0 };

  constructor(
    private readonly store: Store,
    private readonly fetcher: UrlFetcher & { close(): void },
    private readonly ingest: IngestFn,
    private readonly log: (e: WatchEvent) => void,
    options: Partial<WatchOptions> = {},
  ) {
    this.o = { ...WATCH_DEFAULTS, ...options };
    this.channel = new Channel(this.o.buffer);
    if (this.o.signal) {
      if (this.o.signal.aborted) this.stop();
      else this.o.signal.addEventListener("abort", () => this.stop(), { once: true });
    }
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Stop: fetches are aborted, the current article is finished, interrupted sources stay due. */
  stop(): void {
    if (this.stopped) return;
    this.stopping.abort();
    this.fetcher.close();
    this.channel.close();
    this.poke();
  }

  private poke(): void {
    this.wake?.();
  }

  async run(): Promise<WatchSummary> {
    const started = performance.now();
    const ingesting = this.ingest(this.channel, (source, result) => this.results.get(source)?.(result), () => this.stopped);
    const tasks = new Set<Promise<void>>();
    let first = true;
    try {
      while (!this.stopped) {
        const sources = await this.store.sources();
        const now = this.o.now();
        const due = sources.filter((s) => !s.disabledAt && !this.polling.has(s.id) && Date.parse(s.nextPollAt) <= now);
        if (first) this.log({ event: "start", sources: sources.length, due: due.length });
        first = false;
        for (const s of due) {
          const task: Promise<void> = this.poll(s).finally(() => {
            tasks.delete(task);
            this.poke();
          });
          tasks.add(task);
        }
        if (this.o.once) {
          while (tasks.size && !this.stopped) await Promise.race([...tasks, this.sleep(Infinity)]);
          break;
        }
        const waiting = sources.filter((s) => !s.disabledAt && !this.polling.has(s.id)).map((s) => Date.parse(s.nextPollAt) - now);
        await this.sleep(Math.min(this.o.idleMs, ...waiting));
      }
    } finally {
      this.channel.close();
      await ingesting;
      for (const resolve of this.results.values()) resolve(STOPPED);
      await Promise.allSettled([...tasks]);
      this.fetcher.close();
    }
    this.summary.interrupted = this.stopped;
    this.summary.seconds = Math.round(performance.now() - started) / 1000;
    if (this.stopped) this.log({ event: "stop" });
    this.log({ event: "done", summary: { ...this.summary } });
    return { ...this.summary };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : null;
      function done() {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async poll(s: Source): Promise<void> {
    this.polling.add(s.id);
    try {
      let result: PollResult | null;
      try {
        result = await this.pollSource(s);
      } catch (err) {
        result = { ok: false, error: errorMessage(err) };
      }
      if (!result || this.stopped) return;
      const state = afterPoll(s, result, this.o.now(), this.o.schedule);
      await this.store.updateSource(s.id, state);
      this.summary.polls++;
      if (!result.ok) this.summary.pollErrors++;
      if (state.disabledAt) this.summary.disabled++;
      this.log({
        event: "poll",
        source: s.id,
        url: s.url,
        status: state.lastStatus,
        pages: this.lastPages.get(s.id) ?? 0,
        new: state.lastNew,
        next: state.nextPollAt,
        ...(result.ok ? {} : { error: result.error }),
        ...(state.disabledAt ? { disabled: true } : {}),
      });
    } finally {
      this.polling.delete(s.id);
      this.lastPages.delete(s.id);
    }
  }

  /** Pages listed at the last poll of each source, for the log. */
  private readonly lastPages = new Map<number, number>();

  /** Fetch a source and its new pages; null when stopped before it was done. */
  private async pollSource(s: Source): Promise<PollResult | null> {
    const signal = this.stopping.signal;
    const fresh = s.fullFetchAt !== null && this.o.now() - Date.parse(s.fullFetchAt) < this.o.revalidateMs;
    const conditional = fresh && Boolean(s.etag || s.lastModified);
    const validators = conditional ? { ...(s.etag ? { etag: s.etag } : {}), ...(s.lastModified ? { lastModified: s.lastModified } : {}) } : {};
    let res: FetchResult;
    try {
      res = await this.fetcher.fetch(s.url, { accept: "document", validators, signal });
    } catch (err) {
      if (this.stopped) return null;
      if (err instanceof HostHeldError) return { ok: false, held: true, error: err.message, retryAfterMs: err.untilMs - Date.now() };
      return { ok: false, error: errorMessage(err), ...(err instanceof HttpStatusError && err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
    }
    const validated = { etag: res.etag ?? null, lastModified: res.lastModified ?? null, full: !conditional };
    if (res.notModified) return { ok: true, status: "not-modified", newPages: 0, bodyHash: s.bodyHash, ...validated, etag: s.etag, lastModified: s.lastModified };
    const bodyHash = createHash("sha256").update(res.bytes).digest("hex");
    let refs: PageRef[];
    try {
      refs = await this.pagesOf(s, res);
    } catch (err) {
      if (this.stopped) return null;
      if (err instanceof FeedError || err instanceof SitemapError) return { ok: false, error: err.message };
      throw err;
    }
    this.lastPages.set(s.id, refs.length);
    const chosen = await this.choose(refs);
    const newPages = chosen.filter((r) => !r.retry).length;
    const outcomes: Promise<void>[] = [];
    let deferred = false;
    for (const ref of chosen) {
      if (this.stopped) break;
      const p = await this.page(s, ref);
      deferred ||= p.deferred;
      outcomes.push(p.recorded);
    }
    await Promise.all(outcomes);
    if (this.stopped) return null;
    return { ok: true, status: bodyHash === s.bodyHash ? "unchanged" : "ok", newPages, bodyHash, ...validated, ...(deferred ? { deferred } : {}) };
  }

  /** The pages a feed or sitemap lists, freshest first. */
  private async pagesOf(s: Source, res: FetchResult): Promise<PageRef[]> {
    const text = documentText(res.bytes, res.charset);
    if (s.kind === "feed") {
      const feed = parseFeedText(text, res.finalUrl);
      return newestFirst(feed.items).map((i) => {
        const ref: PageRef = { url: i.url };
        if (i.published) ref.published = i.published;
        const fallback = feedItemInput(i, i.url, s.lang);
        if (fallback) ref.fallback = fallback;
        return ref;
      });
    }
    const map = parseSitemap(text, res.finalUrl);
    let entries: SitemapEntry[] = map.entries;
    if (map.kind === "index") {
      entries = [];
      for (const child of newestFirst(map.entries).slice(0, this.o.indexChildren)) {
        const sub = await this.fetcher.fetch(child.url, { accept: "document", signal: this.stopping.signal });
        const m = parseSitemap(documentText(sub.bytes, sub.charset), sub.finalUrl);
        if (m.kind === "urlset") entries.push(...m.entries);
      }
    }
    return newestFirst(entries).map((e) => ({ url: e.url, ...(e.published ?? e.lastmod ? { published: e.published ?? e.lastmod } : {}) }));
  }

  /** The pages worth fetching: unknown to the store, or failed before and due for another attempt; not being fetched already. */
  private async choose(refs: PageRef[]): Promise<PageRef[]> {
    const urls = [...new Set(refs.map((r) => r.url))];
    const known: Map<string, PageState> = urls.length ? await this.store.pageStates(urls) : new Map();
    const now = this.o.now();
    const out: PageRef[] = [];
    const taken = new Set<string>();
    for (const ref of refs) {
      if (out.length >= this.o.maxPagesPerPoll) break;
      if (taken.has(ref.url) || this.inFlight.has(ref.url)) continue;
      const k = known.get(ref.url);
      if (k?.status === "stored") continue;
      if (k && (k.attempts >= this.o.maxPageAttempts || (k.lastAttemptAt && now - Date.parse(k.lastAttemptAt) < this.o.pageRetryMs))) continue;
      taken.add(ref.url);
      out.push(k ? { ...ref, retry: true } : ref);
    }
    return out;
  }

  /**
   * Fetch one page and hand it to the ingest; what it returns settles when the
   * page's outcome is recorded (the next page is fetched meanwhile).
   */
  private async page(s: Source, ref: PageRef): Promise<{ recorded: Promise<void>; deferred: boolean }> {
    this.inFlight.add(ref.url);
    let fromFeed = false;
    let raw: RawInput;
    try {
      const res = await this.fetcher.fetch(ref.url, { accept: "page", signal: this.stopping.signal });
      const hints: RawInput["hints"] = { url: res.finalUrl };
      if (ref.published) hints.fallbackPublished = ref.published;
      if (s.lang) hints.lang = s.lang;
      raw = decodeAs(res.bytes, ref.url, /html|xml/iu.test(res.contentType) ? "text/html" : "text/plain", hints, res.charset);
      if (ref.fallback) raw.fallback = ref.fallback;
    } catch (err) {
      // Stopped, or the page's host asked us to wait: the page is left for a later poll.
      if (this.stopped || err instanceof HostHeldError) {
        this.inFlight.delete(ref.url);
        return { recorded: Promise.resolve(), deferred: !this.stopped };
      }
      if (!ref.fallback) return { recorded: this.recorded(s, ref.url, { error: errorMessage(err) }, false), deferred: false };
      fromFeed = true;
      raw = { ...ref.fallback, warnings: [...(ref.fallback.warnings ?? []), `the page could not be read (${errorMessage(err)}); the feed's text is used`] };
    }
    const result = new Promise<PageResult>((resolve) => this.results.set(ref.url, resolve));
    if (!(await this.channel.push(raw))) {
      this.results.delete(ref.url);
      this.inFlight.delete(ref.url);
      return { recorded: Promise.resolve(), deferred: false };
    }
    const recorded = result.then(async (r) => {
      this.results.delete(ref.url);
      if (r === STOPPED) this.inFlight.delete(ref.url);
      else await this.recorded(s, ref.url, r, fromFeed);
    });
    return { recorded, deferred: false };
  }

  private async recorded(s: Source, url: string, r: PageResult, fromFeed: boolean): Promise<void> {
    try {
      if ("error" in r) await this.store.recordPage(url, { sourceId: s.id, status: "failed", error: r.error });
      else await this.store.recordPage(url, { sourceId: s.id, status: "stored", articleId: r.id });
    } finally {
      this.inFlight.delete(url);
    }
    this.summary.pages++;
    if ("error" in r) this.summary.failed++;
    else this.summary[r.status]++;
    this.log({ event: "page", source: s.id, url, ...("error" in r ? { result: "failed" as const, error: r.error } : { result: r.status, id: r.id }), ...(fromFeed ? { fromFeed } : {}) });
  }
}
