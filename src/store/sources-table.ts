// The SQL of the intake (store/intake.ts): the sources table and its polling
// state, the pages sources led to (source_pages), and host manners
// (intake_hosts). Page URLs are canonical; a page is known when it is in
// source_pages or an article has it as its canonical URL.
import type Database from "better-sqlite3";
import type { HostRecord } from "../input/polite.js";
import type { NewSource, PageOutcome, PageState, Source, SourcePoll } from "./intake.js";
import { stmt } from "./statements.js";

/** URLs looked up per statement (well under SQLite's limit of bound parameters). */
export const LOOKUP_CHUNK = 500;
export const NUMERIC_ID = /^\d+$/u;

export interface SourceRow {
  id: number;
  url: string;
  kind: string;
  lang: string | null;
  site: string | null;
  title: string | null;
  every_ms: number;
  interval_ms: number;
  added_at: string;
  next_poll_at: string;
  last_poll_at: string | null;
  last_status: string | null;
  last_error: string | null;
  last_new: number | null;
  failures: number;
  disabled_at: string | null;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  full_fetch_at: string | null;
  articles: number;
  failed_pages: number;
}

export const SELECT_SOURCES = `
  SELECT s.*,
    (SELECT COUNT(*) FROM source_pages p WHERE p.source_id = s.id AND p.status = 'stored') AS articles,
    (SELECT COUNT(*) FROM source_pages p WHERE p.source_id = s.id AND p.status = 'failed') AS failed_pages
  FROM sources s`;

export function toSource(r: SourceRow): Source {
  const s: Source = {
    id: r.id,
    url: r.url,
    kind: r.kind === "sitemap" ? "sitemap" : "feed",
    everyMs: r.every_ms,
    intervalMs: r.interval_ms,
    addedAt: r.added_at,
    nextPollAt: r.next_poll_at,
    lastPollAt: r.last_poll_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    lastNew: r.last_new,
    failures: r.failures,
    disabledAt: r.disabled_at,
    etag: r.etag,
    lastModified: r.last_modified,
    bodyHash: r.body_hash,
    fullFetchAt: r.full_fetch_at,
    articles: r.articles,
    failedPages: r.failed_pages,
  };
  if (r.lang) s.lang = r.lang;
  if (r.site) s.site = r.site;
  if (r.title) s.title = r.title;
  return s;
}

export function sourceByRef(db: Database.Database, ref: string): Source | null {
  const row = NUMERIC_ID.test(ref)
    ? stmt(db, `${SELECT_SOURCES} WHERE s.id = ?`).get(Number(ref))
    : stmt(db, `${SELECT_SOURCES} WHERE s.url = ?`).get(ref);
  return row ? toSource(row as SourceRow) : null;
}

export function listSources(db: Database.Database): Source[] {
  return (stmt(db, `${SELECT_SOURCES} ORDER BY s.id`).all() as SourceRow[]).map(toSource);
}

export function addSource(db: Database.Database, s: NewSource, now: string): { source: Source; added: boolean } {
  return db
    .transaction(() => {
      const existing = stmt(db, "SELECT id, disabled_at FROM sources WHERE url = ?").get(s.url) as { id: number; disabled_at: string | null } | undefined;
      if (existing) {
        if (existing.disabled_at) {
          stmt(db, "UPDATE sources SET disabled_at = NULL, failures = 0, interval_ms = every_ms, next_poll_at = ? WHERE id = ?").run(now, existing.id);
        }
        return { source: sourceByRef(db, String(existing.id))!, added: false };
      }
      const id = stmt(db,
        `INSERT INTO sources (url, kind, lang, site, title, every_ms, interval_ms, added_at, next_poll_at)
         VALUES (@url, @kind, @lang, @site, @title, @every, @every, @now, @now)`,
      ).run({ url: s.url, kind: s.kind, lang: s.lang ?? null, site: s.site ?? null, title: s.title ?? null, every: s.everyMs, now }).lastInsertRowid;
      return { source: sourceByRef(db, String(id))!, added: true };
    })
    .immediate();
}

export function removeSource(db: Database.Database, ref: string): Source | null {
  return db
    .transaction(() => {
      const source = sourceByRef(db, ref);
      if (!source) return null;
      stmt(db, "UPDATE source_pages SET source_id = NULL WHERE source_id = ?").run(source.id);
      stmt(db, "DELETE FROM sources WHERE id = ?").run(source.id);
      return source;
    })
    .immediate();
}

export const UPDATE_SOURCE = `UPDATE sources SET interval_ms = @intervalMs, next_poll_at = @nextPollAt, last_poll_at = @lastPollAt, last_status = @lastStatus,
       last_error = @lastError, last_new = @lastNew, failures = @failures, disabled_at = @disabledAt, etag = @etag,
       last_modified = @lastModified, body_hash = @bodyHash, full_fetch_at = @fullFetchAt
     WHERE id = @id`;

export function updateSource(db: Database.Database, id: number, p: SourcePoll): void {
  stmt(db, UPDATE_SOURCE).run({ ...p, id });
}

export function pageStates(db: Database.Database, urls: string[]): Map<string, PageState> {
  const out = new Map<string, PageState>();
  for (let i = 0; i < urls.length; i += LOOKUP_CHUNK) {
    const chunk = urls.slice(i, i + LOOKUP_CHUNK);
    const marks = chunk.map(() => "?").join(",");
    const articles = stmt(db, `SELECT canonical_url AS url, id FROM articles WHERE canonical_url IN (${marks})`).all(...chunk) as { url: string; id: string }[];
    for (const a of articles) out.set(a.url, { status: "stored", attempts: 0, lastAttemptAt: null, articleId: a.id });
    const pages = stmt(db, `SELECT url, status, attempts, last_attempt_at, article_id FROM source_pages WHERE url IN (${marks})`).all(...chunk) as {
      url: string;
      status: string;
      attempts: number;
      last_attempt_at: string;
      article_id: string | null;
    }[];
    for (const p of pages) {
      if (out.get(p.url)?.status === "stored" && p.status !== "stored") continue;
      out.set(p.url, { status: p.status === "stored" ? "stored" : "failed", attempts: p.attempts, lastAttemptAt: p.last_attempt_at, articleId: p.article_id ?? out.get(p.url)?.articleId ?? null });
    }
  }
  return out;
}

export const RECORD_PAGE = `INSERT INTO source_pages (url, source_id, status, article_id, error, attempts, first_seen_at, last_attempt_at)
     VALUES (@url, @sourceId, @status, @articleId, @error, 1, @now, @now)
     ON CONFLICT(url) DO UPDATE SET source_id = COALESCE(source_pages.source_id, excluded.source_id), status = excluded.status,
       article_id = COALESCE(excluded.article_id, source_pages.article_id), error = excluded.error,
       attempts = source_pages.attempts + 1, last_attempt_at = excluded.last_attempt_at`;

export const pageParams = (url: string, o: PageOutcome, now: string) => ({ url, sourceId: o.sourceId, status: o.status, articleId: o.articleId ?? null, error: o.error ?? null, now });

export function recordPage(db: Database.Database, url: string, o: PageOutcome, now: string): void {
  stmt(db, RECORD_PAGE).run(pageParams(url, o, now));
}

export interface HostRow {
  not_before: string | null;
  robots_origin: string | null;
  robots_status: number | null;
  robots_text: string | null;
  robots_fetched_at: string | null;
}

export function hostState(db: Database.Database, host: string): HostRecord | null {
  const r = stmt(db, "SELECT * FROM intake_hosts WHERE host = ?").get(host) as HostRow | undefined;
  return r ? toHostRecord(r) : null;
}

export function toHostRecord(r: HostRow): HostRecord {
  const rec: HostRecord = {};
  if (r.not_before) rec.notBefore = r.not_before;
  if (r.robots_origin && r.robots_fetched_at && r.robots_status !== null) {
    rec.robots = { origin: r.robots_origin, status: r.robots_status, text: r.robots_text ?? "", fetchedAt: r.robots_fetched_at };
  }
  return rec;
}

export const SAVE_HOST = `INSERT INTO intake_hosts (host, not_before, robots_origin, robots_status, robots_text, robots_fetched_at)
     VALUES (@host, @notBefore, @origin, @status, @text, @fetchedAt)
     ON CONFLICT(host) DO UPDATE SET not_before = excluded.not_before, robots_origin = excluded.robots_origin,
       robots_status = excluded.robots_status, robots_text = excluded.robots_text, robots_fetched_at = excluded.robots_fetched_at`;

export function hostParams(host: string, rec: HostRecord): Record<string, unknown> {
  return {
    host,
    notBefore: rec.notBefore ?? null,
    origin: rec.robots?.origin ?? null,
    status: rec.robots?.status ?? null,
    text: rec.robots?.text ?? null,
    fetchedAt: rec.robots?.fetchedAt ?? null,
  };
}

export function saveHostState(db: Database.Database, host: string, rec: HostRecord): void {
  stmt(db, SAVE_HOST).run(hostParams(host, rec));
}
