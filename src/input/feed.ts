// News feeds: RSS 0.9x/1.0 (RDF)/2.0, Atom and JSON Feed through feedsmith,
// read into one shape: per item its canonical link, headline, publication date
// (ISO 8601 with the feed's time zone) and, when the feed carries it, the full
// text (content:encoded, Atom content, JSON content_html/content_text; a
// description or summary only when it is long enough to be more than a
// teaser). The full text becomes a RawInput of its own, used when the page
// itself cannot be read.
import { parseFeed } from "feedsmith";
import { Parser } from "htmlparser2";
import { canonicalUrl } from "./canonical-url.js";
import type { RawInput } from "./raw.js";

export type FeedFormat = "rss" | "atom" | "rdf" | "json";

export interface FeedItem {
  /** The item's page, canonical. */
  url: string;
  title?: string;
  /** ISO 8601. */
  published?: string;
  /** The item's full text as HTML, when the feed carries it. */
  content?: string;
}

export interface Feed {
  format: FeedFormat;
  title?: string;
  items: FeedItem[];
}

export class FeedError extends Error {
  override name = "FeedError";
}

/** A description or summary with at least this many words is taken as the full text. */
const FULL_TEXT_MIN_WORDS = 120;
/** Elements that end a paragraph when feed HTML is read as text. */
const BLOCK_TAGS = new Set(["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "figcaption", "pre", "hr"]);
const SKIPPED_TAGS = new Set(["script", "style", "noscript", "iframe", "object", "svg"]);
const WORD = /[\p{L}\p{N}]+/gu;
const SPACES = /\s+/gu;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/iu;
const NUMERIC_ZONE = /([+-])(\d{2}):?(\d{2})\s*$/u;
/** RFC 822 zone names, as minutes east of UTC. */
const NAMED_ZONES: Record<string, number> = { gmt: 0, ut: 0, utc: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };
const NAMED_ZONE = /\b([a-z]{1,3})\s*$/iu;
const MS_PER_MINUTE = 60_000;

const pad = (n: number) => String(n).padStart(2, "0");

/** A feed date (RFC 822, ISO 8601 or anything Date.parse reads) as ISO 8601 in its own time zone, or undefined. */
export function feedDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim();
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return undefined;
  if (ISO_DATE.test(v)) return v.replace(" ", "T");
  const numeric = NUMERIC_ZONE.exec(v);
  const named = NAMED_ZONE.exec(v)?.[1].toLowerCase();
  const offset = numeric ? (numeric[1] === "-" ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3])) : (named && NAMED_ZONES[named]) || 0;
  const local = new Date(ms + offset * MS_PER_MINUTE);
  const zone = offset === 0 ? "Z" : `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${zone}`;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const words = (html: string) => htmlToParagraphs(html).join(" ").match(WORD)?.length ?? 0;

/** The long text of a description or summary, when it is more than a teaser. */
function longText(html: string | undefined): string | undefined {
  return html && words(html) >= FULL_TEXT_MIN_WORDS ? html : undefined;
}

function item(link: string | undefined, base: string | undefined, title: unknown, date: unknown, content: string | undefined): FeedItem | null {
  const url = link ? canonicalUrl(link, base) : null;
  if (!url) return null;
  const out: FeedItem = { url };
  const t = str(title);
  if (t) out.title = htmlToParagraphs(t).join(" ");
  const published = feedDate(date);
  if (published) out.published = published;
  if (content) out.content = content;
  return out;
}

type Links = { href?: string; rel?: string; type?: string }[] | undefined;

function atomLink(links: Links): string | undefined {
  if (!links?.length) return undefined;
  return (links.find((l) => !l.rel || l.rel === "alternate") ?? links[0]).href;
}

const isUrl = (s: string | undefined): s is string => Boolean(s && /^https?:\/\//iu.test(s));

/** Read a feed (any of the formats); a document that is none of them, or is broken past reading, is a FeedError. */
export function parseFeedText(text: string, feedUrl?: string): Feed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(text);
  } catch (err) {
    throw new FeedError(`not a feed (${err instanceof Error ? err.message : String(err)})`);
  }
  const items: (FeedItem | null)[] = [];
  let title: string | undefined;
  if (parsed.format === "rss" || parsed.format === "rdf") {
    const feed = parsed.feed;
    title = str(feed.title);
    for (const i of feed.items ?? []) {
      const guid = parsed.format === "rss" ? (i as { guid?: { value?: string; isPermaLink?: boolean } }).guid : undefined;
      const link = str(i.link) ?? (guid && guid.isPermaLink !== false && isUrl(guid.value) ? guid.value : undefined);
      const date = (i as { pubDate?: string }).pubDate ?? i.dc?.dates?.[0] ?? (i as { dcterms?: { issued?: string; created?: string } }).dcterms?.issued;
      items.push(item(link, feedUrl, i.title, date, str(i.content?.encoded) ?? longText(str(i.description))));
    }
  } else if (parsed.format === "atom") {
    const feed = parsed.feed;
    title = str(feed.title?.value);
    for (const e of feed.entries ?? []) {
      const link = atomLink(e.links as Links) ?? (isUrl(e.id) ? e.id : undefined);
      items.push(item(link, feedUrl, e.title?.value, e.published ?? e.updated, str(e.content?.value) ?? longText(str(e.summary?.value))));
    }
  } else {
    const feed = parsed.feed;
    title = str(feed.title);
    for (const i of feed.items ?? []) {
      const link = str(i.url) ?? str(i.external_url) ?? (isUrl(i.id) ? i.id : undefined);
      const text = str(i.content_text);
      const content = str(i.content_html) ?? (text ? text.split(/\n+/u).map((p) => `<p>${escapeHtml(p)}</p>`).join("") : undefined) ?? longText(str(i.summary));
      items.push(item(link, feedUrl, i.title, i.date_published ?? i.date_modified, content));
    }
  }
  const seen = new Set<string>();
  const unique = items.filter((i): i is FeedItem => i !== null && !seen.has(i.url) && Boolean(seen.add(i.url)));
  return { format: parsed.format, ...(title ? { title } : {}), items: unique };
}

function escapeHtml(s: string): string {
  return s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
}

/** The text of an HTML fragment, one entry a paragraph. */
export function htmlToParagraphs(html: string): string[] {
  const paragraphs: string[] = [];
  let current = "";
  let skipping = 0;
  const flush = () => {
    const p = current.replace(SPACES, " ").trim();
    if (p) paragraphs.push(p);
    current = "";
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_TAGS.has(name)) skipping++;
        else if (BLOCK_TAGS.has(name)) flush();
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_TAGS.has(name)) flush();
      },
      ontext(text) {
        if (!skipping) current += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs;
}

/**
 * The feed's own text of an item as an input (headline and paragraphs), or
 * null when the feed carries only a teaser. `source` labels it; `lang` is a
 * language the user gave for the feed.
 */
export function feedItemInput(i: FeedItem, source: string, lang?: string): RawInput | null {
  if (!i.content || !i.title) return null;
  const paragraphs = htmlToParagraphs(i.content);
  if (!paragraphs.length) return null;
  const raw: RawInput = { source, mediaType: "text/plain", text: paragraphs.join("\n"), hints: { url: i.url, title: i.title } };
  if (i.published) raw.hints.published = i.published;
  if (lang) raw.hints.lang = lang;
  return raw;
}
