// The contract of a layer table: a table that keeps one annotation layer of an
// article (quotations, entities, events …) beside its record, written inside
// the article's transaction.
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";

export interface ArticleRef {
  rowid: number;
  id: string;
}

export interface LayerTable {
  name: string;
  /** Remove an article's rows before it is written again. */
  clear(db: Database.Database, article: ArticleRef): void;
  write(db: Database.Database, article: ArticleRef, doc: Doc): void;
}
