// The conditions of a full-text search (the query and its filters: language,
// site, dates, mentioned entities, speakers) and the facets of what it matches
// over all matching articles: articles per day, the entities mentioned in most
// of them and the speakers of most of their quotations.
import type Database from "better-sqlite3";
import { addArticleFilter, addKeyLookups, noConditions, whereClause, type Conditions } from "./filters.js";
import { SPEAKER_KEY_LOOKUP } from "./quotes-table.js";
import { stmt } from "./statements.js";
import type { CoOccurrence, FacetOptions, SearchFacets, SearchOptions, SpeakerCount } from "./store.js";

/** The rows a search reads: the full-text table joined to the articles (alias `a`). */
export const SEARCH_FROM = "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid";
const DEFAULT_TOP = 10;
/** The day of an article: its publication date, else the day it was ingested. */
const ARTICLE_DAY = "substr(COALESCE(a.published, a.ingested_at), 1, 10)";

/** Only articles that mention one of the entities, and (when given) with a quotation whose speaker has every word. */
export function addMentionFilters(c: Conditions, alias: string, f: Pick<SearchOptions, "entities" | "speaker">): void {
  if (f.entities) {
    c.where.push(f.entities.length ? `${alias}.rowid IN (SELECT article_rowid FROM entity_mentions WHERE entity_id IN (${f.entities.map(() => "?").join(",")}))` : "0");
    c.params.push(...f.entities);
  }
  const speaker = noConditions();
  addKeyLookups(speaker, "(q.article_rowid, q.ord)", SPEAKER_KEY_LOOKUP, f.speaker);
  if (speaker.where.length) {
    c.where.push(`EXISTS (SELECT 1 FROM quotes q WHERE q.article_rowid = ${alias}.rowid AND ${speaker.where.join(" AND ")})`);
    c.params.push(...speaker.params);
  }
}

/** The conditions of a search: the FTS match expression and every filter of the options. */
export function searchConditions(match: string, options: SearchOptions): Conditions {
  const c = noConditions();
  c.where.push("articles_fts MATCH ?");
  c.params.push(match);
  addArticleFilter(c, "a", options);
  addMentionFilters(c, "a", options);
  return c;
}

/** Articles per day, top entities and top speakers of the articles matching `match` with the options' filters. */
export function searchFacets(db: Database.Database, match: string, options: FacetOptions = {}): SearchFacets {
  const c = searchConditions(match, options);
  const hits = `WITH hits AS (SELECT a.rowid AS rowid ${SEARCH_FROM} ${whereClause(c)})`;
  const top = options.top ?? DEFAULT_TOP;
  const days = stmt(db, `SELECT ${ARTICLE_DAY} AS day, COUNT(*) AS articles ${SEARCH_FROM} ${whereClause(c)} GROUP BY day ORDER BY day`).all(...c.params) as SearchFacets["days"];
  const entities = stmt(db,
    `${hits} SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_rowid) AS articles
     FROM entity_mentions m JOIN hits ON hits.rowid = m.article_rowid JOIN entities e ON e.id = m.entity_id
     GROUP BY e.id ORDER BY articles DESC, COUNT(*) DESC, e.id LIMIT ?`,
  ).all(...c.params, top) as CoOccurrence[];
  const speakers = stmt(db,
    `${hits} SELECT COALESCE(e.name, q.speaker) AS name, q.speaker_entity_id AS entityId, COUNT(*) AS quotes
     FROM quotes q JOIN hits ON hits.rowid = q.article_rowid LEFT JOIN entities e ON e.id = q.speaker_entity_id
     WHERE q.speaker IS NOT NULL
     GROUP BY COALESCE('#' || q.speaker_entity_id, q.speaker) ORDER BY quotes DESC, name LIMIT ?`,
  ).all(...c.params, top) as SpeakerCount[];
  return { days, entities, speakers };
}
