// The events of every stored article in one table, with actor, target and the
// asserting speaker as registry entities (through the article's entity links,
// written just before by entities-table.ts), for queries across articles.
import { stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { addArticleFilter, noConditions, whereClause } from "./filters.js";
import type { ArticleRef, LayerTable } from "./layer-table.js";
import { DEFAULT_PAGE_LIMIT, type PageOptions, type StoredEvent } from "./store.js";

export const eventsTable: LayerTable = {
  name: "events",
  clear(db: Database.Database, article: ArticleRef) {
    stmt(db, "DELETE FROM events WHERE article_rowid = ?").run(article.rowid);
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    const link = stmt(db, "SELECT entity_id FROM entity_links WHERE article_rowid = ? AND local_id = ?");
    const registryId = (local: string | null) => (local ? ((link.get(article.rowid, local) as { entity_id: number } | undefined)?.entity_id ?? null) : null);
    const insert = stmt(db, 
      `INSERT INTO events (article_rowid, ord, type, subtype, actor_id, target_id, instrument, quantity, polarity, modality, time,
                           asserted_by, asserted_by_id, start_offset, end_offset, evidence)
       VALUES (@rowid, @ord, @type, @subtype, @actor, @target, @instrument, @quantity, @polarity, @modality, @time,
               @assertedBy, @assertedById, @start, @end, @evidence)`,
    );
    (doc.layers.events ?? []).forEach((e, ord) => {
      insert.run({
        rowid: article.rowid,
        ord,
        type: e.type,
        subtype: e.subtype,
        actor: registryId(e.actor),
        target: registryId(e.target),
        instrument: e.instrument,
        quantity: e.quantity,
        polarity: e.polarity,
        modality: e.modality,
        time: e.time,
        assertedBy: e.assertedBy.by === "article" ? null : e.assertedBy.name,
        assertedById: registryId(e.assertedBy.entityId),
        start: e.evidence.start,
        end: e.evidence.end,
        evidence: doc.text.slice(e.evidence.start, e.evidence.end),
      });
    });
  },
};

/** Events by registry ids: any of the ids given for a role may fill it. */
export interface EventFilter extends PageOptions {
  actors?: number[];
  targets?: number[];
  /** Either role. */
  involving?: number[];
  assertedBy?: number[];
  type?: string;
  from?: string;
  to?: string;
}

export interface EventRow {
  articleId: string;
  title: string;
  published: string | null;
  ingestedAt: string;
  type: string;
  subtype: string | null;
  actor_id: number | null;
  actor_name: string | null;
  target_id: number | null;
  target_name: string | null;
  instrument: string | null;
  quantity: string | null;
  polarity: string;
  modality: string;
  time: string | null;
  asserted_by: string | null;
  evidence: string;
}

const inList = (ids: number[]) => `(${ids.map(() => "?").join(",")})`;

/** The statements of an event query: a page of rows (then its limit and offset) and their count, with their parameters. */
export function eventQuerySql(q: EventFilter = {}): { rows: string; count: string; params: unknown[] } {
  const c = noConditions();
  const anyOf = (columns: string[], ids: number[] | undefined) => {
    if (!ids) return;
    c.where.push(`(${columns.map((col) => `${col} IN ${inList(ids)}`).join(" OR ")})`);
    columns.forEach(() => c.params.push(...ids));
  };
  anyOf(["ev.actor_id"], q.actors);
  anyOf(["ev.target_id"], q.targets);
  anyOf(["ev.actor_id", "ev.target_id"], q.involving);
  anyOf(["ev.asserted_by_id"], q.assertedBy);
  if (q.type) {
    c.where.push("ev.type = ?");
    c.params.push(q.type.toUpperCase());
  }
  addArticleFilter(c, "a", { from: q.from, to: q.to });
  const from = "FROM events ev JOIN articles a ON a.rowid = ev.article_rowid";
  return {
    rows: `SELECT a.id AS articleId, a.title, a.published, a.ingested_at AS ingestedAt, ev.type, ev.subtype, ev.actor_id, ac.name AS actor_name,
            ev.target_id, tg.name AS target_name, ev.instrument, ev.quantity, ev.polarity, ev.modality, ev.time, ev.asserted_by, ev.evidence
     ${from} LEFT JOIN entities ac ON ac.id = ev.actor_id LEFT JOIN entities tg ON tg.id = ev.target_id ${whereClause(c)}
     ORDER BY COALESCE(a.published, a.ingested_at), a.rowid, ev.ord LIMIT ? OFFSET ?`,
    count: `SELECT COUNT(*) AS n ${from} ${whereClause(c)}`,
    params: c.params,
  };
}

export function toStoredEvent(r: EventRow): StoredEvent {
  return {
    articleId: r.articleId,
    title: r.title,
    published: r.published,
    type: r.type,
    subtype: r.subtype,
    actor: r.actor_id !== null ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
    target: r.target_id !== null ? { id: r.target_id, name: r.target_name ?? "" } : null,
    instrument: r.instrument,
    quantity: r.quantity,
    polarity: r.polarity,
    modality: r.modality,
    time: r.time,
    assertedBy: r.asserted_by,
    evidence: r.evidence,
  };
}

/** Stored events, oldest article first, filtered by actor, target, involvement, asserting entity, type and date. */
export function queryEvents(db: Database.Database, q: EventFilter = {}): { events: StoredEvent[]; total: number } {
  const sql = eventQuerySql(q);
  const rows = stmt(db, sql.rows).all(...sql.params, q.limit ?? DEFAULT_PAGE_LIMIT, q.offset ?? 0) as EventRow[];
  const total = (stmt(db, sql.count).get(...sql.params) as { n: number }).n;
  return { events: rows.map(toStoredEvent), total };
}
