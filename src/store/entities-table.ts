// The cross-article entity registry. Each article's entities are linked to a
// registry entity by the first rule that gives exactly one candidate, and the
// rule is kept (entity_links) so every merge can be explained:
//   code         — the same ISO 3166 country code;
//   key          — the same type and article-level key (type + phonetic key of the full name);
//   alias        — a full name equal, by phonetic key, to a stored alias of the same type
//                  (Σεργκέι Ριαμπκόφ ~ Sergei Ryabkov: across scripts through transliteration);
//   surname      — a lone surname that ends the one stored full name of a person with it;
//   key          — (a lone surname no one full name resolves) the registry's entity of that
//                  lone name, so that the mentions of an unresolved «Τραμπ» make one entity,
//                  not one per article (the registry, and linking's cost, would grow with them).
// Anything ambiguous, and names that are not proper names (lower-case words,
// «υπουργείο Εξωτερικών»), make a new entity: a wrong merge is worse than a missed one.
import { rows, stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { fold } from "../text/normalize.js";
import type { Entity, EntityMention } from "../understand/entities/types.js";
import type { DocRecord } from "../doc/record.js";
import { DAY_CHARS, storedEntities, unpackText, type PackedRecord } from "./article-row.js";
import { firstSeen, isoCode, NO_MATCH, NO_PERSON, NOT_A_PROPER_NAME, readLink, sameKey, sameKeyShared, sharedSurname, storedDetail, storedRule, surnameOf } from "./link-detail.js";
import { needsTransliteration, phoneticKey } from "../understand/translit/translit.js";
import { dateOrder, type ArticleRef, type LayerTable } from "./layer-table.js";
import {
  DEFAULT_PAGE_LIMIT,
  type CoOccurrence,
  type DayCount,
  type EntityAlias,
  type EntityArticle,
  type EntityLink,
  type LinkRule,
  type PageOptions,
  type RegistryEntity,
} from "./store.js";

/** Where a stored name comes from: written in an article, a package's table, or transliterated from a language. */
export const SOURCE_TEXT = "text";
export const SOURCE_PACKAGE = "package";
export const SOURCE_TRANSLIT = "translit:";

export interface EntityRow {
  id: number;
  key: string;
  phonetic: string;
  type: string;
  name: string;
  code: string | null;
}

/** The names of an entity of a document by language, leaving out languages without one. */
export function namesOf(e: { names: object }): [string, string][] {
  return Object.entries(e.names).filter((entry): entry is [string, string] => typeof entry[1] === "string");
}

/** Candidates found by one rule: the link is made only when there is exactly one. */
export function unique(rows: { id: number }[]): number | null {
  const ids = [...new Set(rows.map((r) => r.id))];
  return ids.length === 1 ? ids[0] : null;
}

/** Kinds of entity_keys rows: the entity's whole phonetic key, and each suffix of it after a space (surnames). */
const KEY_NAME = "name";
const KEY_SUFFIX = "suffix";
const WORD_SEPARATOR = " ";

/**
 * The statements that find registry entities by a key, each an index search
 * (never a scan of the registry): linking looks up one article's entity with each.
 */
export const LOOKUP = {
  code: "SELECT id FROM entities WHERE code = ?",
  key: "SELECT id FROM entities WHERE key = ? AND global = 1",
  /** The entity of a lone surname (the oldest, in stores written before there was only one). */
  lone: "SELECT id FROM entities WHERE key = ? AND global = 1 ORDER BY id LIMIT 1",
  alias: "SELECT DISTINCT a.entity_id AS id, a.alias FROM entity_aliases a JOIN entities x ON x.id = a.entity_id WHERE a.phonetic = ? AND x.type = ? AND x.global = 1",
  /** People whose full name ends with the surname after a space. */
  surname: `SELECT x.id, x.name FROM entity_keys k JOIN entities x ON x.id = k.entity_id
            WHERE k.kind = '${KEY_SUFFIX}' AND k.key = ? AND x.type = 'PER' AND x.global = 1`,
  /** Entities a name may mean: by code, alias fold or phonetic key, whole key, or (people) a key ending with it. */
  names: `SELECT id FROM entities WHERE code = ?
          UNION SELECT entity_id FROM entity_aliases WHERE fold = ?
          UNION SELECT entity_id FROM entity_aliases WHERE phonetic = ?
          UNION SELECT entity_id FROM entity_keys WHERE kind = '${KEY_NAME}' AND key = ?
          UNION SELECT k.entity_id FROM entity_keys k JOIN entities x ON x.id = k.entity_id WHERE k.kind = '${KEY_SUFFIX}' AND k.key = ? AND x.type = 'PER'`,
} as const;

/** The entity_keys rows of a phonetic key: the key itself, and the rest after each space. */
export function keyRows(phonetic: string): [string, string][] {
  const rows: [string, string][] = [[phonetic, KEY_NAME]];
  for (let at = phonetic.indexOf(WORD_SEPARATOR); at >= 0; at = phonetic.indexOf(WORD_SEPARATOR, at + 1)) rows.push([phonetic.slice(at + 1), KEY_SUFFIX]);
  return rows;
}

function setKeys(db: Database.Database, id: number, phonetic: string): void {
  stmt(db, "DELETE FROM entity_keys WHERE entity_id = ?").run(id);
  const insert = stmt(db, "INSERT INTO entity_keys (key, kind, entity_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  for (const [key, kind] of keyRows(phonetic)) insert.run(key, kind, id);
}

function resolve(db: Database.Database, e: Entity): { id: number | null; rule: LinkRule; detail: string } {
  if (e.code) {
    const id = unique(stmt(db, LOOKUP.code).all(e.code) as { id: number }[]);
    return { id, rule: "code", detail: isoCode(e.code) };
  }
  if (!e.global) return { id: null, rule: "new", detail: NOT_A_PROPER_NAME };
  const words = e.key.split(" ").length;
  if (words > 1 || e.type !== "PER") {
    const byKey = unique(stmt(db, LOOKUP.key).all(e.id) as { id: number }[]);
    if (byKey !== null) return { id: byKey, rule: "key", detail: sameKey(e.id) };
  }
  if (words > 1) {
    const rows = stmt(db, LOOKUP.alias).all(e.key, e.type) as { id: number; alias: string }[];
    const id = unique(rows);
    if (id !== null) {
      const across = needsTransliteration(rows[0].alias) !== needsTransliteration(e.name);
      return { id, rule: "alias", detail: `«${e.name}» ~ «${rows[0].alias}» (phonetic key "${e.key}"${across ? ", across scripts" : ""})` };
    }
    return { id: null, rule: "new", detail: NO_MATCH };
  }
  if (e.type === "PER") {
    const rows = stmt(db, LOOKUP.surname).all(e.key) as { id: number; name: string }[];
    const lone = unique(rows) === null ? ((stmt(db, LOOKUP.lone).get(e.id) as { id: number } | undefined)?.id ?? null) : null;
    return loneSurname(e, rows, lone);
  }
  return { id: null, rule: "new", detail: NO_MATCH };
}

/** The link of a lone surname, given the stored people whose full name ends with it and (read only when they are not one) the stored entity of the lone name (both back ends). */
export function loneSurname(e: Entity, people: { id: number; name: string }[], lone: number | null): { id: number | null; rule: LinkRule; detail: string } {
  const id = unique(people);
  if (id !== null) return { id, rule: "surname", detail: surnameOf(e.name, people[0].name) };
  if (lone === null) return { id: null, rule: "new", detail: people.length ? sharedSurname(people.length) : NO_PERSON };
  return { id: lone, rule: "key", detail: people.length ? sameKeyShared(e.id, people.length) : sameKey(e.id) };
}

function setName(db: Database.Database, id: number, lang: string, name: string, source: string): void {
  stmt(db, "INSERT INTO entity_names (entity_id, lang, name, source) VALUES (?, ?, ?, ?) ON CONFLICT (entity_id, lang) DO UPDATE SET name = excluded.name, source = excluded.source")
    .run(id, lang, name, source);
}

/** Where an article's name of an entity comes from: a transliteration when the entity says so, the text, or a package's table. */
export function sourceOf(e: Entity, l: string, name: string, lang: string): string {
  if (e.transliterated?.includes(l)) return `${SOURCE_TRANSLIT}${lang}`;
  return !e.code && name === e.name ? SOURCE_TEXT : SOURCE_PACKAGE;
}

function create(db: Database.Database, e: Entity, lang: string): number {
  const id = Number(
    stmt(db, "INSERT INTO entities (key, phonetic, type, name, code, global, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(e.id, e.key, e.type, e.name, e.code, e.global ? 1 : 0, new Date().toISOString()).lastInsertRowid,
  );
  setKeys(db, id, e.key);
  for (const [l, name] of namesOf(e)) setName(db, id, l, name, sourceOf(e, l, name, lang));
  return id;
}

/*
 * Which name an entity keeps, decided alike by every back end (each asks the
 * store whether a name is written by any stored article): a name written in
 * the text beats a transliteration; a full name beats a surname; a name written
 * as it is in this article (`written`: seen in the nominative, or not
 * declining) beats one of as many words that no stored article writes (a
 * nominative derived from an oblique form: Σίλβας from «του Σίλβα» gives way to
 * «ο Σίλβα»). The text's name is the entity's name in the languages whose name
 * it is.
 */
const nameWords = (s: string): number => s.split(/\s+/u).length;

/** Does the article's name have more words than the stored one? */
function longerName(name: string, stored: string): boolean {
  return nameWords(name) > nameWords(stored);
}

/** Can the article's name replace a stored one of as many words, if no stored article writes that one? */
export function mayReplaceUnwritten(name: string, stored: string, written: boolean): boolean {
  return written && nameWords(name) === nameWords(stored) && stored !== name;
}

/**
 * Does the article's name replace the entity's main name: "yes", "no", or
 * "if unwritten" — when no stored article writes the current name.
 */
export function mainNameChange(e: Entity, row: EntityRow, written: boolean): "yes" | "no" | "if unwritten" {
  if (longerName(e.name, row.name)) return "yes";
  const sameScript = needsTransliteration(row.name) === needsTransliteration(e.name);
  return sameScript && mayReplaceUnwritten(e.name, row.name, written) ? "if unwritten" : "no";
}

/** Improves a linked entity's names from the article's; returns the entity's key afterwards. */
function improveNames(db: Database.Database, id: number, e: Entity, written: boolean): string {
  const row = stmt(db, "SELECT * FROM entities WHERE id = ?").get(id) as EntityRow;
  if (row.code) return row.key;
  const isWritten = (name: string) => Boolean((stmt(db, "SELECT count FROM entity_aliases WHERE entity_id = ? AND alias = ?").get(id, name) as { count: number } | undefined)?.count);
  const change = mainNameChange(e, row, written);
  const replaced = change === "yes" || (change === "if unwritten" && !isWritten(row.name));
  if (replaced) {
    if (row.key !== e.id) stmt(db, `UPDATE entity_links SET local_id = ? WHERE entity_id = ? AND local_id = '${OWN_KEY}'`).run(row.key, id);
    stmt(db, "UPDATE entities SET name = ?, phonetic = ?, key = ? WHERE id = ?").run(e.name, e.key, e.id, id);
    setKeys(db, id, e.key);
  }
  for (const [lang, name] of namesOf(e)) {
    if (name !== e.name) continue;
    const stored = stmt(db, "SELECT source, name FROM entity_names WHERE entity_id = ? AND lang = ?").get(id, lang) as { source: string; name: string } | undefined;
    const better = replaced || (stored !== undefined && mayReplaceUnwritten(name, stored.name, written) && !isWritten(stored.name));
    if (!stored || stored.source !== SOURCE_TEXT || better) setName(db, id, lang, name, SOURCE_TEXT);
  }
  return replaced ? e.id : row.key;
}

/** The role of a mention that is a nationality word («Ρώσος»): it links the country but is neither an alias of it nor names it in a quotation. */
export const NATIONALITY = "nationality";

/** The aliases an article writes for one of its entities: the texts of its mentions, nationality words aside. */
export function writtenAliases(e: { mentions: readonly EntityMention[] }, text: string): Set<string> {
  return new Set(e.mentions.filter((m) => m.role !== NATIONALITY).map((m) => text.slice(m.start, m.end)));
}

/**
 * What an article's stored record wrote for each registry entity: its aliases,
 * by the entity its link names (read before the article is written again, to
 * take its counts back).
 */
export function storedAliases(record: Pick<DocRecord, "entities" | "text">, links: ReadonlyMap<string, number>): [number, string][] {
  return (record.entities ?? []).flatMap((e) => {
    const id = links.get(e.id);
    return id === undefined ? [] : [...writtenAliases(e, record.text)].map((alias): [number, string] => [id, alias]);
  });
}

export const entitiesTable: LayerTable = {
  name: "entities",
  clear(db: Database.Database, article: ArticleRef) {
    // The stored article's date gives the day its mentions are taken from (its links keep only the date's order key).
    const row = stmt(db, "SELECT record, text, tokens, COALESCE(published, ingested_at) AS date FROM articles WHERE rowid = ?").get(article.rowid) as (PackedRecord & { date: string }) | undefined;
    if (row) {
      const links = articleLinks(db, article.rowid);
      const take = stmt(db, "UPDATE entity_aliases SET count = count - 1 WHERE entity_id = ? AND alias = ?");
      for (const [id, alias] of storedAliases(storedEntities({ ...row, text: unpackText(row.text) }), new Map(links.map((l) => [l.local_id, l.entity_id])))) take.run(id, alias);
      for (const [sql, params] of countUpdates(links, row.date, -1)) stmt(db, sql).run(...params);
    }
    stmt(db, "DELETE FROM entity_links WHERE article_rowid = ?").run(article.rowid);
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    // An alias counts the articles that write it; the entity's name (maybe a lemma) is listed without a count of its own.
    const upsertAlias = stmt(db, 
      `INSERT INTO entity_aliases (entity_id, alias, fold, phonetic, lang, count) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + 1`,
    );
    const listName = stmt(db, 
      `INSERT INTO entity_aliases (entity_id, alias, fold, phonetic, lang, count) VALUES (?, ?, ?, ?, ?, 0)
       ON CONFLICT (entity_id, alias) DO NOTHING`,
    );
    const insertLink = stmt(db, "INSERT INTO entity_links (article_rowid, local_id, entity_id, rule, detail, article_date, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const links: StoredLink[] = [];
    const order = dateOrder(article.date);
    for (const e of doc.layers.entities ?? []) {
      const found = resolve(db, e);
      const id = found.id ?? create(db, e, doc.lang);
      const key = found.id === null ? e.id : improveNames(db, id, e, e.mentions.some((m) => doc.text.slice(m.start, m.end) === e.name));
      const detail = found.id === null && found.rule !== "new" ? firstSeen(found.detail) : found.detail;
      const rule = found.id === null ? "new" : found.rule;
      insertLink.run(article.rowid, key === e.id ? OWN_KEY : e.id, id, storedRule(rule), storedDetail(rule, e.id, detail), order, e.mentions.length);
      links.push({ local_id: e.id, entity_id: id, mentions: e.mentions.length });
      const aliases = writtenAliases(e, doc.text);
      for (const alias of aliases) upsertAlias.run(id, alias, fold(alias), phoneticKey(alias), doc.lang);
      if (!aliases.has(e.name)) listName.run(id, e.name, fold(e.name), phoneticKey(e.name), doc.lang);
    }
    for (const [sql, params] of countUpdates(links, article.date, 1)) stmt(db, sql).run(...params);
  },
};

/**
 * The local id a link keeps when it is its registry entity's key, as most are
 * (the entity was made from a name of that form, or found by it): the key is
 * read from the entity (LINK_LOCAL_ID), which saves its 12–13 bytes in the link
 * and again in the link's entry of the index by entity. An entity whose key
 * changes first writes its old key into the links that kept OWN_KEY, so each
 * link is written out at most once. No two links of one article keep it for one
 * entity: the table's key is (article, entity, local id).
 */
export const OWN_KEY = "";
/** The SQL of a link's local id, `l` the link and `e` its entity. */
export const LINK_LOCAL_ID = `CASE WHEN l.local_id = '${OWN_KEY}' THEN e.key ELSE l.local_id END`;
/** The SQL of a link's local id in a statement over entity_links alone: a copy to another back end, a store made older (sqlite-tables.ts, legacy-store.ts). */
export const LOCAL_ID_WRITTEN_OUT = `CASE WHEN local_id = '${OWN_KEY}' THEN (SELECT e.key FROM entities e WHERE e.id = entity_links.entity_id) ELSE local_id END`;
/** Links written before OWN_KEY, or copied from another back end, that keep their entity's key (migration 25, sqlite-tables.ts). */
export const LINKS_OWN_KEY = `UPDATE entity_links SET local_id = '${OWN_KEY}' WHERE local_id = (SELECT e.key FROM entities e WHERE e.id = entity_links.entity_id)`;

/** An article's stored links, with their local ids. */
function articleLinks(db: Database.Database, rowid: number): StoredLink[] {
  return stmt(db, `SELECT ${LINK_LOCAL_ID} AS local_id, l.entity_id, l.mentions FROM entity_links l JOIN entities e ON e.id = l.entity_id WHERE l.article_rowid = ?`).all(rowid) as StoredLink[];
}

/** The registry entity of each of an article's entities, by its local id (the links written so far in the article's transaction). */
export function linkedEntities(db: Database.Database, rowid: number): Map<string, number> {
  return new Map(articleLinks(db, rowid).map((l) => [l.local_id, l.entity_id]));
}

/** An article's link of one of its entities to the registry, with the entity's mentions in the article. */
export interface StoredLink {
  local_id: string;
  entity_id: number;
  mentions: number;
}

/** The counts' columns, filled from the links of the stored articles (both back ends' migrations). */
export const ENTITY_COUNTS = `
  ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
  UPDATE entities SET mentions = c.mentions, articles = c.articles
    FROM (SELECT entity_id, SUM(mentions) AS mentions, COUNT(DISTINCT article_rowid) AS articles FROM entity_links GROUP BY entity_id) AS c
    WHERE c.entity_id = entities.id;
`;

/**
 * The registry's index of keys with the proper-name flag (both back ends'
 * migrations): a lookup of the proper names with a key reads only theirs, not
 * the entities of every article that writes it as a common noun («υπουργείο
 * Υγείας»: 1,006 of them at 16,000 generated articles).
 */
export const ENTITY_KEY_GLOBAL = {
  description: "the registry's key index with the proper-name flag: looking up the proper names with a key no longer reads the article-bound entities that share it",
  sql: `
    DROP INDEX entities_key;
    CREATE INDEX entities_key ON entities(key, global);
  `,
};

/** Add to (or, negative, take from) an entity's counts of mentions and articles: one article's. */
const COUNT_ARTICLE = "UPDATE entities SET mentions = mentions + ?, articles = articles + ? WHERE id = ?";

/**
 * Each entity's mentions per day (the articles' day: publication, else
 * ingestion), kept as articles are written, so that an entity's timeline reads
 * its days instead of summing every link (a country's links grow with the store).
 * `text` is the back end's text type, `options` its table options.
 */
export const entityDays = (text: string, options: string): string => `
  CREATE TABLE entity_days (
    entity_id BIGINT NOT NULL,
    day ${text} NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity_id, day)
  ) ${options};
  INSERT INTO entity_days (entity_id, day, mentions)
    SELECT entity_id, substr(article_date, 1, ${DAY_CHARS}), SUM(mentions) FROM entity_links GROUP BY entity_id, substr(article_date, 1, ${DAY_CHARS});
`;

/** Add to (or, negative, take from) an entity's mentions on one day. */
const COUNT_DAY = `INSERT INTO entity_days (entity_id, day, mentions) VALUES (?, ?, ?)
  ON CONFLICT (entity_id, day) DO UPDATE SET mentions = entity_days.mentions + excluded.mentions`;
/** A day whose mentions were all taken back. */
const EMPTY_DAY = "DELETE FROM entity_days WHERE entity_id = ? AND day = ? AND mentions <= 0";

/** An article's stored links, with the article's date they were counted under (PostgreSQL keeps its text; SQLite an order key, and reads the date from the article). */
export const STORED_LINKS = "SELECT local_id, entity_id, mentions, article_date FROM entity_links WHERE article_rowid = ?";
export type DatedLink = StoredLink & { article_date: string };

/**
 * The statements, with their parameters, that add an article's links to (sign
 * 1) or take them from (-1) their entities' counts and mentions on the article's
 * day, in the order of the entity ids (every back end runs them as they come).
 */
export function countUpdates(links: readonly StoredLink[], date: string, sign: 1 | -1): [string, unknown[]][] {
  const day = date.slice(0, DAY_CHARS);
  return mentionsByEntity(links).flatMap(([id, mentions]): [string, unknown[]][] => [
    [COUNT_ARTICLE, [sign * mentions, sign, id]],
    [COUNT_DAY, [id, day, sign * mentions]],
    ...(sign < 0 ? [[EMPTY_DAY, [id, day]] as [string, unknown[]]] : []),
  ]);
}

/** An article's mentions of each registry entity (several of its entities may link to one), in the order of the ids (writers that update counts in one order do not deadlock). */
export function mentionsByEntity(links: readonly StoredLink[]): [number, number][] {
  const by = new Map<number, number>();
  for (const l of links) by.set(Number(l.entity_id), (by.get(Number(l.entity_id)) ?? 0) + Number(l.mentions));
  return [...by].sort((a, b) => a[0] - b[0]);
}

export interface CountedRow extends EntityRow {
  mentions: number;
  articles: number;
}

function toRegistry(db: Database.Database, row: CountedRow): RegistryEntity {
  const names: Record<string, string> = {};
  const transliterated: string[] = [];
  for (const n of stmt(db, "SELECT lang, name, source FROM entity_names WHERE entity_id = ? ORDER BY lang").all(row.id) as { lang: string; name: string; source: string }[]) {
    names[n.lang] = n.name;
    if (n.source.startsWith(SOURCE_TRANSLIT)) transliterated.push(n.lang);
  }
  return { id: row.id, key: row.key, type: row.type, name: row.name, names, transliterated, code: row.code, mentions: row.mentions, articles: row.articles };
}

/**
 * Entities that stored articles mention, with their counts of mentions and
 * articles: columns of the registry, kept by the writers (COUNT_ARTICLE), so a
 * lookup does not grow with an entity's links.
 */
export const COUNTED = "SELECT e.* FROM entities e WHERE e.articles > 0";

/**
 * The registry entities a name may mean that stored articles mention, most
 * mentioned first (by ISO code, alias fold or phonetic key, whole key, or a
 * person's key ending with it): the statement, with the columns it selects,
 * and its parameters.
 */
export function byName(columns: string, name: string): { sql: string; params: string[] } {
  const key = phoneticKey(name);
  return {
    sql: `SELECT ${columns} FROM entities e WHERE e.articles > 0 AND e.id IN (${LOOKUP.names}) ORDER BY e.mentions DESC, e.id`,
    params: [name.toUpperCase(), fold(name), key, key, key],
  };
}

/** How many of an entity's newest articles its co-occurring entities are counted in. */
export const COOCCURRENCE_SAMPLE = 200;

/**
 * Registry entities a name may mean, most mentioned first: by ISO code, by an
 * alias with the same fold or phonetic key, or (one word) by a surname.
 * Entities left without mentions by an article's update are not shown.
 */
export function findEntities(db: Database.Database, name: string, page: PageOptions = {}): RegistryEntity[] {
  const q = byName("e.*", name);
  const found = rows(db, `${q.sql} LIMIT ? OFFSET ?`).all(...q.params, page.limit ?? DEFAULT_PAGE_LIMIT, page.offset ?? 0) as CountedRow[];
  return found.map((r) => toRegistry(db, r));
}

/** The ids of the registry entities a name may mean (as findEntities finds them, every one, without their names). */
export function entityIds(db: Database.Database, name: string): number[] {
  const q = byName("e.id", name);
  return (stmt(db, q.sql).all(...q.params) as { id: number }[]).map((r) => r.id);
}

/** One registry entity by id, or null (also when no stored article mentions it any more). */
export function entityById(db: Database.Database, id: number): RegistryEntity | null {
  const row = stmt(db, `${COUNTED} AND e.id = ?`).get(id) as CountedRow | undefined;
  return row ? toRegistry(db, row) : null;
}

const pageParams = (page: PageOptions) => [page.limit ?? DEFAULT_PAGE_LIMIT, page.offset ?? 0];

/** The aliases of an entity, most written first. */
export function aliasesOf(db: Database.Database, id: number, page: PageOptions = {}): EntityAlias[] {
  return rows(db, "SELECT alias, lang, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias LIMIT ? OFFSET ?").all(id, ...pageParams(page)) as EntityAlias[];
}

/** Why each article's entity was linked to this one, in the order of the articles (oldest first), from the index of links by entity and date. */
export function linksOf(db: Database.Database, id: number, page: PageOptions = {}): EntityLink[] {
  const links = rows(db,
    `WITH page AS (SELECT article_rowid, entity_id, local_id, article_date FROM entity_links WHERE entity_id = ? ORDER BY article_date, article_rowid, local_id LIMIT ? OFFSET ?)
     SELECT a.id AS articleId, ${LINK_LOCAL_ID} AS localId, l.rule, l.detail
     FROM page JOIN entity_links l ON l.article_rowid = page.article_rowid AND l.entity_id = page.entity_id AND l.local_id = page.local_id
       JOIN articles a ON a.rowid = page.article_rowid JOIN entities e ON e.id = page.entity_id
     ORDER BY page.article_date, page.article_rowid, page.local_id`,
  ).all(id, ...pageParams(page)) as EntityLink[];
  return links.map(readLink);
}

/** The articles that mention the entity, oldest first (publication date, else ingestion), one page read from the index of links by entity and date. */
export function articlesOf(db: Database.Database, id: number, page: PageOptions = {}): EntityArticle[] {
  const articles = rows(db,
    `WITH page AS (
       SELECT article_rowid, article_date, SUM(mentions) AS mentions, GROUP_CONCAT(local_id) AS localIds FROM entity_links
       WHERE entity_id = ? GROUP BY article_date, article_rowid ORDER BY article_date, article_rowid LIMIT ? OFFSET ?)
     SELECT a.id, a.title, a.published, a.ingested_at AS ingestedAt, page.mentions, page.localIds
     FROM page JOIN articles a ON a.rowid = page.article_rowid ORDER BY page.article_date, page.article_rowid`,
  ).all(id, ...pageParams(page)) as (Omit<EntityArticle, "localIds"> & { localIds: string })[];
  const key = articles.length ? (stmt(db, "SELECT key FROM entities WHERE id = ?").get(id) as { key: string }).key : "";
  return articles.map((r) => ({ ...r, localIds: r.localIds.split(",").map((l) => (l === OWN_KEY ? key : l)) }));
}

/**
 * The other entities most often in the same articles, with the number of
 * articles they share, counted over the entity's `sample` newest articles.
 */
export function cooccurring(db: Database.Database, id: number, page: PageOptions = {}, sample = COOCCURRENCE_SAMPLE): CoOccurrence[] {
  return rows(db,
    `WITH recent AS (SELECT article_rowid FROM entity_links WHERE entity_id = @id GROUP BY article_date, article_rowid ORDER BY article_date DESC, article_rowid DESC LIMIT @sample),
     counts AS (SELECT l.entity_id AS id, COUNT(DISTINCT l.article_rowid) AS articles, SUM(l.mentions) AS mentions
                FROM recent JOIN entity_links l ON l.article_rowid = recent.article_rowid WHERE l.entity_id <> @id
                GROUP BY l.entity_id ORDER BY articles DESC, mentions DESC, l.entity_id LIMIT @limit OFFSET @offset)
     SELECT e.id, e.name, e.type, counts.articles FROM counts JOIN entities e ON e.id = counts.id ORDER BY counts.articles DESC, counts.mentions DESC, e.id`,
  ).all({ id, sample, limit: page.limit ?? DEFAULT_PAGE_LIMIT, offset: page.offset ?? 0 }) as CoOccurrence[];
}

/** Mentions of the entity by day (the publication date, else the ingestion date), oldest first. */
export const MENTIONS_PER_DAY = "SELECT day, mentions FROM entity_days WHERE entity_id = ? ORDER BY day";

export function mentionsPerDay(db: Database.Database, id: number): DayCount[] {
  return rows(db, MENTIONS_PER_DAY).all(id) as DayCount[];
}
