// Test support: turns a SQLite store back into the shape it had at schema version 11 (texts
// stored plain; a full-text index that keeps a copy of the key strings it
// indexes, and no index of the columns a search's window reads; a table of every entity mention, rebuilt from the records and
// links; the article's date as text on entity links and quotations; events without their article's date, indexed by actor, target and type;
// entities without their counts or their mentions per day; quotations with the search
// keys of their words and speaker), so that tests can check what migration 12 and the older migrations
// make of a store written before them; and a new store file at any older
// version, for tests that write rows the way that version did.
import Database from "better-sqlite3";
import { MIGRATIONS, registerMigrationFunctions, remakeQuoteMentions, replaceColumn } from "./migrations.js";
import { storedEntities, unpackText, type PackedRecord } from "./article-row.js";
import { LOCAL_ID_WRITTEN_OUT, OWN_KEY } from "./entities-table.js";
import { KEYS_FUNCTION, registerKeysFunction } from "./quotes-table.js";
import { SEARCH_WINDOW_INDEX } from "./search-window.js";
import { sqliteTables } from "./sqlite-tables.js";
import type { Row } from "./table-access.js";

const VERSION = 11;
const UNPACK_FUNCTION = "unpack_text";
const CHUNK = 1000;

export async function asVersion11(db: Database.Database): Promise<void> {
  const index: Row[] = [];
  for await (const chunk of sqliteTables(db).read("articles_fts", ["rowid", "title", "body"], CHUNK)) index.push(...chunk);
  db.function(UNPACK_FUNCTION, (text: unknown) => unpackText(text as Buffer));
  db.exec(`
    UPDATE articles SET text = ${UNPACK_FUNCTION}(text);
    DROP INDEX ${SEARCH_WINDOW_INDEX};
    CREATE INDEX fingerprint_bands_article ON fingerprint_bands(article_rowid);
    ALTER TABLE stories DROP COLUMN lookup;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    PRAGMA user_version = ${VERSION};`);
  const insert = db.prepare("INSERT INTO articles_fts (rowid, title, body) VALUES (@rowid, @title, @body)");
  db.transaction(() => {
    for (const row of index) insert.run(row);
  })();
  db.exec(`UPDATE entity_links SET local_id = ${LOCAL_ID_WRITTEN_OUT} WHERE local_id = '${OWN_KEY}'`);
  restoreDateTexts(db);
  restoreMentions(db);
  restoreEvents(db);
  restoreQuoteKeys(db);
  db.exec("ALTER TABLE entities DROP COLUMN mentions; ALTER TABLE entities DROP COLUMN articles; DROP TABLE entity_days;");
}

/** The article's date as its text (version 20 and before) on entity links, quotations and the entities they name. */
function restoreDateTexts(db: Database.Database): void {
  const dateOf = (table: string) => `(SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.rowid = ${table}.article_rowid)`;
  const asText = (table: string, index: string) => replaceColumn(table, "article_date", "TEXT NOT NULL DEFAULT ''", dateOf(table), index);
  db.exec(`
    ${asText("entity_links", "CREATE INDEX entity_links_entity_date ON entity_links(entity_id, article_date, article_rowid, mentions, local_id);")}
    ${asText("quotes", "CREATE INDEX quotes_speaker_date ON quotes(speaker_entity_id, article_date, article_rowid, ord);")}
    ${remakeQuoteMentions("TEXT", dateOf("quote_mentions"))}`);
}

/** The search-key columns of the quotes table of version 18 and before. */
function restoreQuoteKeys(db: Database.Database): void {
  registerKeysFunction(db);
  db.exec(`
    ALTER TABLE quotes ADD COLUMN speaker_keys TEXT NOT NULL DEFAULT ' ';
    ALTER TABLE quotes ADD COLUMN text_keys TEXT NOT NULL DEFAULT ' ';
    UPDATE quotes SET speaker_keys = ${KEYS_FUNCTION}(speaker), text_keys = ${KEYS_FUNCTION}(text);`);
}

/** The events table of version 15 and before: no article date, an index by actor, by target and by type. */
function restoreEvents(db: Database.Database): void {
  db.exec(`
    DROP INDEX events_actor_date;
    DROP INDEX events_target_date;
    DROP INDEX events_asserted_date;
    DROP INDEX events_type_date;
    DROP INDEX events_date;
    ALTER TABLE events DROP COLUMN article_date;
    CREATE INDEX events_actor ON events(actor_id);
    CREATE INDEX events_target ON events(target_id);
    CREATE INDEX events_type ON events(type);`);
}

/** The entity_mentions table of version 14 and before, one row a mention of a linked entity. */
function restoreMentions(db: Database.Database): void {
  db.exec(`
    CREATE TABLE entity_mentions (
      article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE, entity_id INTEGER NOT NULL REFERENCES entities(id),
      local_id TEXT NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL);
    CREATE INDEX entity_mentions_entity_article ON entity_mentions(entity_id, article_rowid);
    CREATE INDEX entity_mentions_article ON entity_mentions(article_rowid);`);
  const insert = db.prepare("INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?, ?)");
  const links = db.prepare("SELECT local_id, entity_id FROM entity_links WHERE article_rowid = ?");
  const articles = db.prepare("SELECT rowid, record, text, tokens FROM articles").all() as (PackedRecord & { rowid: number })[];
  db.transaction(() => {
    for (const a of articles) {
      const text = typeof a.text === "string" ? a.text : unpackText(a.text);
      const record = storedEntities({ ...a, text });
      const linked = new Map((links.all(a.rowid) as { local_id: string; entity_id: number }[]).map((l) => [l.local_id, l.entity_id]));
      for (const e of record.entities ?? []) {
        const id = linked.get(e.id);
        if (id !== undefined) for (const m of e.mentions) insert.run(a.rowid, id, e.id, m.start, m.end, m.role, text.slice(m.start, m.end));
      }
    }
  })();
}

/** A new SQLite store file with the migrations up to `version` applied and recorded. */
export function databaseAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file);
  registerMigrationFunctions(db);
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) db.exec(m.sql);
  db.pragma(`user_version = ${version}`);
  return db;
}
