// Tables that keep annotation layers of an article (quotations, entities,
// events …) beside its record, for queries across articles. The SQLite store
// calls every table here inside the article's transaction. Their schemas are
// migrations in migrations.ts.
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { quotesTable } from "./quotes-table.js";
import { entitiesTable } from "./entities-table.js";
import { eventsTable } from "./events-table.js";

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

/** The layer tables, in the order they are written. */
export const LAYER_TABLES: LayerTable[] = [quotesTable, entitiesTable, eventsTable];
