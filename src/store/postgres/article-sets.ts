// Aggregates over a bounded set of articles on PostgreSQL (article-sets.ts):
// the facets of a search and the entity graph, with the same statements; the
// set of a search is chosen by the tsquery (search.ts) instead of FTS5 MATCH.
import { SET_DEFAULTS } from "../article-sets.js";
import { addArticleFilter, hasArticleFilter, idList, noConditions, whereClause } from "../filters.js";
import type { ArticleFilter, EntityCount, EntityGraph, GraphEdge, GraphEdgeKind, GraphNode, GraphQuery, SearchEntities, SearchEntitiesOptions } from "../store.js";
import type { Sql } from "./sql.js";

interface SetSource extends ArticleFilter {
  /** A tsquery. */
  match?: string;
  around?: number;
}

async function sampleArticles(sql: Sql, src: SetSource, sample: number): Promise<number[]> {
  const c = noConditions();
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  if (src.match !== undefined) {
    c.where.push("articles_fts.tsv @@ ?::tsquery");
    c.params.push(src.match);
    addArticleFilter(c, "a", src.around !== undefined ? { entity: [src.around] } : {});
    addArticleFilter(c, "a", src);
    const join = hasArticleFilter(src) || src.around !== undefined ? "JOIN articles a ON a.rowid = articles_fts.rowid" : "";
    return ids(await sql.all(`SELECT articles_fts.rowid AS id FROM articles_fts ${join} ${whereClause(c)} ORDER BY articles_fts.rowid DESC LIMIT ?`, ...c.params, sample));
  }
  if (src.around !== undefined) {
    c.where.push("l.entity_id = ?");
    c.params.push(src.around);
    addArticleFilter(c, "a", src);
    const join = hasArticleFilter(src) ? "JOIN articles a ON a.rowid = l.article_rowid" : "";
    return ids(await sql.all(
      `SELECT l.article_rowid AS id FROM entity_links l ${join} ${whereClause(c)} GROUP BY l.article_date, l.article_rowid ORDER BY l.article_date DESC, l.article_rowid DESC LIMIT ?`,
      ...c.params, sample,
    ));
  }
  addArticleFilter(c, "a", src);
  return ids(await sql.all(`SELECT a.rowid AS id FROM articles a ${whereClause(c)} ORDER BY a.rowid DESC LIMIT ?`, ...c.params, sample));
}

async function entitiesOf(sql: Sql, articles: number[], top: number): Promise<EntityCount[]> {
  return sql.all<EntityCount>(
    `WITH counts AS (SELECT l.entity_id AS id, COUNT(DISTINCT l.article_rowid) AS articles, SUM(l.mentions) AS mentions
                     FROM entity_links l WHERE l.article_rowid IN (SELECT value FROM json_each(?))
                     GROUP BY l.entity_id ORDER BY articles DESC, mentions DESC, l.entity_id LIMIT ?)
     SELECT e.id, e.name, e.type, counts.articles FROM counts JOIN entities e ON e.id = counts.id ORDER BY counts.articles DESC, counts.mentions DESC, e.id`,
    idList(articles), top,
  );
}

async function speakersOf(sql: Sql, articles: number[], top: number): Promise<EntityCount[]> {
  return sql.all<EntityCount>(
    `WITH counts AS (SELECT q.speaker_entity_id AS id, COUNT(DISTINCT q.article_rowid) AS articles, COUNT(*) AS quotes
                     FROM quotes q WHERE q.article_rowid IN (SELECT value FROM json_each(?)) AND q.speaker_entity_id IS NOT NULL
                     GROUP BY q.speaker_entity_id ORDER BY articles DESC, quotes DESC, q.speaker_entity_id LIMIT ?)
     SELECT e.id, e.name, e.type, counts.articles FROM counts JOIN entities e ON e.id = counts.id ORDER BY counts.articles DESC, counts.quotes DESC, e.id`,
    idList(articles), top,
  );
}

export async function searchEntities(sql: Sql, match: string, options: SearchEntitiesOptions = {}): Promise<SearchEntities> {
  const articles = await sampleArticles(sql, { ...options, match }, options.sample ?? SET_DEFAULTS.facetSample);
  const top = options.top ?? SET_DEFAULTS.top;
  return { entities: await entitiesOf(sql, articles, top), speakers: await speakersOf(sql, articles, top), sampled: articles.length };
}

const EDGE_ORDER: Record<GraphEdgeKind, number> = { cooccurrence: 0, speaker: 1, actor: 2 };

async function cooccurrences(sql: Sql, articles: string, nodes: string): Promise<GraphEdge[]> {
  const rows = await sql.all<{ article: number; id: number }>(
    `SELECT article_rowid AS article, entity_id AS id FROM entity_links
     WHERE article_rowid IN (SELECT value FROM json_each(?)) AND entity_id IN (SELECT value FROM json_each(?))
     GROUP BY article_rowid, entity_id ORDER BY article_rowid, entity_id`,
    articles, nodes,
  );
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

export async function entityGraph(sql: Sql, q: GraphQuery & { match?: string }): Promise<EntityGraph> {
  const articles = await sampleArticles(sql, q, q.sample ?? SET_DEFAULTS.graphSample);
  const limit = q.nodes ?? SET_DEFAULTS.nodes;
  let counted = await entitiesOf(sql, articles, limit);
  if (q.around !== undefined && articles.length && !counted.some((e) => e.id === q.around)) {
    const centre = await sql.get<Omit<EntityCount, "articles">>("SELECT id, name, type FROM entities WHERE id = ?", q.around);
    if (centre) counted = [{ ...centre, articles: articles.length }, ...counted.slice(0, limit - 1)];
  }
  const nodes: GraphNode[] = counted.map((e) => ({ id: e.id, name: e.name, type: e.type, weight: e.articles }));
  const ids = idList(nodes.map((n) => n.id));
  const set = idList(articles);
  const speaker = await sql.all<GraphEdge>(
    `SELECT q.speaker_entity_id AS source, qm.entity_id AS target, 'speaker' AS kind, COUNT(*) AS weight
     FROM quote_mentions qm JOIN quotes q ON q.article_rowid = qm.article_rowid AND q.ord = qm.ord
     WHERE qm.article_rowid IN (SELECT value FROM json_each(@set)) AND q.speaker_entity_id IN (SELECT value FROM json_each(@ids))
       AND qm.entity_id IN (SELECT value FROM json_each(@ids)) AND qm.entity_id <> q.speaker_entity_id
     GROUP BY q.speaker_entity_id, qm.entity_id`,
    { set, ids },
  );
  const actor = await sql.all<GraphEdge>(
    `SELECT actor_id AS source, target_id AS target, 'actor' AS kind, COUNT(*) AS weight FROM events
     WHERE article_rowid IN (SELECT value FROM json_each(@set)) AND actor_id IN (SELECT value FROM json_each(@ids))
       AND target_id IN (SELECT value FROM json_each(@ids)) AND actor_id <> target_id
     GROUP BY actor_id, target_id`,
    { set, ids },
  );
  const edges = [...(await cooccurrences(sql, set, ids)), ...speaker, ...actor].sort(
    (a, b) => EDGE_ORDER[a.kind] - EDGE_ORDER[b.kind] || b.weight - a.weight || a.source - b.source || a.target - b.target,
  );
  return { nodes, edges, sampled: articles.length };
}
