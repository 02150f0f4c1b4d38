// The events of every stored article in one table, with actor, target and the
// asserting speaker as registry entities (through the article's entity links,
// written just before by entities-table.ts), for queries across articles.
import { rows, stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { addArticleFilter, noConditions } from "./filters.js";
import { linkedEntities } from "./entities-table.js";
import { rowSpanText, spanTextSql, spanTextValue } from "./span-text.js";
import { dateOrder, type ArticleRef, type LayerTable } from "./layer-table.js";
import { DEFAULT_PAGE_LIMIT, type PageOptions, type StoredEvent } from "./store.js";

/**
 * The indexes events are paged from, each in date order (both back ends'
 * migrations create them): by actor, target and asserting entity (events
 * without one left out), by type, and by date alone.
 */
export const EVENT_INDEXES = `
  CREATE INDEX events_actor_date ON events(actor_id, article_date, article_rowid, ord) WHERE actor_id IS NOT NULL;
  CREATE INDEX events_target_date ON events(target_id, article_date, article_rowid, ord) WHERE target_id IS NOT NULL;
  CREATE INDEX events_asserted_date ON events(asserted_by_id, article_date, article_rowid, ord) WHERE asserted_by_id IS NOT NULL;
  CREATE INDEX events_type_date ON events(type, article_date, article_rowid, ord);
  CREATE INDEX events_date ON events(article_date, article_rowid, ord);
`;

/** The article's date on each event, and these indexes in place of the first ones (both back ends' migrations; `text` is the back end's text type). */
export const eventDates = (text: string): string => `
  ALTER TABLE events ADD COLUMN article_date ${text} NOT NULL DEFAULT '';
  UPDATE events SET article_date = (SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.rowid = events.article_rowid);
  DROP INDEX events_actor;
  DROP INDEX events_target;
  DROP INDEX events_type;
  ${EVENT_INDEXES}
`;

const spanKey = (s: { start: number; end: number }) => `${s.start}:${s.end}`;

/** The text of the article's quotations by their offsets (none where two of the same offsets differ): what an event of the same offsets may share (span-text.ts). */
function quoteTexts(doc: Doc): Map<string, string | undefined> {
  const texts = new Map<string, string | undefined>();
  for (const q of doc.layers.quotes ?? []) {
    const key = spanKey(q);
    texts.set(key, texts.has(key) && texts.get(key) !== q.text ? undefined : q.text);
  }
  return texts;
}

export const eventsTable: LayerTable = {
  name: "events",
  clear(db: Database.Database, article: ArticleRef) {
    stmt(db, "DELETE FROM events WHERE article_rowid = ?").run(article.rowid);
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    const linked = linkedEntities(db, article.rowid);
    const registryId = (local: string | null) => (local ? (linked.get(local) ?? null) : null);
    const insert = stmt(db, 
      `INSERT INTO events (article_rowid, ord, type, subtype, actor_id, target_id, instrument, quantity, polarity, modality, time,
                           asserted_by, asserted_by_id, start_offset, end_offset, evidence, article_date)
       VALUES (@rowid, @ord, @type, @subtype, @actor, @target, @instrument, @quantity, @polarity, @modality, @time,
               @assertedBy, @assertedById, @start, @end, @evidence, @date)`,
    );
    const order = dateOrder(article.date);
    const quoted = quoteTexts(doc);
    (doc.layers.events ?? []).forEach((e, ord) => {
      insert.run({
        rowid: article.rowid,
        date: order,
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
        evidence: rowSpanText(doc.text.slice(e.evidence.start, e.evidence.end), quoted.get(spanKey(e.evidence))),
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
  /** A Greek text as its ISO 8859-7 bytes in SQLite (span-text.ts). */
  evidence: string | Buffer;
}

const inList = (ids: number[]) => `(${ids.map(() => "?").join(",")})`;
/** The order events are listed in: their article's date (publication, else ingestion), the article, the event. */
const EVENT_ORDER = "ev.article_date, ev.article_rowid, ev.ord";
/** Index ranges merged for one page at most (SQLite's compound selects stop at 500); beyond, the matches are sorted. */
const MAX_RANGES = 64;

/**
 * The statements of an event query: a page of rows and their count, with their
 * parameters. The page is read in date order off one index — the first role
 * given (each of its ids, and for `involving` both roles, its own range, the
 * ranges merged), else the type's, else the date's — cut at the page's end, and only the
 * page's rows are joined to their articles and names; the other filters are
 * checked on the way. `unlimited` is the back end's "no limit" (SQLite -1,
 * PostgreSQL NULL), for a limit below 0.
 */
export function eventQuerySql(q: EventFilter = {}, unlimited: number | null = -1): { rows: string; count: string; params: unknown[]; countParams: unknown[] } {
  const roles: [string[], number[] | undefined][] = [
    [["ev.actor_id"], q.actors],
    [["ev.target_id"], q.targets],
    [["ev.actor_id", "ev.target_id"], q.involving],
    [["ev.asserted_by_id"], q.assertedBy],
  ];
  const driver = roles.find(([, ids]) => ids !== undefined);
  const c = noConditions();
  for (const [columns, ids] of roles) {
    if (!ids || columns === driver?.[0]) continue;
    c.where.push(`(${columns.map((col) => `${col} IN ${inList(ids)}`).join(" OR ")})`);
    columns.forEach(() => c.params.push(...ids));
  }
  if (q.type) {
    c.where.push("ev.type = ?");
    c.params.push(q.type.toUpperCase());
  }
  addArticleFilter(c, "a", { from: q.from, to: q.to });
  const joinArticles = q.from || q.to ? "JOIN articles a ON a.rowid = ev.article_rowid" : "";
  // One range per (column, id) of the driving role (too many: one range of them all, sorted); without one, the date index.
  let ranges: { where: string; params: unknown[] }[] = [{ where: "", params: [] }];
  if (driver) {
    const [columns, ids] = driver as [string[], number[]];
    ranges = columns.flatMap((col) => ids.map((id) => ({ where: `${col} = ?`, params: [id] })));
    if (!ids.length) ranges = [{ where: "1 = 0", params: [] }];
    else if (ranges.length > MAX_RANGES) {
      ranges = [{ where: `(${columns.map((col) => `${col} IN ${inList(ids)}`).join(" OR ")})`, params: columns.flatMap(() => ids) }];
    }
  }
  const limit = q.limit ?? DEFAULT_PAGE_LIMIT;
  const offset = q.offset ?? 0;
  const rangeLimit = limit < 0 ? unlimited : limit + offset;
  const range = (r: { where: string }, withLimit: boolean) => {
    const where = [r.where, ...c.where].filter((w) => w !== "");
    return `SELECT ev.article_date, ev.article_rowid, ev.ord FROM events ev ${joinArticles} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}${withLimit ? ` ORDER BY ${EVENT_ORDER} LIMIT ?` : ""}`;
  };
  const rangeParams = (r: { params: unknown[] }) => [...r.params, ...c.params];
  const pageRanges = ranges.map((r) => `SELECT * FROM (${range(r, true)}) AS r`).join(" UNION ");
  return {
    rows: `WITH page AS (SELECT article_date, article_rowid, ord FROM (${pageRanges}) AS m ORDER BY article_date, article_rowid, ord LIMIT ? OFFSET ?)
     SELECT a.id AS articleId, a.title, a.published, a.ingested_at AS ingestedAt, ev.type, ev.subtype, ev.actor_id, ac.name AS actor_name,
            ev.target_id, tg.name AS target_name, ev.instrument, ev.quantity, ev.polarity, ev.modality, ev.time, ev.asserted_by, ${spanTextSql("events", "ev")} AS evidence
     FROM page JOIN events ev ON ev.article_rowid = page.article_rowid AND ev.ord = page.ord JOIN articles a ON a.rowid = ev.article_rowid
     LEFT JOIN entities ac ON ac.id = ev.actor_id LEFT JOIN entities tg ON tg.id = ev.target_id
     ORDER BY page.article_date, page.article_rowid, page.ord`,
    params: [...ranges.flatMap((r) => [...rangeParams(r), rangeLimit]), limit < 0 ? unlimited : limit, offset],
    count: `SELECT COUNT(*) AS n FROM (${ranges.map((r) => range(r, false)).join(" UNION ")}) AS m`,
    countParams: ranges.flatMap(rangeParams),
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
    evidence: spanTextValue(r.evidence),
  };
}

/** Stored events, oldest article first, filtered by actor, target, involvement, asserting entity, type and date. */
export function queryEvents(db: Database.Database, q: EventFilter = {}): { events: StoredEvent[]; total: number } {
  const sql = eventQuerySql(q);
  const page = rows(db, sql.rows).all(...sql.params) as EventRow[];
  const total = (stmt(db, sql.count).get(...sql.countParams) as { n: number }).n;
  return { events: page.map(toStoredEvent), total };
}
