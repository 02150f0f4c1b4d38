// The PostgreSQL store (node-postgres): the Store interface over the same
// tables as the SQLite store, for several processes writing at once. Each put
// is one transaction (a savepoint of the open one inside a batch):
//   - idempotent by content hash and canonical URL: the article row is
//     inserted with ON CONFLICT DO NOTHING on its content hash, so the same
//     article put twice at once is one row, the second put "unchanged";
//   - the entity registry is guarded by advisory locks on the names an
//     article links (entities.ts), so one new name is one entity;
//   - copy links and story assignment, which read and change rows shared by
//     every article, run under one advisory lock (STORY_LOCK), held to commit;
//   - a put that meets a deadlock, a serialization failure or a unique key
//     taken meanwhile by another writer is run again from the start.
// An address may name a schema (postgres://…/db?schema=name): the store's
// tables live there (created when missing), else in the connection's default.
import pg from "pg";
import type { Doc } from "../../doc/doc.js";
import type { DocRecord } from "../../doc/record.js";
import type { HostRecord } from "../../input/polite.js";
import type { StoryOptions } from "../../stories/assign.js";
import {
  DAY_CHARS,
  DEFAULT_BATCH_MS,
  ID_PREFIX_MIN,
  articleIdentity,
  articleKeys,
  articleValues,
  SAME_CONTENT,
  storedHash,
  recordOf,
  summary,
  type ArticleRow,
  type StoredRecord,
} from "../article-row.js";
import { addArticleFilter, hasArticleFilter, idList, noConditions, whereClause, type Conditions } from "../filters.js";
import type { NewSource, PageOutcome, PageState, Source, SourcePoll } from "../intake.js";
import { makeSnippet, parseQuery } from "../search-text.js";
import { PAGE_ARTICLES, fromWindow, pageHits, windowFilter, windowRows, windowSize, type WindowRow } from "../search-window.js";
import {
  DEFAULT_PAGE_LIMIT,
  StoreError,
  type ArticleFilter,
  type ArticleList,
  type BatchOptions,
  type EntityGraph,
  type EntityReport,
  type EntityReportOptions,
  type EventList,
  type EventQuery,
  type GraphQuery,
  type ListOptions,
  type PageOptions,
  type PutResult,
  type QuoteList,
  type QuoteQuery,
  type RegistryEntity,
  type SearchEntities,
  type SearchEntitiesOptions,
  type SearchOptions,
  type SearchResult,
  type Store,
  type StoreStats,
  type StoryReport,
} from "../store.js";
import type { ArticleLinks, StoryList, StoryQuery } from "../story-types.js";
import type { EventFilter } from "../events-table.js";
import { notACopy } from "../copies-table.js";
import { withUser } from "./admin.js";
import { entityGraph, searchEntities } from "./article-sets.js";
import { copiesOf, copyLinks, pgCopiesTable, recordDuplicate } from "./copies.js";
import { aliasesOf, articlesOf, cooccurring, entityById, entityIds, findEntities, linksOf, lockNames, mentionsPerDay, pgEntitiesTable } from "./entities.js";
import { pgEventsTable, queryEvents } from "./events.js";
import type { PgLayerTable } from "./layer-table.js";
import { MIGRATIONS_TABLE, PG_MIGRATIONS, PG_SCHEMA_VERSION } from "./migrations.js";
import { entityQuotes, pgQuotesTable, queryQuotes } from "./quotes.js";
import { RANK_WEIGHTS, tsquery, tsvectorLiteral } from "./search.js";
import * as intake from "./sources.js";
import { limit, Sql } from "./sql.js";
import { pgStoriesTable, queryStories, storyOf, storyReport } from "./stories.js";
import { pgTables } from "./tables.js";
import type { TableAccess, Transferable } from "../table-access.js";

/**
 * Articles a batch commits at once unless told otherwise: one. A transaction holds the
 * story lock and its names' locks to its commit, so a batch of many would make every
 * other writer wait for the whole batch (and meet it in deadlocks); a server commits
 * one article's transaction cheaply anyway.
 */
const PG_BATCH_ARTICLES = 1;
/** Advisory lock classes (first key) of this store; the second key is 0 unless said. */
const MIGRATION_LOCK: [number, number] = [7300, 0];
const STORY_LOCK: [number, number] = [7302, 0];
/** SQLSTATEs after which a put is run again: deadlock, serialization failure, unique key taken by a concurrent writer. */
const RETRIED_STATES = new Set(["40P01", "40001", "23505"]);
const PUT_ATTEMPTS = 8;
const RETRY_PAUSE_MS = 20;
/** ts_rank normalization 1: the rank divided by 1 + the logarithm of the article's length (BM25 also favours short articles). */
const RANK_NORMALIZATION = 1;
const SCHEMA_PARAM = "schema";
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/u;
const INTEGRITY_OK = "ok";
const DEFAULT_POOL_SIZE = 4;
/** What PostgreSQL connection failures look like: refused, unknown host, no such database. */
const CONNECTION_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "3D000", "28P01", "28000"]);

export interface PostgresOptions {
  /** Reading only: the schema must be migrated already. */
  readonly?: boolean;
  stories?: StoryOptions;
  /** Connections the store may hold at once. */
  poolSize?: number;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const sqlState = (err: unknown): string => (err && typeof err === "object" && "code" in err ? String((err as { code: unknown }).code) : "");

/** The connection string without the schema parameter, and the schema it names. */
export function parseAddress(address: string): { connectionString: string; schema: string | null } {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new StoreError(`not a PostgreSQL address: ${address}`);
  }
  const schema = url.searchParams.get(SCHEMA_PARAM);
  url.searchParams.delete(SCHEMA_PARAM);
  if (schema !== null && !SCHEMA_NAME.test(schema)) throw new StoreError(`not a schema name: ${schema} (lower-case letters, digits and _)`);
  return { connectionString: withUser(url.toString()), schema };
}

/** The address with its password hidden, for messages. */
const shown = (address: string) => address.replace(/\/\/([^:/@]+):[^@/]*@/u, "//$1:***@");

async function lock(sql: Sql, [a, b]: [number, number]): Promise<void> {
  await sql.run("SELECT pg_advisory_xact_lock(?, ?)", a, b);
}

export class PostgresStore implements Store, Transferable {
  private batch: Required<BatchOptions> | null = null;
  /** The connection of the open batch transaction, its puts, and the timer that commits it. */
  private batchClient: pg.PoolClient | null = null;
  private uncommitted = 0;
  private commitTimer: NodeJS.Timeout | null = null;
  /** Puts of a batch run one after another on its connection; the timer's commit waits for the one under way. */
  private batchQueue: Promise<unknown> = Promise.resolve();
  private readonly tables: PgLayerTable[];
  private readonly sql: Sql;
  private readonly layerMs = new Map<string, number>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresOptions,
  ) {
    this.sql = new Sql(pool);
    const stories = pgStoriesTable(options.stories);
    const underStoryLock = (t: PgLayerTable): PgLayerTable => ({
      name: t.name,
      clear: async (sql, a) => (await lock(sql, STORY_LOCK), t.clear(sql, a)),
      write: async (sql, a, doc) => (await lock(sql, STORY_LOCK), t.write(sql, a, doc)),
    });
    // The order of layers-table.ts: the registry first, copies before stories.
    this.tables = [pgEntitiesTable, pgQuotesTable, pgEventsTable, underStoryLock(pgCopiesTable), underStoryLock(stories)];
  }

  /** Connect, create the schema if the address names one that is missing, and migrate. */
  static async open(address: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const { connectionString, schema } = parseAddress(address);
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      options: [schema ? `-c search_path=${schema}` : "", options.readonly ? "-c default_transaction_read_only=on" : ""].join(" ").trim() || undefined,
    });
    // An idle connection that the server drops must not take the process down.
    pool.on("error", () => undefined);
    const store = new PostgresStore(pool, options);
    try {
      if (schema && !options.readonly) await store.createSchema(schema);
      await store.migrate();
    } catch (err) {
      await pool.end();
      if (err instanceof StoreError) throw err;
      const reason = CONNECTION_ERRORS.has(sqlState(err)) || sqlState(err).startsWith("08") ? "cannot connect to" : "cannot open";
      throw new StoreError(`${reason} the PostgreSQL store ${shown(address)}: ${message(err) || sqlState(err)}`);
    }
    return store;
  }

  private async version(sql: Sql): Promise<number> {
    const exists = await sql.get<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    if (!exists?.t) return 0;
    const version = (await sql.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations"))!.v ?? 0;
    if (version > PG_SCHEMA_VERSION) {
      throw new StoreError(`the database has schema version ${version}, newer than this newsgraph (${PG_SCHEMA_VERSION}): upgrade newsgraph`);
    }
    return version;
  }

  /** Create the store's schema when it is missing, under the migration lock: two processes' CREATE SCHEMA IF NOT EXISTS at once collide otherwise. */
  private async createSchema(schema: string): Promise<void> {
    await this.transaction(async (sql) => {
      await lock(sql, MIGRATION_LOCK);
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    });
  }

  /** Apply the missing migrations in one transaction under an advisory lock, deciding inside it, so concurrent openers migrate once. */
  private async migrate(): Promise<void> {
    const current = await this.version(this.sql);
    if (current === PG_SCHEMA_VERSION) return;
    if (this.options.readonly) throw new StoreError(`the database needs migrating from version ${current}; open it writable once`);
    await this.transaction(async (sql) => {
      await lock(sql, MIGRATION_LOCK);
      await sql.exec(MIGRATIONS_TABLE);
      const locked = await this.version(sql);
      for (const m of PG_MIGRATIONS) {
        if (m.version <= locked) continue;
        await sql.exec(m.sql);
        await sql.run("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)", m.version, m.description, new Date().toISOString());
      }
    });
  }

  /** Run `fn` in a transaction on one connection of the pool. */
  private async transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const out = await fn(new Sql(client));
      await client.query("COMMIT");
      return out;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Raw access to the tables, for copying the store (transfer.ts). */
  tableAccess(): TableAccess {
    return pgTables(this.pool);
  }

  /** Milliseconds spent so far writing each layer table, by its name. */
  layerTimes(): Record<string, number> {
    return Object.fromEntries(this.layerMs);
  }

  async beginBatch(options: BatchOptions = {}): Promise<void> {
    this.batch = { articles: options.articles ?? PG_BATCH_ARTICLES, ms: options.ms ?? DEFAULT_BATCH_MS };
  }

  async endBatch(): Promise<void> {
    await this.inBatchOrder(() => this.commitBatch());
    this.batch = null;
  }

  private async commitBatch(): Promise<void> {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    const client = this.batchClient;
    this.batchClient = null;
    this.uncommitted = 0;
    if (!client) return;
    try {
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  }

  /** Run `fn` after the batch's work under way. */
  private inBatchOrder<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.batchQueue.then(fn);
    this.batchQueue = next.catch(() => undefined);
    return next;
  }

  async put(doc: Doc): Promise<PutResult> {
    if (!this.batch) return this.withRetries(() => this.transaction((sql) => this.write(sql, doc)));
    const batch = this.batch;
    return this.inBatchOrder(() => this.putInBatch(doc, batch));
  }

  private async putInBatch(doc: Doc, batch: Required<BatchOptions>): Promise<PutResult> {
    if (!this.batchClient) {
      this.batchClient = await this.pool.connect();
      await this.batchClient.query("BEGIN");
      this.commitTimer = setTimeout(() => void this.inBatchOrder(() => this.commitBatch()).catch(() => undefined), batch.ms).unref();
    }
    const client = this.batchClient;
    const sql = new Sql(client);
    const result = await this.withRetries(async () => {
      await client.query("SAVEPOINT article");
      try {
        const r = await this.write(sql, doc);
        await client.query("RELEASE SAVEPOINT article");
        return r;
      } catch (err) {
        await client.query("ROLLBACK TO SAVEPOINT article");
        throw err;
      }
    });
    if (++this.uncommitted >= batch.articles) await this.commitBatch();
    return result;
  }

  private async withRetries<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!RETRIED_STATES.has(sqlState(err)) || attempt >= PUT_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt * Math.random()));
      }
    }
  }

  /** Add or update one article inside the caller's transaction. */
  private async write(sql: Sql, doc: Doc): Promise<PutResult> {
    const { hash, canonical } = articleIdentity(doc);
    const now = new Date().toISOString();
    const unchanged = async (): Promise<PutResult | null> => {
      const same = await sql.get<{ rowid: number; id: string }>(SAME_CONTENT, hash, storedHash(hash));
      if (!same) return null;
      await recordDuplicate(sql, same.rowid, doc, now);
      return { status: "unchanged", id: same.id };
    };
    // The names first, then (in the copies layer) the stories: every writer takes its locks in this order.
    // A writer that waited for them sees what the writer before it committed: the same content is then unchanged, not an update.
    await lockNames(sql, doc.layers.entities ?? []);
    const same = await unchanged();
    if (same) return same;
    const existing = await sql.get<{ rowid: number; id: string }>("SELECT rowid, id FROM articles WHERE id = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)", doc.id, canonical);
    const values = articleValues(doc, existing?.id ?? doc.id, now);
    let rowid: number;
    if (existing) {
      // The layers are cleared first: the entities read what the stored record wrote to take its alias counts back.
      for (const table of this.tables) await table.clear(sql, { rowid: existing.rowid, id: values.id, date: "" });
      await sql.run(
        `UPDATE articles SET content_hash=@hash, url=@url, canonical_url=@canonical, title=@title, lang=@lang, published=@published,
         site=@site, source=@source, text=@text, record=@record, tokens=@tokens, updated_at=@now WHERE rowid=@rowid`,
        { ...values, rowid: existing.rowid },
      );
      rowid = existing.rowid;
    } else {
      const inserted = await sql.get<{ rowid: number }>(
        `INSERT INTO articles (id, content_hash, url, canonical_url, title, lang, published, site, source, text, record, tokens, ingested_at)
         VALUES (@id, @hash, @url, @canonical, @title, @lang, @published, @site, @source, @text, @record, @tokens, @now)
         ON CONFLICT (content_hash) DO NOTHING RETURNING rowid`,
        values,
      );
      // Another writer stored the same content meanwhile.
      if (!inserted) return (await unchanged())!;
      rowid = inserted.rowid;
    }
    const keys = articleKeys(doc);
    await sql.run(
      `INSERT INTO articles_fts (rowid, title, body, tsv) VALUES (?, ?, ?, ?::tsvector)
       ON CONFLICT (rowid) DO UPDATE SET title = excluded.title, body = excluded.body, tsv = excluded.tsv`,
      rowid, keys.title, keys.body, tsvectorLiteral(keys.title, keys.body),
    );
    const date = values.published ?? (existing ? (await sql.get<{ d: string }>("SELECT ingested_at AS d FROM articles WHERE rowid = ?", rowid))!.d : now);
    for (const table of this.tables) {
      const started = performance.now();
      await table.write(sql, { rowid, id: values.id, date }, doc);
      this.layerMs.set(table.name, (this.layerMs.get(table.name) ?? 0) + performance.now() - started);
    }
    return { status: existing ? "updated" : "added", id: values.id };
  }

  async get(id: string): Promise<DocRecord | null> {
    let row = await this.sql.get<StoredRecord>("SELECT record, text, tokens FROM articles WHERE id = ?", id);
    if (!row && id.length >= ID_PREFIX_MIN) {
      const rows = await this.sql.all<StoredRecord>("SELECT record, text, tokens FROM articles WHERE id LIKE ? LIMIT 2", `${id.replace(/[%_\\]/g, "")}%`);
      if (rows.length > 1) throw new StoreError(`the id prefix "${id}" matches more than one article`);
      row = rows[0];
    }
    return row ? recordOf(row) : null;
  }

  /** The window of the newest matching articles with their rank, then the page's articles (search-window.ts). */
  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const parsed = parseQuery(query, { maxTerms: options.maxTerms });
    const q = tsquery(parsed.tree);
    const size = windowSize(options.newest);
    const c = noConditions();
    c.where.push("articles_fts.tsv @@ ?::tsquery");
    c.params.push(q);
    c.where.push(notACopy("articles_fts"));
    addArticleFilter(c, "a", windowFilter(options));
    const window = await this.sql.all<WindowRow>(
      `SELECT articles_fts.rowid AS rowid, ts_rank('${RANK_WEIGHTS}', articles_fts.tsv, ?::tsquery, ${RANK_NORMALIZATION}) AS score,
              a.lang AS lang, a.site AS site, substr(a.published, 1, ${DAY_CHARS}) AS day
       FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid ${whereClause(c)} ORDER BY articles_fts.rowid DESC LIMIT ?`,
      q, ...c.params, windowRows(size),
    );
    const { page, ...counts } = fromWindow(window, size, options);
    const rows = await this.sql.all<ArticleRow & { text: string; quotes: number; entities: number }>(
      PAGE_ARTICLES,
      idList(page.map((r) => r.rowid)),
    );
    const copies = await copiesOf(this.sql, page.map((r) => r.rowid));
    return {
      hits: pageHits(page, rows, (w, r) => ({ ...summary(r), score: Number(w.score.toPrecision(4)), ...makeSnippet(r.text, parsed.keys), quotes: r.quotes, entities: r.entities, copies: copies.get(r.rowid) ?? [] })),
      ...counts,
    };
  }

  async searchEntities(query: string, options: SearchEntitiesOptions = {}): Promise<SearchEntities> {
    return searchEntities(this.sql, tsquery(parseQuery(query, { maxTerms: options.maxTerms }).tree), options);
  }

  async graph(query: GraphQuery = {}): Promise<EntityGraph> {
    const match = query.query === undefined ? undefined : tsquery(parseQuery(query.query, { maxTerms: query.maxTerms }).tree);
    return entityGraph(this.sql, { ...query, match });
  }

  async articleEntities(id: string): Promise<Record<string, number>> {
    const rows = await this.sql.all<{ localId: string; entityId: number }>(
      "SELECT l.local_id AS localId, l.entity_id AS entityId FROM entity_links l JOIN articles a ON a.rowid = l.article_rowid WHERE a.id = ?",
      id,
    );
    return Object.fromEntries(rows.map((r) => [r.localId, r.entityId]));
  }

  async list(options: ListOptions = {}): Promise<ArticleList> {
    const c = noConditions();
    addArticleFilter(c, "a", { lang: options.lang });
    const rows = await this.sql.all<ArticleRow>(
      `SELECT a.rowid, a.id, a.title, a.lang, a.published, a.url, a.source, a.site, a.ingested_at FROM articles a ${whereClause(c)} ORDER BY a.rowid DESC LIMIT ? OFFSET ?`,
      ...c.params, limit(options.limit, DEFAULT_PAGE_LIMIT), options.offset ?? 0,
    );
    const total = (await this.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM articles a ${whereClause(c)}`, ...c.params))!.n;
    return { articles: rows.map(summary), total };
  }

  async quotes(query: QuoteQuery = {}): Promise<QuoteList> {
    return queryQuotes(this.sql, query);
  }

  async findEntities(name: string, options: PageOptions = {}): Promise<RegistryEntity[]> {
    return findEntities(this.sql, name, options);
  }

  async entity(id: number, options: EntityReportOptions = {}): Promise<EntityReport | null> {
    const entity = await entityById(this.sql, id);
    if (!entity) return null;
    // The lists at once, on the connections of the pool.
    const [aliases, links, articles, quotes, events, co, perDay] = await Promise.all([
      aliasesOf(this.sql, id, options),
      linksOf(this.sql, id, options),
      articlesOf(this.sql, id, options),
      entityQuotes(this.sql, id, options),
      queryEvents(this.sql, { ...options, involving: [id] }),
      cooccurring(this.sql, id, options),
      mentionsPerDay(this.sql, id),
    ]);
    return { entity, aliases, links, articles, quotes, events: events.events, cooccurring: co, mentionsPerDay: perDay };
  }

  async events(query: EventQuery = {}): Promise<EventList> {
    const filter: EventFilter = { type: query.type, from: query.from, to: query.to, limit: query.limit, offset: query.offset };
    const unresolved: string[] = [];
    for (const [role, name] of [["actors", query.actor], ["targets", query.target], ["assertedBy", query.assertedBy]] as const) {
      if (!name) continue;
      const ids = await entityIds(this.sql, name);
      if (!ids.length) unresolved.push(name);
      filter[role] = ids;
    }
    if (unresolved.length) return { events: [], total: 0, unresolved };
    return { ...(await queryEvents(this.sql, filter)), unresolved };
  }

  async stories(query: StoryQuery = {}): Promise<StoryList> {
    return queryStories(this.sql, query);
  }

  async story(id: number): Promise<StoryReport | null> {
    return storyReport(this.sql, id);
  }

  async links(id: string): Promise<ArticleLinks | null> {
    const row = await this.sql.get<{ rowid: number }>("SELECT rowid FROM articles WHERE id = ?", id);
    return row ? { ...(await copyLinks(this.sql, row.rowid)), story: await storyOf(this.sql, row.rowid) } : null;
  }

  async stats(): Promise<StoreStats> {
    const rows = await this.sql.all<{ lang: string; n: number }>("SELECT lang, COUNT(*) AS n FROM articles GROUP BY lang ORDER BY n DESC, lang");
    const byLang: Record<string, number> = {};
    let articles = 0;
    for (const r of rows) {
      byLang[r.lang] = r.n;
      articles += r.n;
    }
    const indexed = (await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM articles_fts"))!.n;
    const bytes = (await this.sql.get<{ n: number }>(
      `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname = current_schema() AND c.relkind = 'r'`,
    ))!.n;
    const bytesPerArticle = articles ? Math.round(bytes / articles) : 0;
    return { articles, byLang, indexed, bytesPerArticle, schemaVersion: await this.version(this.sql) };
  }

  async addSource(source: NewSource): Promise<{ source: Source; added: boolean }> {
    return this.transaction((sql) => intake.addSource(sql, source, new Date().toISOString()));
  }

  async sources(): Promise<Source[]> {
    return intake.listSources(this.sql);
  }

  async source(ref: string): Promise<Source | null> {
    return intake.sourceByRef(this.sql, ref);
  }

  async removeSource(ref: string): Promise<Source | null> {
    return this.transaction((sql) => intake.removeSource(sql, ref));
  }

  async updateSource(id: number, poll: SourcePoll): Promise<void> {
    return intake.updateSource(this.sql, id, poll);
  }

  async pageStates(urls: string[]): Promise<Map<string, PageState>> {
    return intake.pageStates(this.sql, urls);
  }

  async recordPage(url: string, outcome: PageOutcome): Promise<void> {
    return intake.recordPage(this.sql, url, outcome, new Date().toISOString());
  }

  async hostState(host: string): Promise<HostRecord | null> {
    return intake.hostState(this.sql, host);
  }

  async saveHostState(host: string, record: HostRecord): Promise<void> {
    return intake.saveHostState(this.sql, host, record);
  }

  /** "ok", or what is inconsistent: articles missing from the search index, index rows or layer rows without their article. */
  async integrityCheck(): Promise<string> {
    const problems: string[] = [];
    const unindexed = (await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.rowid)"))!.n;
    if (unindexed) problems.push(`${unindexed} articles missing from the search index`);
    const unlinked = (await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM entity_links l WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = l.entity_id)"))!.n;
    if (unlinked) problems.push(`${unlinked} entity links to missing entities`);
    return problems.length ? problems.join("; ") : INTEGRITY_OK;
  }

  async close(): Promise<void> {
    await this.inBatchOrder(() => this.commitBatch());
    this.batch = null;
    await this.pool.end();
  }
}
