// The contract of a layer table: a table that keeps one annotation layer of an
// article (quotations, entities, events …) beside its record, written inside
// the article's transaction.
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";

export interface ArticleRef {
  rowid: number;
  id: string;
  /** The article's publication date, else its ingestion time: the order of the rows that list it by date. */
  date: string;
}

export interface LayerTable {
  name: string;
  /** Remove an article's rows before it is written again. */
  clear(db: Database.Database, article: ArticleRef): void;
  write(db: Database.Database, article: ArticleRef, doc: Doc): void;
}
