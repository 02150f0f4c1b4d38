// The cross-article entity registry. Each article's entities are linked to a
// registry entity by the first rule that gives exactly one candidate, and the
// rule is kept (entity_links) so every merge can be explained:
//   code         — the same ISO 3166 country code;
//   key          — the same type and article-level key (type + phonetic key of the full name);
//   alias        — a full name equal, by phonetic key, to a stored alias of the same type
//                  (Σεργκέι Ριαμπκόφ ~ Sergei Ryabkov: across scripts through transliteration);
//   surname      — a lone surname that ends the one stored full name of a person with it.
// Anything ambiguous, and names that are not proper names (lower-case words,
// «υπουργείο Εξωτερικών»), make a new entity: a wrong merge is worse than a missed one.
import { stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { fold } from "../text/normalize.js";
import type { Entity } from "../understand/entities/types.js";
import { needsTransliteration, phoneticKey } from "../understand/translit/translit.js";
import type { ArticleRef, LayerTable } from "./layer-tables.js";

export type LinkRule = "code" | "key" | "alias" | "surname" | "new";

export interface RegistryEntity {
  id: number;
  key: string;
  type: string;
  name: string;
  names: { el: string | null; en: string | null };
  code: string | null;
  mentions: number;
  articles: number;
}

export interface EntityLink {
  articleId: string;
  localId: string;
  rule: LinkRule;
  detail: string;
}

interface EntityRow {
  id: number;
  key: string;
  phonetic: string;
  type: string;
  name: string;
  name_el: string | null;
  name_en: string | null;
  name_en_source: string | null;
  code: string | null;
}

/** Candidates found by one rule: the link is made only when there is exactly one. */
function unique(rows: { id: number }[]): number | null {
  const ids = [...new Set(rows.map((r) => r.id))];
  return ids.length === 1 ? ids[0] : null;
}

function resolve(db: Database.Database, e: Entity): { id: number | null; rule: LinkRule; detail: string } {
  if (e.code) {
    const id = unique(stmt(db, "SELECT id FROM entities WHERE code = ?").all(e.code) as { id: number }[]);
    return { id, rule: "code", detail: `ISO 3166 code ${e.code}` };
  }
  if (!e.global) return { id: null, rule: "new", detail: "not a proper name: kept to its article" };
  const words = e.key.split(" ").length;
  if (words > 1 || e.type !== "PER") {
    const byKey = unique(stmt(db, "SELECT id FROM entities WHERE key = ? AND global = 1").all(e.id) as { id: number }[]);
    if (byKey !== null) return { id: byKey, rule: "key", detail: `same key ${e.id}` };
  }
  if (words > 1) {
    const rows = stmt(db, "SELECT DISTINCT a.entity_id AS id, a.alias FROM entity_aliases a JOIN entities x ON x.id = a.entity_id WHERE a.phonetic = ? AND x.type = ? AND x.global = 1")
      .all(e.key, e.type) as { id: number; alias: string }[];
    const id = unique(rows);
    if (id !== null) {
      const across = needsTransliteration(rows[0].alias) !== needsTransliteration(e.name);
      return { id, rule: "alias", detail: `«${e.name}» ~ «${rows[0].alias}» (phonetic key "${e.key}"${across ? ", across scripts" : ""})` };
    }
    return { id: null, rule: "new", detail: "no stored name matches" };
  }
  if (e.type === "PER") {
    const rows = stmt(db, "SELECT id, name FROM entities WHERE type = 'PER' AND global = 1 AND (phonetic = ? OR phonetic LIKE ?)")
      .all(e.key, `% ${e.key}`) as { id: number; name: string }[];
    const id = unique(rows);
    if (id !== null) return { id, rule: "surname", detail: `«${e.name}» is the surname of «${rows[0].name}», the only stored person with it` };
    return { id: null, rule: "new", detail: rows.length ? `surname shared by ${rows.length} stored people` : "no stored person has this name" };
  }
  return { id: null, rule: "new", detail: "no stored name matches" };
}

function create(db: Database.Database, e: Entity, lang: string): number {
  const enFromText = e.names["en"] !== undefined && !needsTransliteration(e.name);
  return Number(
    stmt(db, 
        `INSERT INTO entities (key, phonetic, type, name, name_el, name_en, name_en_source, code, global, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.key, e.type, e.name, e.names["el"] ?? null, e.names["en"] ?? null, e.code ? "package" : enFromText ? "text" : `translit:${lang}`, e.code, e.global ? 1 : 0, new Date().toISOString())
      .lastInsertRowid,
  );
}

/** A name written in the text beats a transliteration; a full name beats a surname. */
function improveNames(db: Database.Database, id: number, e: Entity): void {
  const row = stmt(db, "SELECT * FROM entities WHERE id = ?").get(id) as EntityRow;
  if (row.code) return;
  const longer = e.name.split(/\s+/u).length > row.name.split(/\s+/u).length;
  const latin = !needsTransliteration(e.name);
  const nameEn = latin && (row.name_en_source !== "text" || longer) ? e.name : row.name_en;
  const nameEl = !latin && (row.name_el === null || longer) ? e.name : row.name_el;
  stmt(db, "UPDATE entities SET name = ?, phonetic = ?, key = ?, name_el = ?, name_en = ?, name_en_source = ? WHERE id = ?").run(
    longer ? e.name : row.name,
    longer ? e.key : row.phonetic,
    longer ? e.id : row.key,
    nameEl,
    nameEn,
    latin && nameEn === e.name ? "text" : row.name_en_source,
    id,
  );
}

function entitiesOf(doc: Doc): Entity[] {
  const e = doc.layers.entities;
  return Array.isArray(e) ? (e as Entity[]) : [];
}

export const entitiesTable: LayerTable = {
  name: "entities",
  clear(db: Database.Database, article: ArticleRef) {
    stmt(db, 
      `UPDATE entity_aliases SET count = count - 1 WHERE (entity_id, alias) IN
         (SELECT DISTINCT entity_id, text FROM entity_mentions WHERE article_rowid = ? AND role <> 'nationality')`,
    ).run(article.rowid);
    stmt(db, "DELETE FROM entity_mentions WHERE article_rowid = ?").run(article.rowid);
    stmt(db, "DELETE FROM entity_links WHERE article_rowid = ?").run(article.rowid);
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    const insertMention = stmt(db, 
      "INSERT INTO entity_mentions (article_rowid, entity_id, local_id, start_offset, end_offset, role, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    // An alias counts the articles that write it; the entity's name (maybe a lemma) is listed without a count of its own.
    const upsertAlias = stmt(db, 
      `INSERT INTO entity_aliases (entity_id, alias, fold, phonetic, lang, count) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + 1`,
    );
    const listName = stmt(db, 
      `INSERT INTO entity_aliases (entity_id, alias, fold, phonetic, lang, count) VALUES (?, ?, ?, ?, ?, 0)
       ON CONFLICT (entity_id, alias) DO NOTHING`,
    );
    const insertLink = stmt(db, "INSERT INTO entity_links (article_rowid, local_id, entity_id, rule, detail) VALUES (?, ?, ?, ?, ?)");
    for (const e of entitiesOf(doc)) {
      const found = resolve(db, e);
      let id = found.id;
      if (id === null) id = create(db, e, doc.lang);
      else improveNames(db, id, e);
      insertLink.run(article.rowid, e.id, id, found.id === null ? "new" : found.rule, found.id === null && found.rule !== "new" ? `first seen (${found.detail})` : found.detail);
      const aliases = new Set<string>();
      for (const m of e.mentions) {
        const text = doc.text.slice(m.start, m.end);
        insertMention.run(article.rowid, id, e.id, m.start, m.end, m.role, text);
        if (m.role !== "nationality") aliases.add(text);
      }
      for (const alias of aliases) upsertAlias.run(id, alias, fold(alias), phoneticKey(alias), doc.lang);
      if (!aliases.has(e.name)) listName.run(id, e.name, fold(e.name), phoneticKey(e.name), doc.lang);
    }
  },
};

function toRegistry(db: Database.Database, row: EntityRow): RegistryEntity {
  const counts = stmt(db, "SELECT COUNT(*) AS mentions, COUNT(DISTINCT article_rowid) AS articles FROM entity_mentions WHERE entity_id = ?").get(row.id) as {
    mentions: number;
    articles: number;
  };
  return { id: row.id, key: row.key, type: row.type, name: row.name, names: { el: row.name_el, en: row.name_en }, code: row.code, ...counts };
}

/**
 * Registry entities a name may mean, most mentioned first: by ISO code, by an
 * alias with the same fold or phonetic key, or (one word) by a surname.
 */
export function findEntities(db: Database.Database, name: string): RegistryEntity[] {
  const key = phoneticKey(name);
  const rows = stmt(db, 
      `SELECT DISTINCT e.* FROM entities e LEFT JOIN entity_aliases a ON a.entity_id = e.id
       WHERE e.code = ? OR a.fold = ? OR a.phonetic = ? OR e.phonetic = ? OR (e.type = 'PER' AND e.phonetic LIKE ?)`,
    )
    .all(name.toUpperCase(), fold(name), key, key, `% ${key}`) as EntityRow[];
  // Entities left without mentions by an article's update are not shown.
  return rows.map((r) => toRegistry(db, r)).filter((e) => e.mentions > 0).sort((a, b) => b.mentions - a.mentions);
}

export function aliasesOf(db: Database.Database, id: number): { alias: string; lang: string; count: number }[] {
  return stmt(db, "SELECT alias, lang, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias").all(id) as {
    alias: string;
    lang: string;
    count: number;
  }[];
}

export function linksOf(db: Database.Database, id: number): EntityLink[] {
  return stmt(db, "SELECT a.id AS articleId, l.local_id AS localId, l.rule, l.detail FROM entity_links l JOIN articles a ON a.rowid = l.article_rowid WHERE l.entity_id = ? ORDER BY a.rowid")
    .all(id) as EntityLink[];
}

export interface EntityArticle {
  id: string;
  title: string;
  published: string | null;
  ingestedAt: string;
  mentions: number;
  /** The article-level ids of the entity in that article. */
  localIds: string[];
}

/** The articles that mention the entity, oldest first (publication date, else ingestion). */
export function articlesOf(db: Database.Database, id: number): EntityArticle[] {
  const rows = stmt(db, 
      `SELECT a.id, a.title, a.published, a.ingested_at AS ingestedAt, COUNT(*) AS mentions, GROUP_CONCAT(DISTINCT m.local_id) AS localIds
       FROM entity_mentions m JOIN articles a ON a.rowid = m.article_rowid
       WHERE m.entity_id = ? GROUP BY a.rowid ORDER BY COALESCE(a.published, a.ingested_at), a.rowid`,
    )
    .all(id) as (Omit<EntityArticle, "localIds"> & { localIds: string })[];
  return rows.map((r) => ({ ...r, localIds: r.localIds.split(",") }));
}

/** Where the entity is mentioned in one article (nationality words left out). */
export function mentionSpans(db: Database.Database, id: number, articleId: string): { start: number; end: number }[] {
  return stmt(db, 
      `SELECT m.start_offset AS start, m.end_offset AS end FROM entity_mentions m JOIN articles a ON a.rowid = m.article_rowid
       WHERE m.entity_id = ? AND a.id = ? AND m.role <> 'nationality' ORDER BY m.start_offset`,
    )
    .all(id, articleId) as { start: number; end: number }[];
}
