// What the pages of one article or a list of articles need beside their
// records: how many quotations, entities and events each holds, and the
// registry entity each of an article's entities was linked to.
import type Database from "better-sqlite3";
import { stmt } from "./statements.js";
import type { ArticleCounts } from "./store.js";

/** Counts of the layers of the articles with these ids, by id; unknown ids are left out. */
export function articleCounts(db: Database.Database, ids: string[]): Record<string, ArticleCounts> {
  const out: Record<string, ArticleCounts> = {};
  const count = stmt(db,
    `SELECT a.id,
            (SELECT COUNT(*) FROM quotes q WHERE q.article_rowid = a.rowid) AS quotes,
            (SELECT COUNT(*) FROM entity_links l WHERE l.article_rowid = a.rowid) AS entities,
            (SELECT COUNT(*) FROM events ev WHERE ev.article_rowid = a.rowid) AS events
     FROM articles a WHERE a.id = ?`,
  );
  for (const id of new Set(ids)) {
    const row = count.get(id) as ({ id: string } & ArticleCounts) | undefined;
    if (row) out[row.id] = { quotes: row.quotes, entities: row.entities, events: row.events };
  }
  return out;
}

/** Article-level entity id → registry entity id, for one article (empty when there is no such article). */
export function articleEntities(db: Database.Database, id: string): Record<string, number> {
  const rows = stmt(db, "SELECT l.local_id AS localId, l.entity_id AS entityId FROM entity_links l JOIN articles a ON a.rowid = l.article_rowid WHERE a.id = ?")
    .all(id) as { localId: string; entityId: number }[];
  return Object.fromEntries(rows.map((r) => [r.localId, r.entityId]));
}
