// The intake's tables on PostgreSQL (sources-table.ts): sources and their
// polling state, the pages they led to, host manners; the same statements,
// run asynchronously.
import type { HostRecord } from "../../input/polite.js";
import type { NewSource, PageOutcome, PageState, Source, SourcePoll } from "../intake.js";
import {
  LOOKUP_CHUNK,
  NUMERIC_ID,
  RECORD_PAGE,
  SAVE_HOST,
  SELECT_SOURCES,
  UPDATE_SOURCE,
  hostParams,
  pageParams,
  toHostRecord,
  toSource,
  type HostRow,
  type SourceRow,
} from "../sources-table.js";
import type { Sql } from "./sql.js";

export async function sourceByRef(sql: Sql, ref: string): Promise<Source | null> {
  const row = NUMERIC_ID.test(ref)
    ? await sql.get<SourceRow>(`${SELECT_SOURCES} WHERE s.id = ?`, Number(ref))
    : await sql.get<SourceRow>(`${SELECT_SOURCES} WHERE s.url = ?`, ref);
  return row ? toSource(row) : null;
}

export async function listSources(sql: Sql): Promise<Source[]> {
  return (await sql.all<SourceRow>(`${SELECT_SOURCES} ORDER BY s.id`)).map(toSource);
}

/** Follow a source (in a transaction of the caller's); two processes adding one URL at once make one row. Ids are taken only by new sources, as in SQLite. */
export async function addSource(sql: Sql, s: NewSource, now: string): Promise<{ source: Source; added: boolean }> {
  const known = await sql.get("SELECT 1 FROM sources WHERE url = ?", s.url);
  const inserted = known ? undefined : await sql.get<{ id: number }>(
    `INSERT INTO sources (url, kind, lang, site, title, every_ms, interval_ms, added_at, next_poll_at)
     VALUES (@url, @kind, @lang, @site, @title, @every, @every, @now, @now) ON CONFLICT (url) DO NOTHING RETURNING id`,
    { url: s.url, kind: s.kind, lang: s.lang ?? null, site: s.site ?? null, title: s.title ?? null, every: s.everyMs, now },
  );
  if (inserted) return { source: (await sourceByRef(sql, String(inserted.id)))!, added: true };
  const existing = (await sql.get<{ id: number; disabled_at: string | null }>("SELECT id, disabled_at FROM sources WHERE url = ?", s.url))!;
  if (existing.disabled_at) await sql.run("UPDATE sources SET disabled_at = NULL, failures = 0, interval_ms = every_ms, next_poll_at = ? WHERE id = ?", now, existing.id);
  return { source: (await sourceByRef(sql, String(existing.id)))!, added: false };
}

export async function removeSource(sql: Sql, ref: string): Promise<Source | null> {
  const source = await sourceByRef(sql, ref);
  if (!source) return null;
  await sql.run("UPDATE source_pages SET source_id = NULL WHERE source_id = ?", source.id);
  await sql.run("DELETE FROM sources WHERE id = ?", source.id);
  return source;
}

export async function updateSource(sql: Sql, id: number, p: SourcePoll): Promise<void> {
  await sql.run(UPDATE_SOURCE, { ...p, id });
}

export async function pageStates(sql: Sql, urls: string[]): Promise<Map<string, PageState>> {
  const out = new Map<string, PageState>();
  for (let i = 0; i < urls.length; i += LOOKUP_CHUNK) {
    const chunk = urls.slice(i, i + LOOKUP_CHUNK);
    const marks = chunk.map(() => "?").join(",");
    for (const a of await sql.all<{ url: string; id: string }>(`SELECT canonical_url AS url, id FROM articles WHERE canonical_url IN (${marks})`, ...chunk)) {
      out.set(a.url, { status: "stored", attempts: 0, lastAttemptAt: null, articleId: a.id });
    }
    const pages = await sql.all<{ url: string; status: string; attempts: number; last_attempt_at: string; article_id: string | null }>(
      `SELECT url, status, attempts, last_attempt_at, article_id FROM source_pages WHERE url IN (${marks})`,
      ...chunk,
    );
    for (const p of pages) {
      if (out.get(p.url)?.status === "stored" && p.status !== "stored") continue;
      out.set(p.url, { status: p.status === "stored" ? "stored" : "failed", attempts: p.attempts, lastAttemptAt: p.last_attempt_at, articleId: p.article_id ?? out.get(p.url)?.articleId ?? null });
    }
  }
  return out;
}

export async function recordPage(sql: Sql, url: string, o: PageOutcome, now: string): Promise<void> {
  await sql.run(RECORD_PAGE, pageParams(url, o, now));
}

export async function hostState(sql: Sql, host: string): Promise<HostRecord | null> {
  const r = await sql.get<HostRow>("SELECT * FROM intake_hosts WHERE host = ?", host);
  return r ? toHostRecord(r) : null;
}

export async function saveHostState(sql: Sql, host: string, rec: HostRecord): Promise<void> {
  await sql.run(SAVE_HOST, hostParams(host, rec));
}
