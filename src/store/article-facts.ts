// What the page of one article needs beside its record: the registry entity
// each of the article's entities was linked to.
import type Database from "better-sqlite3";
import { LINK_LOCAL_ID } from "./entities-table.js";
import { stmt } from "./statements.js";

/** Article-level entity id → registry entity id, for one article (empty when there is no such article). */
export function articleEntities(db: Database.Database, id: string): Record<string, number> {
  const rows = stmt(db, `SELECT ${LINK_LOCAL_ID} AS localId, l.entity_id AS entityId FROM entity_links l JOIN articles a ON a.rowid = l.article_rowid JOIN entities e ON e.id = l.entity_id WHERE a.id = ?`)
    .all(id) as { localId: string; entityId: number }[];
  return Object.fromEntries(rows.map((r) => [r.localId, r.entityId]));
}
