// The contract of a layer table: a table that keeps one annotation layer of an
// article (quotations, entities, events …) beside its record, written inside
// the article's transaction.
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";

/** The SQL function (registered on a SQLite connection that migrates) that gives a date's order key (dateOrder). */
export const DATE_ORDER_FUNCTION = "date_order";

/** An ISO date, to the day or further: year, month, day, then hours, minutes and seconds (an offset or fraction after them is not read). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const MS_PER_SECOND = 1000;

/**
 * The order key SQLite keeps of an article's date in the rows that list it by
 * date (entity links, quotations and their mentions, events): the seconds
 * since 1970 of the date and time as written, its offset not applied — the
 * order of the texts, to the second (ties go by article, in the order stored),
 * in an integer of 4 bytes where the text took 24. A date not in ISO form
 * orders first (0).
 */
export function dateOrder(date: unknown): number {
  const m = typeof date === "string" ? ISO_DATE.exec(date) : null;
  if (!m) return 0;
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)) / MS_PER_SECOND;
}

/** The column of a dated table that keeps its article's date (an order key in SQLite, the text in PostgreSQL). */
export const DATE_COLUMN = "article_date";
/** The tables whose rows keep their article's date, to list them by date. */
export const DATED_TABLES: ReadonlySet<string> = new Set(["entity_links", "quotes", "quote_mentions", "events"]);
/** A dated table's date as a copy to another back end carries it: the text of its article's date (the order key is made from it). */
export const dateTextSql = (table: string): string =>
  `(SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.rowid = ${table}.article_rowid) AS ${DATE_COLUMN}`;

export interface ArticleRef {
  rowid: number;
  id: string;
  /** The article's publication date, else its ingestion time: the order of the rows that list it by date. */
  date: string;
}

/**
 * Writes a table keeps in memory until its store commits: an article's are
 * kept when its savepoint is released (dropped when it rolls back), and a
 * batch's are written inside its transaction just before the commit (dropped
 * when the transaction rolls back). Reads through the table see them.
 */
export interface DeferredWrites {
  /** An article begins to be written (again, on a retry): its deferred writes so far go. */
  beginArticle(db: Database.Database): void;
  /** The article was written: its deferred writes join the batch's. */
  keepArticle(db: Database.Database): void;
  /** Write the batch's deferred writes (inside its transaction). */
  flush(db: Database.Database): void;
  /** The article, or the whole transaction, was rolled back: its deferred writes go. */
  discard(db: Database.Database, scope: "article" | "batch"): void;
}

export interface LayerTable {
  name: string;
  /** Remove an article's rows before it is written again. */
  clear(db: Database.Database, article: ArticleRef): void;
  write(db: Database.Database, article: ArticleRef, doc: Doc): void;
  /** Writes the table defers to the commit, if any. */
  deferred?: DeferredWrites;
}
