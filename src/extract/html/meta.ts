// Article metadata from the head and the page: headline, dates, authors, site,
// canonical URL, language, section and image, from JSON-LD, Open Graph and other
// meta tags, <time> elements and the URL.
import type { ArticleMeta } from "../article.js";
import type { ParsedPage } from "./tree.js";

const WS = /\s+/g;

export interface MetaResult {
  title: string | null;
  meta: ArticleMeta;
}

function clean(s: string | undefined): string | undefined {
  const t = s?.replace(WS, " ").trim();
  return t ? t : undefined;
}

export function extractMeta(page: ParsedPage, url?: string): MetaResult {
  const byName = new Map<string, string>();
  for (const m of page.head.metas) {
    const key = (m.property ?? m.name ?? m.itemprop ?? "").toLowerCase();
    if (key && m.content && !byName.has(key)) byName.set(key, m.content);
  }
  const title = clean(byName.get("og:title")) ?? clean(page.head.title) ?? null;
  const meta: ArticleMeta = {};
  if (url) meta.url = url;
  const published = clean(byName.get("article:published_time"));
  if (published) meta.published = published;
  return { title, meta };
}
