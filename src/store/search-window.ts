// The window of a search: the newest matching articles (at most `newest`, the
// query's date, entity and speaker filters applied, copies aside), read once
// with their relevance, language, outlet and day. The total, both facets, the
// articles per day and the ranked page are all taken from it, so a search
// costs the same whether a few hundred or tens of thousands of articles match;
// when the window is full, the result says the total is a lower bound. Both
// back ends read the window with their own statement and hand it here.
import { DEFAULT_SEARCH_LIMIT } from "./article-row.js";
import type { ArticleFilter, DayArticles, SearchHit, SearchOptions, SearchResult } from "./store.js";

/**
 * SQLite's index of the columns the window reads of each article (rowid,
 * language, outlet, publication date; migration 22), named in the window's
 * join: an article's row holds its text and blobs over several pages, and a
 * window of 2,000 read the rows' first pages for these few columns.
 */
export const SEARCH_WINDOW_INDEX = "articles_window";

/** Matching articles ranked and counted when a search names no `newest`. */
export const DEFAULT_SEARCH_NEWEST = 2_000;

/** The page's articles (a JSON array of rowids), with their counts of quotations and registry entities: the same statement on both back ends. */
export const PAGE_ARTICLES = `SELECT a.rowid, a.id, a.title, a.lang, a.published, a.url, a.site, a.source, a.ingested_at, a.text,
   (SELECT COUNT(*) FROM quotes q WHERE q.article_rowid = a.rowid) AS quotes,
   (SELECT COUNT(DISTINCT l.entity_id) FROM entity_links l WHERE l.article_rowid = a.rowid) AS entities
   FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?))`;

/** One article of the window: its relevance (higher is better), language, outlet and publication day. */
export interface WindowRow {
  rowid: number;
  score: number;
  lang: string;
  site: string | null;
  day: string | null;
}

/** The filters the window is read with: all but language and site, which are counted in it. */
export const windowFilter = (options: SearchOptions): ArticleFilter => ({ ...options, lang: undefined, site: undefined });

export interface WindowResult extends Omit<SearchResult, "hits"> {
  /** The page's articles, best first (ties: the earlier stored first). */
  page: WindowRow[];
}

/** The size of the window: `newest`, or every match (null) when it is Infinity. */
export function windowSize(newest: number | undefined): number | null {
  const n = newest ?? DEFAULT_SEARCH_NEWEST;
  if (n === Infinity) return null;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`newest must be a whole number of articles, at least 1 (got ${n})`);
  return n;
}

/** The rows a back end reads for a window of `size`: one more, which tells whether more articles match (null: all). */
export const windowRows = (size: number | null): number | null => (size === null ? null : size + 1);

const byCount = (m: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));

/**
 * Facets (each counted with the other filter applied but not its own), the
 * total and the days (both filters), and the page ranked among the rows that
 * pass both filters. `rows` are the newest first, `windowRows(size)` of them at
 * most: a row beyond `size` only says that more match.
 */
export function fromWindow(read: readonly WindowRow[], size: number | null, options: SearchOptions): WindowResult {
  const o = { lang: options.lang, site: options.site, limit: options.limit ?? DEFAULT_SEARCH_LIMIT, offset: options.offset ?? 0 };
  const more = size !== null && read.length > size;
  const rows = more ? read.slice(0, size) : read;
  const lang = new Map<string, number>();
  const site = new Map<string, number>();
  const days = new Map<string, number>();
  const add = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  const kept: WindowRow[] = [];
  for (const r of rows) {
    const langOk = !o.lang || r.lang === o.lang;
    const siteOk = !o.site || r.site === o.site;
    if (siteOk) add(lang, r.lang);
    if (langOk && r.site !== null) add(site, r.site);
    if (!langOk || !siteOk) continue;
    kept.push(r);
    if (r.day !== null) add(days, r.day);
  }
  kept.sort((a, b) => b.score - a.score || a.rowid - b.rowid);
  const perDay: DayArticles[] = [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, articles]) => ({ day, articles }));
  return {
    // A negative limit: every hit from the offset on.
    page: kept.slice(o.offset, o.limit < 0 ? undefined : o.offset + o.limit),
    total: kept.length,
    totalExact: !more,
    facets: { lang: byCount(lang), site: byCount(site) },
    days: perDay,
  };
}

/** The page's hits, in the page's order, from its articles read in any order (`hit` makes one from its window row and article). */
export function pageHits<R extends { rowid: number }>(page: readonly WindowRow[], rows: readonly R[], hit: (w: WindowRow, r: R) => SearchHit): SearchHit[] {
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return page.map((w) => hit(w, byRowid.get(w.rowid)!));
}
