// Copying a whole store to an empty one of another back end (SQLite ⇄
// PostgreSQL), table by table, row for row: the articles with their records,
// the search index's key strings, every layer table, the entity registry,
// copies, stories and the intake's sources, pages and hosts keep their ids,
// so the copy answers every query as the original does, without analysing
// anything again. What one back end derives (PostgreSQL's tsvector, the
// outlet keys of its quotations) is derived by the target as it writes.
import { StoreError } from "./store.js";
import { openStore } from "./open.js";
import type { Transferable } from "./table-access.js";

/** The tables, each after those it refers to. */
export const TRANSFER_TABLES = [
  "articles", "articles_fts", "entities", "entity_names", "entity_aliases", "entity_keys", "entity_links", "entity_days",
  "quotes", "quote_speaker_keys", "quote_mentions", "events", "article_fingerprints", "fingerprint_bands", "article_copies",
  "article_duplicates", "stories", "story_articles", "story_keys", "story_key_counts", "sources", "source_pages", "intake_hosts",
] as const;

export interface TransferOptions {
  /** Rows read and written at a time. */
  chunk?: number;
  /** Called after each chunk: the table, its rows copied so far, and its rows. */
  onProgress?: (table: string, done: number, total: number) => void;
}

export interface TransferResult {
  /** Rows copied, by table. */
  rows: Record<string, number>;
  articles: number;
}

const DEFAULT_CHUNK = 500;

const isTransferable = (s: object): s is Transferable => typeof (s as Partial<Transferable>).tableAccess === "function";

/** Copy the store at `from` into the empty store at `to` (created when missing). */
export async function transferStore(from: string, to: string, options: TransferOptions = {}): Promise<TransferResult> {
  if (from === to) throw new StoreError("--from and --to name the same store");
  const source = await openStore(from, { readonly: true });
  try {
    const target = await openStore(to);
    try {
      const [stats, sources] = [await target.stats(), await target.sources()];
      if (stats.articles || sources.length) throw new StoreError(`the store ${to} is not empty (${stats.articles} articles, ${sources.length} sources): copy into a new one`);
      if (!isTransferable(source) || !isTransferable(target)) throw new StoreError("these stores cannot be copied into each other");
      const read = source.tableAccess();
      const write = target.tableAccess();
      const rows: Record<string, number> = {};
      for (const table of TRANSFER_TABLES) {
        const targetColumns = new Set(await write.columns(table));
        const columns = (await read.columns(table)).filter((c) => targetColumns.has(c));
        const total = columns.length ? await read.count(table) : 0;
        let done = 0;
        options.onProgress?.(table, done, total);
        if (columns.length) {
          for await (const chunk of read.read(table, columns, options.chunk ?? DEFAULT_CHUNK)) {
            await write.write(table, columns, chunk);
            done += chunk.length;
            options.onProgress?.(table, done, total);
          }
        }
        rows[table] = done;
      }
      await write.finish();
      return { rows, articles: (await target.stats()).articles };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
