// Sitemaps (sitemaps.org): a URL set, with each page's last modification and,
// in a Google News sitemap, its publication date, headline and language; or a
// sitemap index listing other sitemaps. Read in one streaming pass of
// htmlparser2 in XML mode (namespace prefixes ignored); a plain-text sitemap
// (one URL a line) is read too. URLs come out canonical, each once, at most
// `maxUrls` of them.
import { Parser } from "htmlparser2";
import { canonicalUrl } from "./canonical-url.js";
import { feedDate } from "./feed.js";

export interface SitemapEntry {
  /** A page (in a URL set) or a sitemap (in an index), canonical. */
  url: string;
  lastmod?: string;
  /** Google News sitemaps: publication date, headline, language. */
  published?: string;
  title?: string;
  lang?: string;
}

export interface Sitemap {
  kind: "urlset" | "index";
  /** Does it carry Google News entries? */
  news: boolean;
  entries: SitemapEntry[];
  /** Entries left out past the limit. */
  truncated: number;
}

export class SitemapError extends Error {
  override name = "SitemapError";
}

/** The sitemaps.org limit of URLs in one sitemap. */
export const SITEMAP_MAX_URLS = 50_000;
const ROOT = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w-]+:)?(urlset|sitemapindex)\b/iu;
const TEXT_LINE_URL = /^https?:\/\/\S+$/iu;
const ENTRY_TAGS: Record<string, true> = { url: true, sitemap: true };

/** Is this text a sitemap (XML URL set or index)? */
export function isSitemap(text: string): boolean {
  return ROOT.test(text.slice(0, 4096));
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1).toLowerCase();

/** Read a sitemap; text that is neither an XML sitemap nor a list of URLs is a SitemapError. */
export function parseSitemap(text: string, base?: string, maxUrls = SITEMAP_MAX_URLS): Sitemap {
  const root = ROOT.exec(text.slice(0, 4096));
  if (!root) return textSitemap(text, base, maxUrls);
  const out: Sitemap = { kind: root[1].toLowerCase() === "sitemapindex" ? "index" : "urlset", news: false, entries: [], truncated: 0 };
  const seen = new Set<string>();
  let entry: Record<string, string> | null = null;
  let field: string | null = null;
  let value = "";
  const parser = new Parser(
    {
      onopentag(name) {
        const local = localName(name);
        if (ENTRY_TAGS[local]) entry = {};
        else if (entry) {
          field = local;
          value = "";
          if (local === "news") out.news = true;
        }
      },
      ontext(t) {
        if (field) value += t;
      },
      onclosetag(name, implied) {
        // A sitemap cut short: its last entry is not closed, and not taken.
        if (implied) return;
        const local = localName(name);
        if (entry && field === local) {
          entry[local] ??= value.trim();
          field = null;
        } else if (entry && ENTRY_TAGS[local]) {
          const url = entry.loc ? canonicalUrl(entry.loc, base) : null;
          if (url && !seen.has(url)) {
            seen.add(url);
            if (out.entries.length >= maxUrls) out.truncated++;
            else out.entries.push(sitemapEntry(url, entry));
          }
          entry = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return out;
}

function sitemapEntry(url: string, e: Record<string, string>): SitemapEntry {
  const out: SitemapEntry = { url };
  const lastmod = feedDate(e.lastmod);
  if (lastmod) out.lastmod = lastmod;
  const published = feedDate(e.publication_date);
  if (published) out.published = published;
  if (e.title) out.title = e.title;
  if (e.language) out.lang = e.language.toLowerCase();
  return out;
}

function textSitemap(text: string, base: string | undefined, maxUrls: number): Sitemap {
  const lines = text.split(/\r?\n/u).map((l) => l.trim()).filter(Boolean);
  if (!lines.length || !lines.every((l) => TEXT_LINE_URL.test(l))) throw new SitemapError("not a sitemap (neither <urlset>, <sitemapindex> nor one URL a line)");
  const out: Sitemap = { kind: "urlset", news: false, entries: [], truncated: 0 };
  const seen = new Set<string>();
  for (const line of lines) {
    const url = canonicalUrl(line, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    if (out.entries.length >= maxUrls) out.truncated++;
    else out.entries.push({ url });
  }
  return out;
}

/** The freshest first: by publication date, else last modification; undated entries keep their order after the dated ones. */
export function newestFirst<T extends SitemapEntry>(entries: T[]): T[] {
  const date = (e: SitemapEntry) => (e.published ?? e.lastmod ? Date.parse(e.published ?? e.lastmod!) : NaN);
  return entries
    .map((e, i) => ({ e, i, t: date(e) }))
    .sort((a, b) => (Number.isNaN(a.t) ? (Number.isNaN(b.t) ? a.i - b.i : 1) : Number.isNaN(b.t) ? -1 : b.t - a.t || a.i - b.i))
    .map((x) => x.e);
}
