// The embedded default store: one SQLite file through better-sqlite3 (12.x;
// 13.x crashes on Node 20). WAL journal, one transaction per article, so an
// interrupted ingest keeps every article already committed and nothing half.
import { stmt } from "./statements.js";
import Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { toRecord, type DocRecord } from "../doc/record.js";
import { docContentHash } from "../pipeline/build.js";
import { LAYER_TABLES } from "./layer-tables.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
import { indexKeys, makeSnippet, parseQuery } from "./search-text.js";
import { StoreError, type ArticleSummary, type PutResult, type SearchHit, type SearchOptions, type Store, type StoreStats } from "./store.js";

export const DEFAULT_DB_FILE = "./newsgraph.db";
const DEFAULT_SEARCH_LIMIT = 10;
const BUSY_TIMEOUT_MS = 5000;
const ID_PREFIX_MIN = 4;

export interface SqliteOptions {
  readonly?: boolean;
}

interface ArticleRow {
  rowid: number;
  id: string;
  content_hash: string;
  title: string;
  lang: string;
  published: string | null;
  url: string | null;
  source: string | null;
  ingested_at: string;
}

function summary(r: ArticleRow): ArticleSummary {
  return { id: r.id, title: r.title, lang: r.lang, published: r.published, url: r.url, source: r.source, ingestedAt: r.ingested_at };
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;

  constructor(file: string = DEFAULT_DB_FILE, options: SqliteOptions = {}) {
    try {
      this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      if (!options.readonly) {
        this.db.pragma("journal_mode = WAL");
        this.db.pragma("synchronous = NORMAL");
      }
    } catch (err) {
      throw new StoreError(`cannot open the database ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.migrate(options.readonly ?? false);
  }

  private migrate(readonly: boolean): void {
    const current = this.db.pragma("user_version", { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new StoreError(`the database has schema version ${current}, newer than this newsgraph (${SCHEMA_VERSION}): upgrade newsgraph`);
    }
    if (current === SCHEMA_VERSION) return;
    if (readonly) throw new StoreError(`the database needs migrating from version ${current}; open it writable once`);
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  put(doc: Doc): PutResult {
    const hash = docContentHash(doc);
    const record = toRecord(doc);
    const title = record.title;
    const canonical = doc.meta.canonicalUrl ?? doc.meta.url ?? null;
    const now = new Date().toISOString();
    return this.db.transaction((): PutResult => {
      const same = stmt(this.db, "SELECT id FROM articles WHERE content_hash = ?").get(hash) as { id: string } | undefined;
      if (same) return { status: "unchanged", id: same.id };
      const existing = stmt(this.db, "SELECT rowid, id FROM articles WHERE id = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)")
        .get(doc.id, canonical) as { rowid: number; id: string } | undefined;
      const values = {
        id: existing?.id ?? doc.id,
        hash,
        url: doc.meta.url ?? null,
        canonical,
        title,
        lang: doc.lang,
        published: doc.meta.published ?? null,
        site: doc.meta.site ?? null,
        source: doc.meta.source ?? null,
        text: doc.text,
        record: JSON.stringify(existing ? { ...record, id: existing.id } : record),
        now,
      };
      let rowid: number;
      if (existing) {
        stmt(this.db, 
            `UPDATE articles SET content_hash=@hash, url=@url, canonical_url=@canonical, title=@title, lang=@lang, published=@published,
             site=@site, source=@source, text=@text, record=@record, updated_at=@now WHERE rowid=@rowid`,
          )
          .run({ ...values, rowid: existing.rowid });
        rowid = existing.rowid;
        stmt(this.db, "DELETE FROM articles_fts WHERE rowid = ?").run(rowid);
        for (const table of LAYER_TABLES) table.clear(this.db, { rowid, id: values.id });
      } else {
        rowid = Number(
          stmt(this.db, 
              `INSERT INTO articles (id, content_hash, url, canonical_url, title, lang, published, site, source, text, record, ingested_at)
               VALUES (@id, @hash, @url, @canonical, @title, @lang, @published, @site, @source, @text, @record, @now)`,
            )
            .run(values).lastInsertRowid,
        );
      }
      const tok = doc.layers.tokens;
      const titleKeys = doc.meta.title ? indexKeys(doc.text, tok, doc.meta.title) : "";
      const bodyKeys = doc.meta.body ? indexKeys(doc.text, tok, doc.meta.body) : "";
      stmt(this.db, "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)").run(rowid, titleKeys, bodyKeys);
      for (const table of LAYER_TABLES) table.write(this.db, { rowid, id: values.id }, doc);
      return { status: existing ? "updated" : "added", id: values.id };
    })();
  }

  get(id: string): DocRecord | null {
    let row = stmt(this.db, "SELECT record FROM articles WHERE id = ?").get(id) as { record: string } | undefined;
    if (!row && id.length >= ID_PREFIX_MIN) {
      const rows = stmt(this.db, "SELECT record FROM articles WHERE id LIKE ? LIMIT 2").all(`${id.replace(/[%_]/g, "")}%`) as { record: string }[];
      if (rows.length > 1) throw new StoreError(`the id prefix "${id}" matches more than one article`);
      row = rows[0];
    }
    return row ? (JSON.parse(row.record) as DocRecord) : null;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const { match, keys } = parseQuery(query);
    const rows = stmt(this.db, 
        `SELECT a.rowid, a.id, a.title, a.lang, a.published, a.url, a.source, a.ingested_at, a.text,
                bm25(articles_fts, 2.0, 1.0) AS score
         FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
         WHERE articles_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?`,
      )
      .all(match, options.limit ?? DEFAULT_SEARCH_LIMIT, options.offset ?? 0) as (ArticleRow & { text: string; score: number })[];
    return rows.map((r) => ({ ...summary(r), score: Number((-r.score).toPrecision(4)), ...makeSnippet(r.text, keys) }));
  }

  list(options: { limit?: number } = {}): ArticleSummary[] {
    const rows = stmt(this.db, "SELECT * FROM articles ORDER BY rowid DESC LIMIT ?").all(options.limit ?? -1) as ArticleRow[];
    return rows.map(summary);
  }

  stats(): StoreStats {
    const rows = stmt(this.db, "SELECT lang, COUNT(*) AS n FROM articles GROUP BY lang ORDER BY n DESC").all() as { lang: string; n: number }[];
    const byLang: Record<string, number> = {};
    let articles = 0;
    for (const r of rows) {
      byLang[r.lang] = r.n;
      articles += r.n;
    }
    return { articles, byLang, schemaVersion: this.db.pragma("user_version", { simple: true }) as number };
  }

  /** The database connection, for the query modules of the layer tables. */
  get connection(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
