// The embedded default store: one SQLite file through better-sqlite3 (12.x;
// 13.x crashes on Node 20). WAL journal, one transaction per article, so an
// interrupted ingest keeps every article already committed and nothing half.
// Several processes may share one store: each write transaction takes the write
// lock up front and waits or retries while another holds it, and migrations
// re-read the schema version inside the lock (see connection.ts).
// In a batch (beginBatch), the articles share transactions committed every N
// articles or every few seconds; each article is still a savepoint of its own.
// An article's record is kept without its text (the text column has it) and
// without its token list (a compact blob of token columns), deflated; get()
// restores both.
import { rows, stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import type { DocRecord } from "../doc/record.js";
import { articleIdentity, articleKeys, SAME_CONTENT, storedHash, articleValues, packedText, recordOf, unpackText, summary, type ArticleRow, type PackedRecord, DAY_CHARS, DEFAULT_BATCH_ARTICLES, DEFAULT_BATCH_MS, ID_PREFIX_MIN } from "./article-row.js";
import { copiesOf, copyLinks, notACopy, recordDuplicate } from "./copies-table.js";
import { queryStories, setStoryOptions, storyOf, storyReport } from "./stories-table.js";
import type { StoryOptions } from "../stories/assign.js";
import { aliasesOf, articlesOf, cooccurring, entityById, entityIds, findEntities, linksOf, mentionsPerDay } from "./entities-table.js";
import { queryEvents, type EventFilter } from "./events-table.js";
import { closeConnection, openConnection, retryBusy, retryBusySync, withDefaults, type ConnectionOptions } from "./connection.js";
import { entityGraph, searchEntities } from "./article-sets.js";
import { articleEntities } from "./article-facts.js";
import { addArticleFilter, hasArticleFilter, idList, noConditions, whereClause, type Conditions } from "./filters.js";
import { LAYER_TABLES } from "./layer-tables.js";
import { MIGRATIONS, SCHEMA_VERSION, registerMigrationFunctions } from "./migrations.js";
import { entityQuotes, queryQuotes, registerKeysFunction } from "./quotes-table.js";
import { makeSnippet, parseQuery } from "./search-text.js";
import { PAGE_ARTICLES, SEARCH_WINDOW_INDEX, fromWindow, pageHits, windowFilter, windowRows, windowSize, type WindowRow } from "./search-window.js";
import * as intake from "./sources-table.js";
import { sqliteTables } from "./sqlite-tables.js";
import type { TableAccess, Transferable } from "./table-access.js";
import type { HostRecord } from "../input/polite.js";
import type { NewSource, PageOutcome, PageState, Source, SourcePoll } from "./intake.js";
import {
  DEFAULT_PAGE_LIMIT,
  StoreError,
  type ArticleFilter,
  type ArticleList,
  type BatchOptions,
  type EntityGraph,
  type GraphQuery,
  type SearchEntities,
  type SearchEntitiesOptions,
  type EntityReport,
  type EntityReportOptions,
  type EventList,
  type EventQuery,
  type ListOptions,
  type PageOptions,
  type PutResult,
  type QuoteList,
  type QuoteQuery,
  type RegistryEntity,
  type SearchOptions,
  type SearchResult,
  type Store,
  type StoreStats,
  type StoryReport,
} from "./store.js";
import type { ArticleLinks, StoryList, StoryQuery } from "./story-types.js";

export const DEFAULT_DB_FILE = "./newsgraph.db";
/** What PRAGMA integrity_check answers for a sound database. */
const INTEGRITY_OK = "ok";
/** BM25 weights of the indexed columns: a word of the title counts twice a word of the body. */
const BM25_WEIGHTS = "2.0, 1.0";
/** SQLite's LIMIT of no limit. */
const UNLIMITED = -1;
/** The layer tables' writes deferred to the commit. */
const DEFERRED_WRITES = LAYER_TABLES.flatMap((t) => (t.deferred ? [t.deferred] : []));

/** A search's window (`where` its conditions, then the limit): the newest matches off the index, with their relevance and the columns the facets count, read from the index of those columns. */
export const searchWindowSql = (where: string): string =>
  `SELECT articles_fts.rowid AS rowid, -bm25(articles_fts, ${BM25_WEIGHTS}) AS score, a.lang AS lang, a.site AS site, substr(a.published, 1, ${DAY_CHARS}) AS day
   FROM articles_fts JOIN articles a INDEXED BY ${SEARCH_WINDOW_INDEX} ON a.rowid = articles_fts.rowid ${where} ORDER BY articles_fts.rowid DESC LIMIT ?`;

export interface SqliteOptions extends ConnectionOptions {
  /** Story assignment settings, when not the defaults. */
  stories?: StoryOptions;
}

function schemaVersion(db: Database.Database): number {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StoreError(`the database has schema version ${version}, newer than this newsgraph (${SCHEMA_VERSION}): upgrade newsgraph`);
  }
  return version;
}

/** Apply the missing migrations in one write transaction, deciding inside the lock, so a process that waited on another's migration finds nothing left to do. */
function migrateConnection(db: Database.Database, file: string, options: Required<ConnectionOptions>): void {
  retryBusySync(file, options, () =>
    db
      .transaction(() => {
        const locked = schemaVersion(db);
        for (const m of MIGRATIONS) {
          if (m.version <= locked) continue;
          db.exec(m.sql);
          db.pragma(`user_version = ${m.version}`);
        }
      })
      .immediate(),
  );
}

export class SqliteStore implements Store, Transferable {
  private readonly db: Database.Database;
  private readonly options: Required<ConnectionOptions>;
  private batch: Required<BatchOptions> | null = null;
  /** Puts in the open batch transaction, and the timer that commits it. */
  private uncommitted = 0;
  private commitTimer: NodeJS.Timeout | null = null;
  /** Milliseconds spent writing each layer table (the benchmarks read them). */
  private readonly layerMs = new Map<string, number>();

  constructor(
    private readonly file: string = DEFAULT_DB_FILE,
    options: SqliteOptions = {},
  ) {
    this.options = withDefaults(options);
    this.db = openConnection(file, this.options);
    try {
      registerMigrationFunctions(this.db);
      this.migrate();
    } catch (err) {
      closeConnection(this.db);
      throw err;
    }
    if (options.stories) setStoryOptions(this.db, options.stories);
    registerKeysFunction(this.db);
  }

  /**
   * Bring the schema up to date. A store opened only to be read (search, show, stats …)
   * is migrated through a writable connection of its own, opened for that and closed.
   */
  private migrate(): void {
    const current = schemaVersion(this.db);
    if (current === SCHEMA_VERSION) return;
    if (!this.options.readonly) return migrateConnection(this.db, this.file, this.options);
    let writer: Database.Database;
    try {
      writer = openConnection(this.file, { ...this.options, readonly: false });
    } catch (err) {
      throw new StoreError(`the database has schema version ${current} and needs migrating to ${SCHEMA_VERSION}, but cannot be opened for writing: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      registerMigrationFunctions(writer);
      migrateConnection(writer, this.file, this.options);
    } finally {
      closeConnection(writer);
    }
  }

  /** Raw access to the tables, for copying the store (transfer.ts). */
  tableAccess(): TableAccess {
    return sqliteTables(this.db);
  }

  /** Milliseconds spent so far writing each layer table (entities, quotes, events, copies, stories), by its name. */
  layerTimes(): Record<string, number> {
    return Object.fromEntries(this.layerMs);
  }

  async beginBatch(options: BatchOptions = {}): Promise<void> {
    this.batch = { articles: options.articles ?? DEFAULT_BATCH_ARTICLES, ms: options.ms ?? DEFAULT_BATCH_MS };
  }

  async endBatch(): Promise<void> {
    this.commitBatch();
    this.batch = null;
  }

  private commitBatch(): void {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    if (this.db.open && this.db.inTransaction) {
      for (const d of DEFERRED_WRITES) d.flush(this.db);
      this.db.exec("COMMIT");
    }
    this.uncommitted = 0;
  }

  async put(doc: Doc): Promise<PutResult> {
    if (!this.batch) return this.write(doc);
    if (!this.db.inTransaction) {
      await retryBusy(this.file, this.options, () => this.db.exec("BEGIN IMMEDIATE"));
      this.commitTimer = setTimeout(() => this.commitBatch(), this.batch.ms).unref();
    }
    try {
      const result = await this.write(doc);
      if (++this.uncommitted >= this.batch.articles) this.commitBatch();
      return result;
    } catch (err) {
      if (!this.db.inTransaction) {
        // the batch's transaction was rolled back, and what it deferred with it
        for (const d of DEFERRED_WRITES) d.discard(this.db, "batch");
        if (this.uncommitted) {
          const lost = this.uncommitted;
          this.commitBatch();
          throw new StoreError(`${err instanceof Error ? err.message : String(err)}; the ${lost} articles written since the last commit were rolled back`);
        }
      }
      throw err;
    }
  }

  /** Add or update one article in a transaction (a savepoint inside a batch). */
  private write(doc: Doc): Promise<PutResult> {
    const { hash, canonical } = articleIdentity(doc);
    const now = new Date().toISOString();
    const write = this.db.transaction((): PutResult => {
      for (const d of DEFERRED_WRITES) d.beginArticle(this.db);
      const same = stmt(this.db, SAME_CONTENT).get(hash, storedHash(hash)) as { rowid: number; id: string } | undefined;
      if (same) {
        recordDuplicate(this.db, same.rowid, doc, now);
        return { status: "unchanged", id: same.id };
      }
      const existing = stmt(this.db, "SELECT rowid, id FROM articles WHERE id = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)")
        .get(doc.id, canonical) as { rowid: number; id: string } | undefined;
      const values = articleValues(doc, existing?.id ?? doc.id, now);
      let rowid: number;
      if (existing) {
        // The layers are cleared first: the entities read what the stored record wrote to take its alias counts back.
        for (const table of LAYER_TABLES) table.clear(this.db, { rowid: existing.rowid, id: values.id, date: "" });
        stmt(this.db, 
            `UPDATE articles SET content_hash=@hash, url=@url, canonical_url=@canonical, title=@title, lang=@lang, published=@published,
             site=@site, source=@source, text=@text, record=@record, tokens=@tokens, updated_at=@now WHERE rowid=@rowid`,
          )
          .run({ ...values, text: packedText(doc), rowid: existing.rowid });
        rowid = existing.rowid;
        stmt(this.db, "DELETE FROM articles_fts WHERE rowid = ?").run(rowid);
      } else {
        rowid = Number(
          stmt(this.db, 
              `INSERT INTO articles (id, content_hash, url, canonical_url, title, lang, published, site, source, text, record, tokens, ingested_at)
               VALUES (@id, @hash, @url, @canonical, @title, @lang, @published, @site, @source, @text, @record, @tokens, @now)`,
            )
            .run({ ...values, text: packedText(doc) }).lastInsertRowid,
        );
      }
      const keys = articleKeys(doc);
      stmt(this.db, "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)").run(rowid, keys.title, keys.body);
      const { date } = stmt(this.db, "SELECT COALESCE(published, ingested_at) AS date FROM articles WHERE rowid = ?").get(rowid) as { date: string };
      for (const table of LAYER_TABLES) {
        const started = performance.now();
        table.write(this.db, { rowid, id: values.id, date }, doc);
        this.layerMs.set(table.name, (this.layerMs.get(table.name) ?? 0) + performance.now() - started);
      }
      // a put of its own writes them now, inside its transaction; a batch's article keeps them once its savepoint is released
      if (!this.batch) {
        for (const d of DEFERRED_WRITES) {
          d.keepArticle(this.db);
          d.flush(this.db);
        }
      }
      return { status: existing ? "updated" : "added", id: values.id };
    });
    return retryBusy(this.file, this.options, () => {
      try {
        const result = write.immediate();
        if (this.batch) for (const d of DEFERRED_WRITES) d.keepArticle(this.db);
        return result;
      } catch (err) {
        for (const d of DEFERRED_WRITES) d.discard(this.db, this.batch ? "article" : "batch");
        throw err;
      }
    });
  }

  async get(id: string): Promise<DocRecord | null> {
    let row = stmt(this.db, "SELECT record, text, tokens FROM articles WHERE id = ?").get(id) as PackedRecord | undefined;
    if (!row && id.length >= ID_PREFIX_MIN) {
      const rows = stmt(this.db, "SELECT record, text, tokens FROM articles WHERE id LIKE ? LIMIT 2").all(`${id.replace(/[%_]/g, "")}%`) as PackedRecord[];
      if (rows.length > 1) throw new StoreError(`the id prefix "${id}" matches more than one article`);
      row = rows[0];
    }
    return row ? recordOf({ ...row, text: unpackText(row.text) }) : null;
  }

  /**
   * The window of the newest matching articles, read off the index in stored
   * order with their BM25 relevance and the columns the facets count, then the
   * page's articles (search-window.ts).
   */
  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const { match, keys } = parseQuery(query, { maxTerms: options.maxTerms });
    const size = windowSize(options.newest);
    const c = noConditions();
    c.where.push("articles_fts MATCH ?");
    c.params.push(match);
    c.where.push(notACopy("articles_fts"));
    addArticleFilter(c, "a", windowFilter(options));
    const window = rows(this.db, searchWindowSql(whereClause(c))).all(...c.params, windowRows(size) ?? UNLIMITED) as WindowRow[];
    const { page, ...counts } = fromWindow(window, size, options);
    const articles = rows(this.db, PAGE_ARTICLES).all(idList(page.map((r) => r.rowid))) as (ArticleRow & { text: Buffer; quotes: number; entities: number })[];
    const copies = copiesOf(this.db, page.map((r) => r.rowid));
    return {
      hits: pageHits(page, articles, (w, r) => ({ ...summary(r), score: Number(w.score.toPrecision(4)), ...makeSnippet(unpackText(r.text), keys), quotes: r.quotes, entities: r.entities, copies: copies.get(r.rowid) ?? [] })),
      ...counts,
    };
  }

  async searchEntities(query: string, options: SearchEntitiesOptions = {}): Promise<SearchEntities> {
    return searchEntities(this.db, parseQuery(query, { maxTerms: options.maxTerms }).match, options);
  }

  async graph(query: GraphQuery = {}): Promise<EntityGraph> {
    const match = query.query === undefined ? undefined : parseQuery(query.query, { maxTerms: query.maxTerms }).match;
    return entityGraph(this.db, { ...query, match });
  }

  async articleEntities(id: string): Promise<Record<string, number>> {
    return articleEntities(this.db, id);
  }

  async list(options: ListOptions = {}): Promise<ArticleList> {
    const c = noConditions();
    addArticleFilter(c, "a", { lang: options.lang });
    const page = rows(this.db, `SELECT * FROM articles a ${whereClause(c)} ORDER BY a.rowid DESC LIMIT ? OFFSET ?`)
      .all(...c.params, options.limit ?? DEFAULT_PAGE_LIMIT, options.offset ?? 0) as ArticleRow[];
    const total = (stmt(this.db, `SELECT COUNT(*) AS n FROM articles a ${whereClause(c)}`).get(...c.params) as { n: number }).n;
    return { articles: page.map(summary), total };
  }

  async quotes(query: QuoteQuery = {}): Promise<QuoteList> {
    return queryQuotes(this.db, query);
  }

  async findEntities(name: string, options: PageOptions = {}): Promise<RegistryEntity[]> {
    return findEntities(this.db, name, options);
  }

  async entity(id: number, options: EntityReportOptions = {}): Promise<EntityReport | null> {
    const entity = entityById(this.db, id);
    if (!entity) return null;
    return {
      entity,
      aliases: aliasesOf(this.db, id, options),
      links: linksOf(this.db, id, options),
      articles: articlesOf(this.db, id, options),
      quotes: entityQuotes(this.db, id, options),
      events: queryEvents(this.db, { ...options, involving: [id] }).events,
      cooccurring: cooccurring(this.db, id, options),
      mentionsPerDay: mentionsPerDay(this.db, id),
    };
  }

  async events(query: EventQuery = {}): Promise<EventList> {
    const filter: EventFilter = { type: query.type, from: query.from, to: query.to, limit: query.limit, offset: query.offset };
    const unresolved: string[] = [];
    for (const [role, name] of [["actors", query.actor], ["targets", query.target], ["assertedBy", query.assertedBy]] as const) {
      if (!name) continue;
      const ids = entityIds(this.db, name);
      if (!ids.length) unresolved.push(name);
      filter[role] = ids;
    }
    if (unresolved.length) return { events: [], total: 0, unresolved };
    return { ...queryEvents(this.db, filter), unresolved };
  }

  async stories(query: StoryQuery = {}): Promise<StoryList> {
    return queryStories(this.db, query);
  }

  async story(id: number): Promise<StoryReport | null> {
    return storyReport(this.db, id);
  }

  async links(id: string): Promise<ArticleLinks | null> {
    const row = stmt(this.db, "SELECT rowid FROM articles WHERE id = ?").get(id) as { rowid: number } | undefined;
    return row ? { ...copyLinks(this.db, row.rowid), story: storyOf(this.db, row.rowid) } : null;
  }

  async stats(): Promise<StoreStats> {
    const rows = stmt(this.db, "SELECT lang, COUNT(*) AS n FROM articles GROUP BY lang ORDER BY n DESC").all() as { lang: string; n: number }[];
    const byLang: Record<string, number> = {};
    let articles = 0;
    for (const r of rows) {
      byLang[r.lang] = r.n;
      articles += r.n;
    }
    const indexed = (stmt(this.db, "SELECT COUNT(*) AS n FROM articles_fts").get() as { n: number }).n;
    const bytes = (this.db.pragma("page_count", { simple: true }) as number) * (this.db.pragma("page_size", { simple: true }) as number);
    const bytesPerArticle = articles ? Math.round(bytes / articles) : 0;
    return { articles, byLang, indexed, bytesPerArticle, schemaVersion: this.db.pragma("user_version", { simple: true }) as number };
  }

  async addSource(source: NewSource): Promise<{ source: Source; added: boolean }> {
    return retryBusy(this.file, this.options, () => intake.addSource(this.db, source, new Date().toISOString()));
  }

  async sources(): Promise<Source[]> {
    return intake.listSources(this.db);
  }

  async source(ref: string): Promise<Source | null> {
    return intake.sourceByRef(this.db, ref);
  }

  async removeSource(ref: string): Promise<Source | null> {
    return retryBusy(this.file, this.options, () => intake.removeSource(this.db, ref));
  }

  async updateSource(id: number, poll: SourcePoll): Promise<void> {
    return retryBusy(this.file, this.options, () => intake.updateSource(this.db, id, poll));
  }

  async pageStates(urls: string[]): Promise<Map<string, PageState>> {
    return intake.pageStates(this.db, urls);
  }

  async recordPage(url: string, outcome: PageOutcome): Promise<void> {
    return retryBusy(this.file, this.options, () => intake.recordPage(this.db, url, outcome, new Date().toISOString()));
  }

  async hostState(host: string): Promise<HostRecord | null> {
    return intake.hostState(this.db, host);
  }

  async saveHostState(host: string, record: HostRecord): Promise<void> {
    return retryBusy(this.file, this.options, () => intake.saveHostState(this.db, host, record));
  }

  async integrityCheck(): Promise<string> {
    const rows = this.db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== INTEGRITY_OK);
    return problems.length ? problems.join("; ") : INTEGRITY_OK;
  }

  async close(): Promise<void> {
    this.commitBatch();
    this.batch = null;
    closeConnection(this.db);
  }
}
