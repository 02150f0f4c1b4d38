// Inputs that are, or lead to, web addresses: a URL named on the command line
// (a page, or a sitemap or feed whose pages are then read), a URL list file,
// and a sitemap file. Every URL is canonicalised before it is fetched. The
// URL named is fetched as asked (spaced from other requests to its host, not
// checked against robots.txt); the pages a list, sitemap or feed leads to are
// fetched politely (polite.ts), up to `window` at once, and come out in order.
// A page that cannot be fetched becomes a failure, or the feed's own text of
// the item when the feed carries it.
import { canonicalUrl } from "./canonical-url.js";
import { escapeControl } from "../util/terminal.js";
import { decodeBytes, isBinary } from "./decode.js";
import type { FetchOptions, FetchResult } from "./fetch.js";
import { FeedError, feedItemInput, parseFeedText } from "./feed.js";
import { decodeAs, errorMessage, failure, type InputFailure, type InputHints, type RawInput } from "./raw.js";
import { isSitemap, newestFirst, parseSitemap, SitemapError, type Sitemap } from "./sitemap.js";

/** What fetches URLs: the polite fetcher, or anything with its shape (tests). */
export interface UrlFetcher {
  fetch(url: string, options?: FetchOptions, manners?: { robots?: boolean }): Promise<FetchResult>;
  /** The sitemaps a site's robots.txt lists (null when robots.txt is not read). */
  robotsFor?(url: string, signal?: AbortSignal): Promise<{ sitemaps: string[] } | null>;
}

export interface UrlInputOptions {
  fetcher: UrlFetcher;
  /** Pages fetched ahead (at once, when their hosts allow). */
  window: number;
  /** Most sitemaps of a sitemap index read. */
  maxSitemaps: number;
  /** Aborts the fetches (a stop request). */
  signal?: AbortSignal;
}

export const URL_INPUT_DEFAULTS = { window: 8, maxSitemaps: 1_000 };

/** One page to read, with what its list, sitemap or feed said of it. */
export interface PageRef {
  url: string;
  hints?: InputHints;
  /** The feed's own text of the item, used when the page cannot be read. */
  fallback?: RawInput;
}

const URL_LINE = /^https?:\/\/\S+$/iu;
const COMMENT = /^#/u;
const HTML_TYPE = /html|xml/iu;
const JSON_START = /^\s*[{[]/u;

/** A fetched or read document (sitemap, feed, list) as text, in its charset. */
export function documentText(bytes: Uint8Array, charset?: string): string {
  return decodeBytes(bytes, { declared: charset }).text;
}

const lines = (text: string) => text.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l && !COMMENT.test(l));

/** Is this text a URL list: at least one line, and every line that is not blank or a # comment one http(s) URL? */
export function isUrlList(text: string): boolean {
  const l = lines(text);
  return l.length > 0 && l.every((x) => URL_LINE.test(x));
}

/** The URLs of a URL list, canonical, each once, in order; lines that are not a URL are failures. */
export function parseUrlList(text: string, label: string): (PageRef | InputFailure)[] {
  const out: (PageRef | InputFailure)[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/u).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || COMMENT.test(line)) return;
    const url = URL_LINE.test(line) ? canonicalUrl(line) : null;
    if (!url) out.push(failure(`${label}:${i + 1}`, `not an http(s) URL: "${line.slice(0, 200)}"`));
    else if (!seen.has(url)) {
      seen.add(url);
      out.push({ url });
    }
  });
  return out;
}

/** A fetched page as an input; `source` is its canonical URL. */
function pageInput(res: FetchResult, ref: PageRef): RawInput {
  const html = HTML_TYPE.test(res.contentType);
  const raw = decodeAs(res.bytes, ref.url, html ? "text/html" : "text/plain", { ...ref.hints, url: res.finalUrl }, res.charset);
  if (ref.fallback) raw.fallback = ref.fallback;
  return raw;
}

async function readPage(ref: PageRef, o: UrlInputOptions): Promise<RawInput | InputFailure> {
  try {
    return pageInput(await o.fetcher.fetch(ref.url, { accept: "page", signal: o.signal }), ref);
  } catch (err) {
    if (ref.fallback && !o.signal?.aborted) {
      return { ...ref.fallback, warnings: [...(ref.fallback.warnings ?? []), `the page could not be read (${errorMessage(err)}); the feed's text is used`] };
    }
    return failure(ref.url, errorMessage(err));
  }
}

/** Pages read with up to `window` fetches ahead, yielded in order. */
export async function* readPages(refs: Iterable<PageRef | InputFailure>, o: UrlInputOptions): AsyncGenerator<RawInput | InputFailure> {
  const it = refs[Symbol.iterator]();
  const ahead: Promise<RawInput | InputFailure>[] = [];
  const fill = () => {
    while (ahead.length < o.window) {
      const next = it.next();
      if (next.done) return;
      const ref = next.value;
      ahead.push("error" in ref ? Promise.resolve(ref) : readPage(ref, o));
    }
  };
  fill();
  while (ahead.length) {
    const item = await ahead.shift()!;
    fill();
    yield item;
  }
}

/** The pages of a sitemap, freshest first; a sitemap index is read sitemap by sitemap. */
async function* sitemapPages(map: Sitemap, label: string, o: UrlInputOptions): AsyncGenerator<RawInput | InputFailure> {
  if (map.kind === "urlset") {
    yield* readPages(newestFirst(map.entries).map((e) => ({ url: e.url, hints: pageHints(e) })), o);
    return;
  }
  for (const child of newestFirst(map.entries).slice(0, o.maxSitemaps)) {
    let sub: Sitemap;
    try {
      const res = await o.fetcher.fetch(child.url, { accept: "document", signal: o.signal });
      sub = parseSitemap(documentText(res.bytes, res.charset), res.finalUrl);
    } catch (err) {
      yield failure(child.url, errorMessage(err));
      continue;
    }
    if (sub.kind === "index") yield failure(child.url, "a sitemap index inside a sitemap index (not read)");
    else yield* sitemapPages(sub, child.url, o);
  }
  if (map.entries.length > o.maxSitemaps) yield failure(label, `the sitemap index lists ${map.entries.length} sitemaps; the ${o.maxSitemaps} freshest were read`);
}

function pageHints(e: { published?: string; lastmod?: string; title?: string }): InputHints {
  const hints: InputHints = {};
  const date = e.published ?? e.lastmod;
  if (date) hints.fallbackPublished = date;
  return hints;
}

/** The contents of a document fetched or read from a file: a sitemap's or a feed's pages, or null when it is neither. */
export function documentPages(text: string, label: string, base: string | undefined, o: UrlInputOptions): AsyncGenerator<RawInput | InputFailure> | null {
  if (isSitemap(text)) return sitemapPages(parseSitemap(text, base), label, o);
  if (!/<(?:rss|feed|rdf:RDF)\b/iu.test(text.slice(0, 4096)) && !JSON_START.test(text)) return null;
  try {
    const feed = parseFeedText(text, base);
    return readPages(feed.items.map((i) => {
      const ref: PageRef = { url: i.url, hints: i.published ? { fallbackPublished: i.published } : {} };
      const fallback = feedItemInput(i, i.url);
      if (fallback) ref.fallback = fallback;
      return ref;
    }), o);
  } catch (err) {
    if (err instanceof FeedError) return null;
    throw err;
  }
}

/** A URL named as an input: its page, or the pages of the sitemap or feed it is. */
export async function* readUrlInput(input: string, o: UrlInputOptions): AsyncGenerator<RawInput | InputFailure> {
  const url = canonicalUrl(input);
  if (!url) {
    yield failure(input, `not an http(s) URL: "${input}"`);
    return;
  }
  let res: FetchResult;
  try {
    res = await o.fetcher.fetch(url, { accept: "document", signal: o.signal }, { robots: false });
  } catch (err) {
    yield failure(input, errorMessage(err));
    return;
  }
  if (isBinary(res.bytes)) {
    yield failure(input, "not a page, sitemap or feed (binary content)");
    return;
  }
  const text = documentText(res.bytes, res.charset);
  let pages: AsyncGenerator<RawInput | InputFailure> | null;
  try {
    pages = documentPages(text, input, res.finalUrl, o);
  } catch (err) {
    yield failure(input, err instanceof SitemapError ? err.message : errorMessage(err));
    return;
  }
  if (pages) yield* pages;
  else if (/json/iu.test(res.contentType)) yield failure(input, "a JSON document that is not a JSON Feed");
  else yield pageInput(res, { url: escapeControl(input) });
}
