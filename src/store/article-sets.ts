// Aggregates over a bounded set of articles — the newest that a search matches,
// or that mention one registry entity — for the facets of a search (the
// entities and speakers of its articles) and the entity graph (who appears
// with whom, who speaks about whom, who acts on whom). The set is a sample of
// at most `sample` articles, so the cost of an aggregate stays bounded however
// many articles match; every step after choosing the set is an index search
// by article (entity links by their key, quote_mentions_article, the quotes and
// events keys).
import type Database from "better-sqlite3";
import { stmt } from "./statements.js";
import { addArticleFilter, hasArticleFilter, idList, noConditions, whereClause } from "./filters.js";
import type { ArticleFilter, EntityCount, EntityGraph, GraphEdge, GraphEdgeKind, GraphNode, GraphQuery, SearchEntities, SearchEntitiesOptions } from "./store.js";

export const SET_DEFAULTS = { top: 10, facetSample: 300, nodes: 100, graphSample: 500 };

/** Where a set of articles comes from: an FTS5 match expression, an entity, or neither (every article), with article filters. */
interface SetSource extends ArticleFilter {
  match?: string;
  around?: number;
}

/**
 * The rowids of the set: the most recently stored articles a match expression
 * finds, or the latest (by date) that mention `around`, or the most recently
 * stored of all; the filters apply in every case.
 */
function sampleArticles(db: Database.Database, src: SetSource, sample: number): number[] {
  const c = noConditions();
  if (src.match !== undefined) {
    c.where.push("articles_fts MATCH ?");
    c.params.push(src.match);
    const around: ArticleFilter = src.around !== undefined ? { entity: [src.around] } : {};
    addArticleFilter(c, "a", around);
    addArticleFilter(c, "a", src);
    const join = hasArticleFilter(src) || src.around !== undefined ? "JOIN articles a ON a.rowid = articles_fts.rowid" : "";
    return (stmt(db, `SELECT articles_fts.rowid AS id FROM articles_fts ${join} ${whereClause(c)} ORDER BY articles_fts.rowid DESC LIMIT ?`).all(...c.params, sample) as { id: number }[]).map((r) => r.id);
  }
  if (src.around !== undefined) {
    c.where.push("l.entity_id = ?");
    c.params.push(src.around);
    addArticleFilter(c, "a", src);
    const join = hasArticleFilter(src) ? "JOIN articles a ON a.rowid = l.article_rowid" : "";
    return (stmt(db,
      `SELECT l.article_rowid AS id FROM entity_links l ${join} ${whereClause(c)} GROUP BY l.article_date, l.article_rowid ORDER BY l.article_date DESC, l.article_rowid DESC LIMIT ?`,
    ).all(...c.params, sample) as { id: number }[]).map((r) => r.id);
  }
  addArticleFilter(c, "a", src);
  return (stmt(db, `SELECT a.rowid AS id FROM articles a ${whereClause(c)} ORDER BY a.rowid DESC LIMIT ?`).all(...c.params, sample) as { id: number }[]).map((r) => r.id);
}

/** The registry entities of a set, in the most articles first (ties: more mentions, then the older entity). */
function entitiesOf(db: Database.Database, articles: number[], top: number): EntityCount[] {
  return stmt(db,
    `WITH counts AS (SELECT l.entity_id AS id, COUNT(DISTINCT l.article_rowid) AS articles, SUM(l.mentions) AS mentions
                     FROM entity_links l WHERE l.article_rowid IN (SELECT value FROM json_each(?))
                     GROUP BY l.entity_id ORDER BY articles DESC, mentions DESC, l.entity_id LIMIT ?)
     SELECT e.id, e.name, e.type, counts.articles FROM counts JOIN entities e ON e.id = counts.id ORDER BY counts.articles DESC, counts.mentions DESC, e.id`,
  ).all(idList(articles), top) as EntityCount[];
}

/** The registry entities quoted in a set, in the most articles first (ties: more quotations). */
function speakersOf(db: Database.Database, articles: number[], top: number): EntityCount[] {
  return stmt(db,
    `WITH counts AS (SELECT q.speaker_entity_id AS id, COUNT(DISTINCT q.article_rowid) AS articles, COUNT(*) AS quotes
                     FROM quotes q WHERE q.article_rowid IN (SELECT value FROM json_each(?)) AND q.speaker_entity_id IS NOT NULL
                     GROUP BY q.speaker_entity_id ORDER BY articles DESC, quotes DESC, q.speaker_entity_id LIMIT ?)
     SELECT e.id, e.name, e.type, counts.articles FROM counts JOIN entities e ON e.id = counts.id ORDER BY counts.articles DESC, counts.quotes DESC, e.id`,
  ).all(idList(articles), top) as EntityCount[];
}

export function searchEntities(db: Database.Database, match: string, options: SearchEntitiesOptions = {}): SearchEntities {
  const articles = sampleArticles(db, { ...options, match }, options.sample ?? SET_DEFAULTS.facetSample);
  const top = options.top ?? SET_DEFAULTS.top;
  return { entities: entitiesOf(db, articles, top), speakers: speakersOf(db, articles, top), sampled: articles.length };
}

const EDGE_ORDER: Record<GraphEdgeKind, number> = { cooccurrence: 0, speaker: 1, actor: 2 };

/** The co-occurrence edges among `nodes`: for each pair, the articles of the set that mention both. */
function cooccurrences(db: Database.Database, articles: string, nodes: string): GraphEdge[] {
  const rows = stmt(db,
    `SELECT article_rowid AS article, entity_id AS id FROM entity_links
     WHERE article_rowid IN (SELECT value FROM json_each(?)) AND entity_id IN (SELECT value FROM json_each(?))
     GROUP BY article_rowid, entity_id ORDER BY article_rowid, entity_id`,
  ).all(articles, nodes) as { article: number; id: number }[];
  const pairs = new Map<string, GraphEdge>();
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end < rows.length && rows[end].article === rows[start].article) end++;
    for (let i = start; i < end; i++) {
      for (let j = i + 1; j < end; j++) {
        const key = `${rows[i].id} ${rows[j].id}`;
        const edge = pairs.get(key);
        if (edge) edge.weight++;
        else pairs.set(key, { source: rows[i].id, target: rows[j].id, kind: "cooccurrence", weight: 1 });
      }
    }
    start = end;
  }
  return [...pairs.values()];
}

export function entityGraph(db: Database.Database, q: GraphQuery & { match?: string }): EntityGraph {
  const articles = sampleArticles(db, q, q.sample ?? SET_DEFAULTS.graphSample);
  const limit = q.nodes ?? SET_DEFAULTS.nodes;
  let counted = entitiesOf(db, articles, limit);
  // The entity the graph is drawn around is a node even when others tie with it.
  if (q.around !== undefined && articles.length && !counted.some((e) => e.id === q.around)) {
    const centre = stmt(db, "SELECT id, name, type FROM entities WHERE id = ?").get(q.around) as Omit<EntityCount, "articles"> | undefined;
    if (centre) counted = [{ ...centre, articles: articles.length }, ...counted.slice(0, limit - 1)];
  }
  const nodes: GraphNode[] = counted.map((e) => ({ id: e.id, name: e.name, type: e.type, weight: e.articles }));
  const ids = idList(nodes.map((n) => n.id));
  const set = idList(articles);
  const speaker = stmt(db,
    `SELECT q.speaker_entity_id AS source, qm.entity_id AS target, 'speaker' AS kind, COUNT(*) AS weight
     FROM quote_mentions qm JOIN quotes q ON q.article_rowid = qm.article_rowid AND q.ord = qm.ord
     WHERE qm.article_rowid IN (SELECT value FROM json_each(@set)) AND q.speaker_entity_id IN (SELECT value FROM json_each(@ids))
       AND qm.entity_id IN (SELECT value FROM json_each(@ids)) AND qm.entity_id <> q.speaker_entity_id
     GROUP BY q.speaker_entity_id, qm.entity_id`,
  ).all({ set, ids }) as GraphEdge[];
  const actor = stmt(db,
    `SELECT actor_id AS source, target_id AS target, 'actor' AS kind, COUNT(*) AS weight FROM events
     WHERE article_rowid IN (SELECT value FROM json_each(@set)) AND actor_id IN (SELECT value FROM json_each(@ids))
       AND target_id IN (SELECT value FROM json_each(@ids)) AND actor_id <> target_id
     GROUP BY actor_id, target_id`,
  ).all({ set, ids }) as GraphEdge[];
  const edges = [...cooccurrences(db, set, ids), ...speaker, ...actor].sort(
    (a, b) => EDGE_ORDER[a.kind] - EDGE_ORDER[b.kind] || b.weight - a.weight || a.source - b.source || a.target - b.target,
  );
  return { nodes, edges, sampled: articles.length };
}
