// Article metadata from the head and the page: headline, publication and
// modification dates, authors, site, canonical URL, language, section and image.
// Sources in order of trust: JSON-LD, Open Graph and other meta tags, microdata
// and <time> in the page, dates written near the headline, the URL.
import type { ArticleMeta } from "../article.js";
import type { El, ParsedPage } from "./tree.js";
import type { ExtractLangData } from "./langdata.js";
import { fold } from "../../text/normalize.js";
import { dateFromUrl, dateReader, normalizeIsoDate } from "./dates.js";
import { hintTokens, moreWordsThan } from "./body.js";
import { LIMITS, META_LIMITS } from "./rules.js";
import { trimEdges } from "../trim.js";

const WS = /\s+/g;
const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|Report|ReportageNews|LiveBlogPosting|SocialMediaPosting|Posting)$/;
const PAGE_TYPES = /^(?:WebPage|ItemPage|NewsMediaOrganization)$/;
const CONTROL_CHARS = /[\u0000-\u001f]+/g;
/** Shortest title part taken for the site name when the site name contains it. */
const MIN_SITE_KEY = 4;
const TITLE_SEPARATORS = /\s+[|–—:»·•-]+\s+/;
const URLISH = /^(?:https?:\/\/|www\.)|\.(?:com|org|net|gr|cy)\b/i;
const HANDLE_OR_MAIL = /@\S+|\S+@\S+/g;
const NAME_SPLIT = /\s*(?:,|;|\/|\||\n)\s*/;
const HAS_DIGIT = /\d/;
const BRACKETS = /[()[\]{}<>]/;
const CAPITALISED = /^\p{Lu}/u;
const DATE_HINT = /(?:^|-)(?:date|time|published|pubdate|posted|dateline|timestamp|updated|meta|byline|info)/;
const COMMENT_HINT = /(?:^|-)(?:comment|respond|repl(?:y|ies)|discussion|disqus)/;
const AUTHOR_HINT = /(?:^|-)(?:author|byline|writer|reporter|creator|journalist|contributor)/;

/** Meta names of the publication date, most trusted first. */
const PUBLISHED_KEYS = [
  "article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date", "pubdate",
  "publication_date", "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
  "dcterms.created", "date", "article.published", "originalpublicationdate", "cxenseparse:recs:publishtime",
];
const MODIFIED_KEYS = ["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified", "article.updated"];
const AUTHOR_KEYS = ["author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author", "cxenseparse:author"];
const SITE_KEYS = ["og:site_name", "application-name", "twitter:site", "publisher"];
const IMAGE_KEYS = ["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "thumbnail"];
const SECTION_KEYS = ["article:section", "section", "category", "parsely-section", "sailthru.tags"];
const LANG_KEYS = ["og:locale", "content-language", "language", "dc.language", "inlanguage"];
const TITLE_KEYS = ["og:title", "twitter:title", "headline", "dc.title", "title"];

export interface MetaInput {
  url?: string;
  /** The headline the body search settled on. */
  title: string | null;
  /** Texts of the blocks around the headline, where bylines and datelines sit. */
  lead: string[];
}

type Json = unknown;
type JsonObject = Record<string, Json>;

function clean(s: unknown): string | undefined {
  if (typeof s !== "string") return undefined;
  const t = s.replace(WS, " ").trim();
  return t ? t.normalize("NFC") : undefined;
}

function metaMap(page: ParsedPage): Map<string, string> {
  const byName = new Map<string, string>();
  for (const m of page.head.metas) {
    const key = (m.property ?? m.name ?? m.itemprop ?? m["http-equiv"] ?? "").toLowerCase();
    const value = clean(m.content);
    if (key && value && !byName.has(key)) byName.set(key, value);
  }
  return byName;
}

function first(map: Map<string, string>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = map.get(k);
    if (v) return v;
  }
  return undefined;
}

function typesOf(o: JsonObject): string[] {
  const t = o["@type"];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : typeof t === "string" ? [t] : [];
}

/** Every object in the JSON-LD scripts, @graph and arrays flattened. */
function jsonLdObjects(scripts: string[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > META_LIMITS.maxJsonLdDepth) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (v && typeof v === "object") {
      const o = v as JsonObject;
      out.push(o);
      if (o["@graph"]) visit(o["@graph"], depth + 1);
    }
  };
  for (const s of scripts) {
    try {
      visit(JSON.parse(s.replace(CONTROL_CHARS, " ")), 0);
    } catch {
      // Broken JSON-LD is common; the other sources still apply.
    }
  }
  return out;
}

function names(v: Json): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (v && typeof v === "object") {
    const n = (v as JsonObject).name;
    return typeof n === "string" ? [n] : [];
  }
  return [];
}

function urlOf(v: Json): string | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return urlOf(v[0]);
  if (v && typeof v === "object") return clean((v as JsonObject).url) ?? clean((v as JsonObject)["@id"]);
  return undefined;
}

function resolveUrl(href: string | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

/** What the page body says through microdata, <time>, bylines and date lines. */
export interface PageSignals {
  times: { datetime?: string; text: string; published: boolean }[];
  itemprops: Map<string, string>;
  bylines: string[];
  datelines: string[];
  h1: string | null;
}

function textOf(el: El): string {
  let s = "";
  for (const c of el.children) s += typeof c === "string" ? c : textOf(c);
  return s.replace(WS, " ").trim();
}

function pageSignals(root: El): PageSignals {
  const sig: PageSignals = { times: [], itemprops: new Map(), bylines: [], datelines: [], h1: null };
  const walk = (el: El, inComments: boolean) => {
    const a = el.attrs;
    if (!inComments && (a.class || a.id) && hintTokens(el).some((t) => COMMENT_HINT.test(t))) inComments = true;
    if (el.tag === "time" && sig.times.length < META_LIMITS.maxSignals) {
      const prop = (a.itemprop ?? "").toLowerCase();
      sig.times.push({ datetime: a.datetime, text: textOf(el), published: prop === "datepublished" || a.pubdate !== undefined });
    }
    if (el.tag === "h1" && sig.h1 === null) sig.h1 = textOf(el) || null;
    if (a.itemprop) {
      const prop = a.itemprop.toLowerCase();
      if (!sig.itemprops.has(prop)) {
        const v = a.content ?? a.datetime ?? (prop === "author" || prop === "name" || prop.startsWith("date") ? textOf(el) : undefined);
        if (v) sig.itemprops.set(prop, v);
      }
    }
    if (a.rel === "author" && !inComments && sig.bylines.length < META_LIMITS.maxSignals) sig.bylines.push(textOf(el));
    if ((a.class || a.id) && !inComments) {
      const tokens = hintTokens(el);
      if (sig.bylines.length < META_LIMITS.maxSignals && tokens.some((t) => AUTHOR_HINT.test(t))) {
        const t = textOf(el);
        if (t && t.length <= META_LIMITS.maxBylineChars) sig.bylines.push(t);
      }
      if (sig.datelines.length < META_LIMITS.maxSignals && tokens.some((t) => DATE_HINT.test(t))) {
        const t = textOf(el);
        if (t && t.length <= META_LIMITS.maxBylineChars) sig.datelines.push(t);
      }
    }
    for (const c of el.children) if (typeof c !== "string") walk(c, inComments);
  };
  walk(root, false);
  return sig;
}

/** Author names from raw author strings: no "By", dates, handles or site names. */
export function cleanAuthors(raw: string[], lang: ExtractLangData, site?: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const siteKey = site ? fold(site) : "";
  const joiners = new RegExp(`\\s+(?:${lang.authorJoiners.map(escapeRegex).join("|")})\\s+`, "iu");
  for (const r of raw) {
    if (URLISH.test(r.trim())) continue;
    for (let part of r.replace(HANDLE_OR_MAIL, " ").split(NAME_SPLIT).flatMap((p) => p.split(joiners))) {
      part = part.replace(WS, " ").trim();
      let key = fold(part);
      for (const p of lang.authorPrefixes) {
        if (key.startsWith(p) && (key.length === p.length || /[\s:]/.test(key[p.length]))) {
          part = part.slice(p.length).replace(/^[\s:]+/, "");
          key = fold(part);
          break;
        }
      }
      const words = part.split(" ");
      const cut = words.findIndex((w) => {
        const f = fold(w);
        const bare = trimEdges(f);
        return lang.authorStops.includes(f) || lang.authorStops.includes(bare) || lang.months.has(bare) || HAS_DIGIT.test(w);
      });
      if (cut >= 0) part = words.slice(0, cut).join(" ");
      part = trimEdges(part);
      key = fold(part);
      if (part.length < META_LIMITS.minAuthorChars || part.length > META_LIMITS.maxAuthorChars || part.split(" ").length > META_LIMITS.maxAuthorWords) continue;
      if (!CAPITALISED.test(part) || BRACKETS.test(part) || key === siteKey || URLISH.test(part) || seen.has(key)) continue;
      seen.add(key);
      out.push(part);
    }
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function stripSite(title: string, site?: string): string {
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title;
  const siteKey = site ? fold(site).replace(/\s+/g, "") : "";
  const lastKey = fold(parts[parts.length - 1]).replace(/\s+/g, "");
  const firstKey = fold(parts[0]).replace(/\s+/g, "");
  const isSite = (k: string) => k.includes(siteKey) || (k.length >= MIN_SITE_KEY && siteKey.includes(k));
  if (siteKey && isSite(lastKey)) return parts.slice(0, -1).join(" - ").trim();
  if (siteKey && isSite(firstKey)) return parts.slice(1).join(" - ").trim();
  return title;
}

function letters(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, "");
}

function articleObject(objects: JsonObject[]): { article?: JsonObject; page?: JsonObject } {
  let article: JsonObject | undefined;
  let page: JsonObject | undefined;
  for (const o of objects) {
    const types = typesOf(o);
    if (!article && types.some((t) => ARTICLE_TYPES.test(t))) article = o;
    if (!page && types.some((t) => PAGE_TYPES.test(t))) page = o;
  }
  return { article, page };
}

/** What the head and the page say, gathered once for the headline and the metadata. */
export interface PageFacts {
  meta: Map<string, string>;
  article?: JsonObject;
  webPage?: JsonObject;
  sig: PageSignals;
}

export function pageFacts(page: ParsedPage): PageFacts {
  const { article, page: webPage } = articleObject(jsonLdObjects(page.head.jsonLd));
  return { meta: metaMap(page), article, webPage, sig: pageSignals(page.root) };
}

/** The headline: Open Graph, JSON-LD or <title>, cleaned of the site name; the h1 when it matches. */
export function headline(page: ParsedPage, facts: PageFacts, url?: string): string | null {
  const { meta, article } = facts;
  const site = siteName(meta, article) ?? (url ? hostOf(url) : undefined);
  const raw = first(meta, TITLE_KEYS) ?? clean(article?.headline) ?? clean(page.head.title);
  const h1 = facts.sig.h1;
  if (!raw) return h1;
  const title = stripSite(raw, site);
  if (h1) {
    const a = letters(h1);
    const b = letters(title);
    if (a.length >= LIMITS.minTitleChars && (b.includes(a) || a.includes(b))) return h1;
  }
  return title;
}

export function extractMeta(page: ParsedPage, facts: PageFacts, input: MetaInput, lang: ExtractLangData): ArticleMeta {
  const { meta, article, webPage, sig } = facts;
  const out: ArticleMeta = {};
  if (input.url) out.url = input.url;

  const canonical = page.head.links.find((l) => (l.rel ?? "").toLowerCase().split(WS).includes("canonical"))?.href;
  const canon = resolveUrl(canonical ?? meta.get("og:url") ?? urlOf(article?.mainEntityOfPage), input.url);
  if (canon) out.canonicalUrl = canon;

  const langTag = clean(page.head.lang) ?? first(meta, LANG_KEYS) ?? clean(article?.inLanguage);
  if (langTag) out.lang = langTag.split(/[-_]/)[0].toLowerCase();
  const reader = dateReader(lang, langTag);

  const iso = (v: unknown) => (typeof v === "string" ? (normalizeIsoDate(v) ?? reader.inText(v)) : null);
  const published =
    iso(article?.datePublished) ?? iso(first(meta, PUBLISHED_KEYS)) ?? iso(sig.itemprops.get("datepublished")) ??
    iso(webPage?.datePublished) ?? timeDate(sig, iso) ?? textDate([...sig.datelines, ...input.lead], reader) ??
    (input.url ? dateFromUrl(input.url) : null) ?? iso(article?.dateCreated);
  if (published) out.published = published;
  const modified = iso(article?.dateModified) ?? iso(first(meta, MODIFIED_KEYS)) ?? iso(sig.itemprops.get("datemodified"));
  if (modified) out.modified = modified;

  const site = siteName(meta, article) ?? (input.url ? hostOf(input.url) : undefined);
  if (site) out.site = site;

  const rawAuthors = [...names(article?.author), ...names(article?.creator)];
  if (rawAuthors.length === 0) {
    const m = first(meta, AUTHOR_KEYS);
    if (m) rawAuthors.push(m);
    const prop = sig.itemprops.get("author");
    if (prop) rawAuthors.push(prop);
  }
  if (rawAuthors.length === 0) rawAuthors.push(...sig.bylines);
  if (rawAuthors.length === 0) rawAuthors.push(...input.lead.filter((t) => startsWithAuthorPrefix(t, lang)));
  const authors = cleanAuthors(rawAuthors, lang, site);
  if (authors.length) out.authors = authors;

  const section = clean(Array.isArray(article?.articleSection) ? article?.articleSection[0] : article?.articleSection) ?? first(meta, SECTION_KEYS);
  if (section) out.section = section.split(",")[0].trim();
  const image = resolveUrl(first(meta, IMAGE_KEYS) ?? urlOf(article?.image), input.url);
  if (image) out.image = image;
  return out;
}

/** A short line that opens with "By", "Του", "Συντάκτης:"… */
function startsWithAuthorPrefix(text: string, lang: ExtractLangData): boolean {
  if (moreWordsThan(text, LIMITS.maxBylineWords)) return false;
  const key = fold(text);
  return lang.authorPrefixes.some((p) => key.startsWith(p) && /[\s:]/.test(key[p.length] ?? ""));
}

function timeDate(sig: PageSignals, iso: (v: unknown) => string | null): string | null {
  const ordered = [...sig.times.filter((t) => t.published), ...sig.times.filter((t) => !t.published)];
  for (const t of ordered) {
    const v = iso(t.datetime) ?? iso(t.text);
    if (v) return v;
  }
  return null;
}

function textDate(texts: string[], reader: { inText(t: string): string | null }): string | null {
  for (const t of texts) {
    if (t.length > META_LIMITS.maxDatelineChars) continue;
    const v = reader.inText(t);
    if (v) return v;
  }
  return null;
}

function siteName(meta: Map<string, string>, article: JsonObject | undefined): string | undefined {
  const v = clean(first(meta, SITE_KEYS)?.replace(/^@/, "")) ?? clean(names(article?.publisher)[0]);
  return v && !URLISH.test(v) ? v : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}
