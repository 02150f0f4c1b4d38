// What to follow on a site. Given a feed or a sitemap, that is the source;
// given a page of a site: its feeds, from the page's <link rel="alternate">
// (comment feeds left out) or, when it names none, the first of the common
// feed paths that answers with a feed; and its sitemaps, from robots.txt
// Sitemap: lines or /sitemap.xml: the news sitemaps among them (or among the
// sitemaps an index lists under a name with "news"), and a general sitemap
// only when the site has neither a feed nor a news sitemap. Every candidate
// is fetched (politely) and kept only when it parses.
import { Parser } from "htmlparser2";
import { canonicalUrl } from "../input/canonical-url.js";
import { FeedError, parseFeedText } from "../input/feed.js";
import type { FetchResult } from "../input/fetch.js";
import { isSitemap, newestFirst, parseSitemap, type Sitemap } from "../input/sitemap.js";
import { documentText, type UrlFetcher } from "../input/url-inputs.js";
import type { SourceKind } from "../store/intake.js";

export interface Discovered {
  url: string;
  kind: SourceKind;
  title?: string;
  /** How it was found: given, link, path, robots, sitemap-path, index. */
  via: string;
  /** A sitemap of news (Google News entries). */
  news?: boolean;
}

export interface DiscoverOptions {
  fetcher: UrlFetcher;
  signal?: AbortSignal;
}

export class DiscoverError extends Error {
  override name = "DiscoverError";
}

/** Feed paths tried, in order, when a page names no feed. */
const FEED_PATHS = ["/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml"];
const SITEMAP_PATHS = ["/sitemap.xml", "/sitemap_index.xml"];
const FEED_LINK_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml"]);
/** Feeds of comments, not articles (WordPress /comments/feed, /feed/comments). */
const COMMENT_FEED = /\/comments?(?:\/|$)/iu;
/** Sitemaps of an index whose names say news are checked for news entries. */
const NEWS_NAME = /news/iu;
/** Children of a sitemap index checked for news entries. */
const MAX_INDEX_CHILDREN = 3;

type Parsed = { kind: "feed"; title?: string } | { kind: "sitemap"; map: Sitemap } | { kind: "page"; text: string } | null;

function parseDocument(res: FetchResult): Parsed {
  const text = documentText(res.bytes, res.charset);
  if (isSitemap(text)) return { kind: "sitemap", map: parseSitemap(text, res.finalUrl) };
  try {
    const feed = parseFeedText(text, res.finalUrl);
    return { kind: "feed", ...(feed.title ? { title: feed.title } : {}) };
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
  }
  return /html/iu.test(res.contentType) ? { kind: "page", text } : null;
}

/** The feeds a page names in <link rel="alternate" type="…">. */
export function feedLinks(html: string, base: string): string[] {
  const out: string[] = [];
  const parser = new Parser({
    onopentag(name, a) {
      if (name !== "link") return;
      const rel = (a.rel ?? "").toLowerCase().split(/\s+/u);
      const type = (a.type ?? "").toLowerCase().trim();
      if (!rel.includes("alternate") || !FEED_LINK_TYPES.has(type) || !a.href) return;
      const url = canonicalUrl(a.href, base);
      if (url && !COMMENT_FEED.test(new URL(url).pathname) && !out.includes(url)) out.push(url);
    },
  });
  parser.write(html);
  parser.end();
  return out;
}

export async function discoverSources(input: string, o: DiscoverOptions): Promise<Discovered[]> {
  const url = canonicalUrl(input);
  if (!url) throw new DiscoverError(`not an http(s) URL: "${input}"`);
  const get = async (u: string): Promise<FetchResult | null> => {
    try {
      return await o.fetcher.fetch(u, { accept: "document", signal: o.signal });
    } catch (err) {
      if (o.signal?.aborted) throw err;
      return null;
    }
  };
  // The URL given is fetched as asked; the candidates it leads to, politely.
  const first = await o.fetcher.fetch(url, { accept: "document", signal: o.signal }, { robots: false });
  const given = parseDocument(first);
  const at = canonicalUrl(first.finalUrl) ?? url;
  if (given?.kind === "feed") return [{ url: at, kind: "feed", via: "given", ...(given.title ? { title: given.title } : {}) }];
  if (given?.kind === "sitemap") return [{ url: at, kind: "sitemap", via: "given", news: given.map.news }];
  if (given?.kind !== "page") throw new DiscoverError(`${input} is not a page, feed or sitemap`);

  const found: Discovered[] = [];
  const asFeed = async (u: string, via: string): Promise<boolean> => {
    const res = await get(u);
    const p = res ? parseDocument(res) : null;
    if (p?.kind !== "feed") return false;
    found.push({ url: canonicalUrl(res!.finalUrl) ?? u, kind: "feed", via, ...(p.title ? { title: p.title } : {}) });
    return true;
  };
  const links = feedLinks(given.text, first.finalUrl);
  for (const link of links) await asFeed(link, "link");
  if (!links.length) {
    for (const path of FEED_PATHS) if (await asFeed(new URL(path, at).href, "path")) break;
  }

  const robots = await o.fetcher.robotsFor?.(at, o.signal);
  const listed = (robots?.sitemaps ?? []).map((s) => canonicalUrl(s, at)).filter((s): s is string => Boolean(s));
  const candidates = listed.length ? listed.map((u) => ({ u, via: "robots" })) : SITEMAP_PATHS.map((p) => ({ u: new URL(p, at).href, via: "sitemap-path" }));
  const general: Discovered[] = [];
  for (const { u, via } of candidates) {
    const res = await get(u);
    const p = res ? parseDocument(res) : null;
    if (p?.kind !== "sitemap") continue;
    const here = canonicalUrl(res!.finalUrl) ?? u;
    if (p.map.news) found.push({ url: here, kind: "sitemap", via, news: true });
    else if (p.map.kind === "index") {
      let news = false;
      for (const child of newestFirst(p.map.entries).filter((e) => NEWS_NAME.test(e.url)).slice(0, MAX_INDEX_CHILDREN)) {
        const c = await get(child.url);
        const cp = c ? parseDocument(c) : null;
        if (cp?.kind === "sitemap" && cp.map.news) {
          found.push({ url: child.url, kind: "sitemap", via: "index", news: true });
          news = true;
        }
      }
      if (!news) general.push({ url: here, kind: "sitemap", via });
    } else general.push({ url: here, kind: "sitemap", via });
    if (!listed.length) break;
  }
  if (!found.length && general.length) found.push(general[0]);
  const seen = new Set<string>();
  return found.filter((d) => !seen.has(d.url) && Boolean(seen.add(d.url)));
}
