// The cross-article entity registry on PostgreSQL: the rules of
// entities-table.ts (code, key, alias, surname, else a new entity), run
// asynchronously, with the same lookups (LOOKUP) and queries. Several writers
// may link at once: before resolving its entities an article's transaction
// takes an advisory lock per name (the last word of its phonetic key, or its
// ISO code), in a fixed order, held until it commits (lockNames, called by
// the store before anything else of the article is written), so two writers
// that meet the same new name never both create it: the second waits, then
// finds the entity the first made.
import { createHash } from "node:crypto";
import type { Doc } from "../../doc/doc.js";
import { fold } from "../../text/normalize.js";
import type { Entity } from "../../understand/entities/types.js";
import { needsTransliteration, phoneticKey } from "../../understand/translit/translit.js";
import {
  COOCCURRENCE_SAMPLE,
  MENTIONS_PER_DAY,
  STORED_LINKS,
  byName,
  countUpdates,
  COUNTED,
  LOOKUP,
  loneSurname,
  SOURCE_TEXT,
  SOURCE_TRANSLIT,
  keyRows,
  mainNameChange,
  mayReplaceUnwritten,
  namesOf,
  sourceOf,
  storedAliases,
  unique,
  writtenAliases,
  type CountedRow,
  type DatedLink,
  type EntityRow,
  type StoredLink,
} from "../entities-table.js";
import type { ArticleRef } from "../layer-table.js";
import { storedEntities, type StoredRecord } from "../article-row.js";
import { DEFAULT_PAGE_LIMIT, type CoOccurrence, type DayCount, type EntityAlias, type EntityArticle, type EntityLink, type LinkRule, type PageOptions, type RegistryEntity } from "../store.js";
import type { PgLayerTable } from "./layer-table.js";
import { limit, type Sql } from "./sql.js";
import { firstSeen, isoCode, NO_MATCH, NOT_A_PROPER_NAME, readLink, sameKey, storedDetail, storedRule } from "../link-detail.js";

/** The class of the advisory locks that guard names of the registry (the other half of the lock is the name's hash). */
export const NAME_LOCK_CLASS = 7301;

/** The advisory lock key (a signed 32-bit hash) of the name an entity would be found by. */
function nameLock(e: Entity): number {
  const words = e.key.split(" ");
  const name = e.code ? `code:${e.code}` : `name:${words[words.length - 1]}`;
  return createHash("sha1").update(name).digest().readInt32BE(0);
}

/** Take the name locks of an article's entities, in ascending order (so two writers never wait on each other in a circle). */
export async function lockNames(sql: Sql, entities: Entity[]): Promise<void> {
  const keys = [...new Set(entities.filter((e) => e.code || e.global).map(nameLock))].sort((a, b) => a - b);
  for (const k of keys) await sql.run("SELECT pg_advisory_xact_lock(?, ?)", NAME_LOCK_CLASS, k);
}

async function setKeys(sql: Sql, id: number, phonetic: string): Promise<void> {
  await sql.run("DELETE FROM entity_keys WHERE entity_id = ?", id);
  for (const [key, kind] of keyRows(phonetic)) await sql.run("INSERT INTO entity_keys (key, kind, entity_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", key, kind, id);
}

async function resolve(sql: Sql, e: Entity): Promise<{ id: number | null; rule: LinkRule; detail: string }> {
  if (e.code) {
    const id = unique(await sql.all<{ id: number }>(LOOKUP.code, e.code));
    return { id, rule: "code", detail: isoCode(e.code) };
  }
  if (!e.global) return { id: null, rule: "new", detail: NOT_A_PROPER_NAME };
  const words = e.key.split(" ").length;
  if (words > 1 || e.type !== "PER") {
    const byKey = unique(await sql.all<{ id: number }>(LOOKUP.key, e.id));
    if (byKey !== null) return { id: byKey, rule: "key", detail: sameKey(e.id) };
  }
  if (words > 1) {
    const rows = await sql.all<{ id: number; alias: string }>(LOOKUP.alias, e.key, e.type);
    const id = unique(rows);
    if (id !== null) {
      const across = needsTransliteration(rows[0].alias) !== needsTransliteration(e.name);
      return { id, rule: "alias", detail: `«${e.name}» ~ «${rows[0].alias}» (phonetic key "${e.key}"${across ? ", across scripts" : ""})` };
    }
    return { id: null, rule: "new", detail: NO_MATCH };
  }
  if (e.type === "PER") {
    const rows = await sql.all<{ id: number; name: string }>(LOOKUP.surname, e.key);
    const lone = unique(rows) === null ? ((await sql.all<{ id: number }>(LOOKUP.lone, e.id))[0]?.id ?? null) : null;
    return loneSurname(e, rows, lone);
  }
  return { id: null, rule: "new", detail: NO_MATCH };
}

async function setName(sql: Sql, id: number, lang: string, name: string, source: string): Promise<void> {
  await sql.run(
    "INSERT INTO entity_names (entity_id, lang, name, source) VALUES (?, ?, ?, ?) ON CONFLICT (entity_id, lang) DO UPDATE SET name = excluded.name, source = excluded.source",
    id, lang, name, source,
  );
}

async function create(sql: Sql, e: Entity, lang: string): Promise<number> {
  const row = await sql.get<{ id: number }>(
    "INSERT INTO entities (key, phonetic, type, name, code, global, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    e.id, e.key, e.type, e.name, e.code, e.global ? 1 : 0, new Date().toISOString(),
  );
  const id = row!.id;
  await setKeys(sql, id, e.key);
  for (const [l, name] of namesOf(e)) await setName(sql, id, l, name, sourceOf(e, l, name, lang));
  return id;
}

/**
 * A name written in the text beats a transliteration; a full name beats a
 * surname; a name written as it is in this article beats one of as many words
 * that no stored article writes (entities-table.ts).
 */
/** The choice of improveNames in entities-table.ts (mainNameChange), asked of this store. */
async function improveNames(sql: Sql, id: number, e: Entity, written: boolean): Promise<void> {
  const row = (await sql.get<EntityRow>("SELECT * FROM entities WHERE id = ?", id))!;
  if (row.code) return;
  const isWritten = async (name: string) => Boolean((await sql.get<{ count: number }>("SELECT count FROM entity_aliases WHERE entity_id = ? AND alias = ?", id, name))?.count);
  const change = mainNameChange(e, row, written);
  const replaced = change === "yes" || (change === "if unwritten" && !(await isWritten(row.name)));
  if (replaced) {
    await sql.run("UPDATE entities SET name = ?, phonetic = ?, key = ? WHERE id = ?", e.name, e.key, e.id, id);
    await setKeys(sql, id, e.key);
  }
  for (const [lang, name] of namesOf(e)) {
    if (name !== e.name) continue;
    const stored = await sql.get<{ source: string; name: string }>("SELECT source, name FROM entity_names WHERE entity_id = ? AND lang = ?", id, lang);
    const better = replaced || (stored !== undefined && mayReplaceUnwritten(name, stored.name, written) && !(await isWritten(stored.name)));
    if (!stored || stored.source !== SOURCE_TEXT || better) await setName(sql, id, lang, name, SOURCE_TEXT);
  }
}

export const pgEntitiesTable: PgLayerTable = {
  name: "entities",
  async clear(sql: Sql, article: ArticleRef) {
    const row = await sql.get<StoredRecord>("SELECT record, text, tokens FROM articles WHERE rowid = ?", article.rowid);
    if (row) {
      const links = await sql.all<DatedLink>(STORED_LINKS, article.rowid);
      for (const [id, alias] of storedAliases(storedEntities(row), new Map(links.map((l) => [l.local_id, Number(l.entity_id)])))) {
        await sql.run("UPDATE entity_aliases SET count = count - 1 WHERE entity_id = ? AND alias = ?", id, alias);
      }
      for (const [statement, params] of countUpdates(links, links[0]?.article_date ?? "", -1)) await sql.run(statement, ...params);
    }
    await sql.run("DELETE FROM entity_links WHERE article_rowid = ?", article.rowid);
  },
  async write(sql: Sql, article: ArticleRef, doc: Doc) {
    const links: StoredLink[] = [];
    for (const e of doc.layers.entities ?? []) {
      const found = await resolve(sql, e);
      let id = found.id;
      if (id === null) id = await create(sql, e, doc.lang);
      else await improveNames(sql, id, e, e.mentions.some((m) => doc.text.slice(m.start, m.end) === e.name));
      const detail = found.id === null && found.rule !== "new" ? firstSeen(found.detail) : found.detail;
      const rule = found.id === null ? "new" : found.rule;
      await sql.run(
        "INSERT INTO entity_links (article_rowid, local_id, entity_id, rule, detail, article_date, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)",
        article.rowid, e.id, id, storedRule(rule), storedDetail(rule, e.id, detail), article.date, e.mentions.length,
      );
      links.push({ local_id: e.id, entity_id: id, mentions: e.mentions.length });
      const aliases = writtenAliases(e, doc.text);
      // An alias counts the articles that write it; the entity's name (maybe a lemma) is listed without a count of its own.
      for (const alias of aliases) {
        await sql.run(
          `INSERT INTO entity_aliases (entity_id, alias, fold, phonetic, lang, count) VALUES (?, ?, ?, ?, ?, 1)
           ON CONFLICT (entity_id, alias) DO UPDATE SET count = entity_aliases.count + 1`,
          id, alias, fold(alias), phoneticKey(alias), doc.lang,
        );
      }
      if (!aliases.has(e.name)) {
        await sql.run(
          "INSERT INTO entity_aliases (entity_id, alias, fold, phonetic, lang, count) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (entity_id, alias) DO NOTHING",
          id, e.name, fold(e.name), phoneticKey(e.name), doc.lang,
        );
      }
    }
    for (const [statement, params] of countUpdates(links, article.date, 1)) await sql.run(statement, ...params);
  },
};

async function toRegistry(sql: Sql, row: CountedRow): Promise<RegistryEntity> {
  const names: Record<string, string> = {};
  const transliterated: string[] = [];
  for (const n of await sql.all<{ lang: string; name: string; source: string }>("SELECT lang, name, source FROM entity_names WHERE entity_id = ? ORDER BY lang", row.id)) {
    names[n.lang] = n.name;
    if (n.source.startsWith(SOURCE_TRANSLIT)) transliterated.push(n.lang);
  }
  return { id: row.id, key: row.key, type: row.type, name: row.name, names, transliterated, code: row.code, mentions: row.mentions, articles: row.articles };
}

/** Registry entities a name may mean, most mentioned first (entities-table.ts). */
export async function findEntities(sql: Sql, name: string, page: PageOptions = {}): Promise<RegistryEntity[]> {
  const q = byName("e.*", name);
  const rows = await sql.all<CountedRow>(`${q.sql} LIMIT ? OFFSET ?`, ...q.params, limit(page.limit, DEFAULT_PAGE_LIMIT), page.offset ?? 0);
  return Promise.all(rows.map((r) => toRegistry(sql, r)));
}

/** The ids of the registry entities a name may mean (entities-table.ts). */
export async function entityIds(sql: Sql, name: string): Promise<number[]> {
  const q = byName("e.id", name);
  return (await sql.all<{ id: number }>(q.sql, ...q.params)).map((r) => Number(r.id));
}

export async function entityById(sql: Sql, id: number): Promise<RegistryEntity | null> {
  const row = await sql.get<CountedRow>(`${COUNTED} AND e.id = ?`, id);
  return row ? toRegistry(sql, row) : null;
}

const pageParams = (page: PageOptions) => [limit(page.limit, DEFAULT_PAGE_LIMIT), page.offset ?? 0];

export async function aliasesOf(sql: Sql, id: number, page: PageOptions = {}): Promise<EntityAlias[]> {
  return sql.all<EntityAlias>("SELECT alias, lang, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias LIMIT ? OFFSET ?", id, ...pageParams(page));
}

export async function linksOf(sql: Sql, id: number, page: PageOptions = {}): Promise<EntityLink[]> {
  const rows = await sql.all<EntityLink>(
    `WITH page AS (SELECT article_rowid, local_id, article_date FROM entity_links WHERE entity_id = ? ORDER BY article_date, article_rowid, local_id LIMIT ? OFFSET ?)
     SELECT a.id AS articleId, l.local_id AS localId, l.rule, l.detail
     FROM page JOIN entity_links l ON l.article_rowid = page.article_rowid AND l.local_id = page.local_id JOIN articles a ON a.rowid = page.article_rowid
     ORDER BY page.article_date, page.article_rowid, page.local_id`,
    id, ...pageParams(page),
  );
  return rows.map(readLink);
}

export async function articlesOf(sql: Sql, id: number, page: PageOptions = {}): Promise<EntityArticle[]> {
  const rows = await sql.all<Omit<EntityArticle, "localIds"> & { localIds: string }>(
    `WITH page AS (
       SELECT article_rowid, article_date, SUM(mentions) AS mentions, string_agg(local_id, ',' ORDER BY mentions, local_id) AS localIds FROM entity_links
       WHERE entity_id = ? GROUP BY article_date, article_rowid ORDER BY article_date, article_rowid LIMIT ? OFFSET ?)
     SELECT a.id, a.title, a.published, a.ingested_at AS ingestedAt, page.mentions, page.localIds
     FROM page JOIN articles a ON a.rowid = page.article_rowid ORDER BY page.article_date, page.article_rowid`,
    id, ...pageParams(page),
  );
  return rows.map((r) => ({ ...r, localIds: r.localIds.split(",") }));
}

export async function cooccurring(sql: Sql, id: number, page: PageOptions = {}, sample = COOCCURRENCE_SAMPLE): Promise<CoOccurrence[]> {
  return sql.all<CoOccurrence>(
    `WITH recent AS (SELECT article_rowid FROM entity_links WHERE entity_id = @id GROUP BY article_date, article_rowid ORDER BY article_date DESC, article_rowid DESC LIMIT @sample),
     counts AS (SELECT l.entity_id AS id, COUNT(DISTINCT l.article_rowid) AS articles, SUM(l.mentions) AS mentions
                FROM recent JOIN entity_links l ON l.article_rowid = recent.article_rowid WHERE l.entity_id <> @id
                GROUP BY l.entity_id ORDER BY articles DESC, mentions DESC, l.entity_id LIMIT @limit OFFSET @offset)
     SELECT e.id, e.name, e.type, counts.articles FROM counts JOIN entities e ON e.id = counts.id ORDER BY counts.articles DESC, counts.mentions DESC, e.id`,
    { id, sample, limit: limit(page.limit, DEFAULT_PAGE_LIMIT), offset: page.offset ?? 0 },
  );
}

export async function mentionsPerDay(sql: Sql, id: number): Promise<DayCount[]> {
  return sql.all<DayCount>(MENTIONS_PER_DAY, id);
}
