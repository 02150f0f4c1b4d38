// The contract of a layer table of the PostgreSQL store (layer-table.ts for
// SQLite): it keeps one annotation layer of an article beside its record,
// written inside the article's transaction.
import type { Doc } from "../../doc/doc.js";
import type { ArticleRef } from "../layer-table.js";
import type { Sql } from "./sql.js";

export interface PgLayerTable {
  name: string;
  /** Remove an article's rows before it is written again. */
  clear(sql: Sql, article: ArticleRef): Promise<void>;
  write(sql: Sql, article: ArticleRef, doc: Doc): Promise<void>;
}
