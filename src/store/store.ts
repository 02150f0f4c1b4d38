// The Store interface every back end implements (SQLite by default), and the
// types it speaks in.
import type { Doc } from "../doc/doc.js";
import type { DocRecord } from "../doc/record.js";
import type { Span } from "../doc/doc.js";

export type PutStatus = "added" | "updated" | "unchanged";

export interface PutResult {
  status: PutStatus;
  id: string;
}

export interface ArticleSummary {
  id: string;
  title: string;
  lang: string;
  published: string | null;
  url: string | null;
  source: string | null;
  ingestedAt: string;
}

export interface SearchHit extends ArticleSummary {
  score: number;
  snippet: string;
  /** Matched words inside `snippet`. */
  highlights: Span[];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

export interface StoreStats {
  articles: number;
  byLang: Record<string, number>;
  schemaVersion: number;
}

export interface Store {
  /** Add or update one article in one transaction. */
  put(doc: Doc): PutResult;
  /** The record of an article by id (or a unique id prefix). */
  get(id: string): DocRecord | null;
  search(query: string, options?: SearchOptions): SearchHit[];
  list(options?: { limit?: number }): ArticleSummary[];
  stats(): StoreStats;
  close(): void;
}

export class StoreError extends Error {
  override name = "StoreError";
}
