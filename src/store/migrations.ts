// The schema history shared by every SQL back end, applied in order; the
// database records the last one applied (PRAGMA user_version in SQLite).
import type Database from "better-sqlite3";
import { packText } from "./article-row.js";
import { COPIES_SCHEMA } from "./copies-table.js";
import { ENTITY_COUNTS, ENTITY_KEY_GLOBAL, entityDays, LINKS_OWN_KEY } from "./entities-table.js";
import { EVENT_INDEXES, eventDates } from "./events-table.js";
import { DATE_ORDER_FUNCTION, dateOrder } from "./layer-table.js";
import { SPEAKER_PAIRS_DESCRIPTION, speakerPairRowsSql } from "./quotes-table.js";
import { SEARCH_WINDOW_INDEX } from "./search-window.js";
import { SPAN_TEXT_FUNCTION, spanTextFunction } from "./span-text.js";
import { KEY_SEQS_FUNCTION, keySeqsFunction, STORIES_SCHEMA } from "./stories-table.js";

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** The SQL function (registered by the SQLite store) that packs an article's text (article-row.ts packText). */
export const PACK_TEXT_FUNCTION = "pack_text";

/** Registers on a SQLite connection the SQL functions the migrations call. */
export function registerMigrationFunctions(db: Database.Database): void {
  db.function(PACK_TEXT_FUNCTION, { deterministic: true }, (text: unknown, lang: unknown) => packText(String(text), String(lang)));
  db.function(SPAN_TEXT_FUNCTION, { deterministic: true }, spanTextFunction());
  db.function(DATE_ORDER_FUNCTION, { deterministic: true }, dateOrder);
  db.function(KEY_SEQS_FUNCTION, { deterministic: true }, keySeqsFunction);
}

/**
 * A column of a SQLite table given a new declaration and each row's value
 * (`value`, SQL over the old column): the indexes on it (`indexes`, their
 * CREATE statements) dropped first and made again after.
 */
export function replaceColumn(table: string, column: string, declaration: string, value: string, indexes: string): string {
  const names = [...indexes.matchAll(/CREATE INDEX (\w+)/g)].map((m) => m[1]);
  return `
    ${names.map((n) => `DROP INDEX ${n};`).join("\n    ")}
    ALTER TABLE ${table} ADD COLUMN ${column}_new ${declaration};
    UPDATE ${table} SET ${column}_new = ${value};
    ALTER TABLE ${table} DROP COLUMN ${column};
    ALTER TABLE ${table} RENAME COLUMN ${column}_new TO ${column};
    ${indexes}`;
}

/** The quote_mentions table made again with its article date of type `dateType`, each row's date `date` (SQL over the old row). */
export const remakeQuoteMentions = (dateType: string, date: string): string => `
  CREATE TABLE quote_mentions_new (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    article_date ${dateType} NOT NULL,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    PRIMARY KEY (entity_id, article_date, article_rowid, ord)
  ) WITHOUT ROWID;
  INSERT INTO quote_mentions_new (entity_id, article_date, article_rowid, ord) SELECT entity_id, ${date}, article_rowid, ord FROM quote_mentions;
  DROP TABLE quote_mentions;
  ALTER TABLE quote_mentions_new RENAME TO quote_mentions;
  CREATE INDEX quote_mentions_article ON quote_mentions(article_rowid);
`;

/** A table's article_date (text) as its order key (an integer, layer-table.ts dateOrder). */
const dateAsOrder = (table: string, indexes: string): string =>
  replaceColumn(table, "article_date", "INTEGER NOT NULL DEFAULT 0", `${DATE_ORDER_FUNCTION}(article_date)`, indexes);

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: "articles, their records, and the full-text index of search keys",
    sql: `
      CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT,
        canonical_url TEXT UNIQUE,
        title TEXT NOT NULL,
        lang TEXT NOT NULL,
        published TEXT,
        site TEXT,
        source TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        updated_at TEXT
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_lang ON articles(lang);
      CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    `,
  },
  {
    version: 2,
    description: "quotations of each article, with the search keys of their speakers and words",
    sql: `
      CREATE TABLE quotes (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker TEXT,
        speaker_keys TEXT NOT NULL,
        role TEXT,
        cue TEXT,
        stance TEXT,
        polarity TEXT,
        via TEXT,
        citing TEXT,
        text_keys TEXT NOT NULL,
        PRIMARY KEY (article_rowid, ord)
      );
    `,
  },
  {
    version: 3,
    description: "the cross-article entity registry: entities, their aliases, the mentions of each article and why each was linked",
    sql: `
      CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        phonetic TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        name_el TEXT,
        name_en TEXT,
        name_en_source TEXT,
        code TEXT,
        global INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX entities_key ON entities(key);
      CREATE INDEX entities_code ON entities(code);
      CREATE TABLE entity_aliases (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        alias TEXT NOT NULL,
        fold TEXT NOT NULL,
        phonetic TEXT NOT NULL,
        lang TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (entity_id, alias)
      );
      CREATE INDEX entity_aliases_phonetic ON entity_aliases(phonetic);
      CREATE INDEX entity_aliases_fold ON entity_aliases(fold);
      CREATE TABLE entity_mentions (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        local_id TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
      CREATE INDEX entity_mentions_article ON entity_mentions(article_rowid);
      CREATE TABLE entity_links (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        rule TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (article_rowid, local_id)
      );
      CREATE INDEX entity_links_entity ON entity_links(entity_id);
    `,
  },
  {
    version: 4,
    description: "events of each article, with actor and target as registry entities",
    sql: `
      CREATE TABLE events (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        type TEXT NOT NULL,
        subtype TEXT,
        actor_id INTEGER REFERENCES entities(id),
        target_id INTEGER REFERENCES entities(id),
        instrument TEXT,
        quantity TEXT,
        polarity TEXT NOT NULL,
        modality TEXT NOT NULL,
        time TEXT,
        asserted_by TEXT,
        asserted_by_id INTEGER REFERENCES entities(id),
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (article_rowid, ord)
      );
      CREATE INDEX events_actor ON events(actor_id);
      CREATE INDEX events_target ON events(target_id);
      CREATE INDEX events_type ON events(type);
    `,
  },
  {
    version: 5,
    description: "entity names by language (entity_names); the registry entity of each quotation's speaker",
    sql: `
      CREATE TABLE entity_names (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        lang TEXT NOT NULL,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (entity_id, lang)
      );
      INSERT INTO entity_names (entity_id, lang, name, source)
        SELECT id, 'el', name_el, CASE WHEN code IS NOT NULL THEN 'package' ELSE 'text' END FROM entities WHERE name_el IS NOT NULL;
      INSERT INTO entity_names (entity_id, lang, name, source)
        SELECT id, 'en', name_en, COALESCE(name_en_source, 'text') FROM entities WHERE name_en IS NOT NULL;
      ALTER TABLE entities DROP COLUMN name_el;
      ALTER TABLE entities DROP COLUMN name_en;
      ALTER TABLE entities DROP COLUMN name_en_source;
      ALTER TABLE quotes ADD COLUMN speaker_entity_id INTEGER REFERENCES entities(id);
      UPDATE quotes SET speaker_entity_id = (
        SELECT l.entity_id FROM entity_links l JOIN articles a ON a.rowid = l.article_rowid
        WHERE l.article_rowid = quotes.article_rowid
          AND l.local_id = json_extract(a.record, '$.quotes[' || quotes.ord || '].speaker.entityId'));
      CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity_id);
    `,
  },
  {
    version: 6,
    description: "lookup keys of the registry (entity_keys): each entity's phonetic key and its word suffixes, for linking and name lookups by index",
    sql: `
      CREATE TABLE entity_keys (
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        PRIMARY KEY (kind, key, entity_id)
      ) WITHOUT ROWID;
      CREATE INDEX entity_keys_entity ON entity_keys(entity_id);
      INSERT INTO entity_keys (key, kind, entity_id)
        WITH RECURSIVE suffixes(entity_id, rest, depth) AS (
          SELECT id, phonetic, 0 FROM entities
          UNION ALL
          SELECT entity_id, substr(rest, instr(rest, ' ') + 1), depth + 1 FROM suffixes WHERE instr(rest, ' ') > 0
        )
        SELECT rest, CASE WHEN depth = 0 THEN 'name' ELSE 'suffix' END, entity_id FROM suffixes WHERE true
        ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 7,
    description: "the token columns of each article as a compact binary blob beside its record, both deflated (records written before stay JSON text with their token list)",
    sql: `ALTER TABLE articles ADD COLUMN tokens BLOB;`,
  },
  {
    version: 8,
    description: "the search keys of each quotation's speaker, one row a key (quote_speaker_keys), for speaker queries by index",
    sql: `
      CREATE TABLE quote_speaker_keys (
        key TEXT NOT NULL,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        PRIMARY KEY (key, article_rowid, ord)
      ) WITHOUT ROWID;
      CREATE INDEX quote_speaker_keys_article ON quote_speaker_keys(article_rowid);
      INSERT INTO quote_speaker_keys (key, article_rowid, ord)
        WITH RECURSIVE words(article_rowid, ord, key, rest) AS (
          SELECT article_rowid, ord, '', ltrim(speaker_keys, ' ') FROM quotes
          UNION ALL
          SELECT article_rowid, ord, substr(rest, 1, instr(rest || ' ', ' ') - 1), substr(rest, instr(rest || ' ', ' ') + 1) FROM words WHERE rest <> ''
        )
        SELECT key, article_rowid, ord FROM words WHERE key <> ''
        ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 9,
    description:
      "the article's date on each entity link (with its mention count) and each quotation, and the registry entities each quotation names (quote_mentions), indexed by entity and date, so entity reports, counts, facets and graphs read indexes, a page at a time, instead of every mention",
    sql: `
      ALTER TABLE entity_links ADD COLUMN article_date TEXT NOT NULL DEFAULT '';
      ALTER TABLE entity_links ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
      UPDATE entity_links SET
        article_date = (SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.rowid = entity_links.article_rowid),
        mentions = (SELECT COUNT(*) FROM entity_mentions m WHERE m.article_rowid = entity_links.article_rowid AND m.local_id = entity_links.local_id);
      CREATE INDEX entity_links_entity_date ON entity_links(entity_id, article_date, article_rowid, mentions, local_id);
      CREATE INDEX entity_links_article ON entity_links(article_rowid, entity_id, mentions);
      DROP INDEX entity_links_entity;
      CREATE INDEX entity_mentions_entity_article ON entity_mentions(entity_id, article_rowid);
      DROP INDEX entity_mentions_entity;
      ALTER TABLE quotes ADD COLUMN article_date TEXT NOT NULL DEFAULT '';
      UPDATE quotes SET article_date = (SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.rowid = quotes.article_rowid);
      CREATE INDEX quotes_speaker_date ON quotes(speaker_entity_id, article_date, article_rowid, ord);
      DROP INDEX quotes_speaker_entity;
      CREATE TABLE quote_mentions (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        article_date TEXT NOT NULL,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        PRIMARY KEY (entity_id, article_date, article_rowid, ord)
      ) WITHOUT ROWID;
      CREATE INDEX quote_mentions_article ON quote_mentions(article_rowid);
      INSERT INTO quote_mentions (entity_id, article_date, article_rowid, ord)
        SELECT m.entity_id, q.article_date, q.article_rowid, q.ord
        FROM quotes q JOIN entity_mentions m ON m.article_rowid = q.article_rowid AND m.role <> 'nationality'
          AND m.start_offset >= q.start_offset AND m.end_offset <= q.end_offset
        WHERE true ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 10,
    description: "copies (body fingerprints, their LSH bands, the link of a copy to its original) and stories (their articles, profiles, lookup keys and key counts)",
    sql: COPIES_SCHEMA + STORIES_SCHEMA,
  },
  {
    version: 11,
    description: "sources followed by watch (feeds, sitemaps) and their polling state; the pages they led to; remembered host manners (robots.txt, holds)",
    sql: `
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        lang TEXT,
        site TEXT,
        title TEXT,
        every_ms INTEGER NOT NULL,
        interval_ms INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        next_poll_at TEXT NOT NULL,
        last_poll_at TEXT,
        last_status TEXT,
        last_error TEXT,
        last_new INTEGER,
        failures INTEGER NOT NULL DEFAULT 0,
        disabled_at TEXT,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        full_fetch_at TEXT
      );
      CREATE INDEX sources_next_poll ON sources(next_poll_at);
      CREATE TABLE source_pages (
        url TEXT PRIMARY KEY,
        source_id INTEGER,
        status TEXT NOT NULL,
        article_id TEXT,
        error TEXT,
        attempts INTEGER NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_attempt_at TEXT NOT NULL
      );
      CREATE INDEX source_pages_source ON source_pages(source_id, status);
      CREATE TABLE intake_hosts (
        host TEXT PRIMARY KEY,
        not_before TEXT,
        robots_origin TEXT,
        robots_status INTEGER,
        robots_text TEXT,
        robots_fetched_at TEXT
      );
    `,
  },
  {
    version: 12,
    description: "a compact store: the articles' texts deflated; the full-text index keeps no copy of the search keys it indexes (contentless)",
    sql: `
      UPDATE articles SET text = ${PACK_TEXT_FUNCTION}(text, lang) WHERE typeof(text) = 'text';
      CREATE VIRTUAL TABLE articles_fts_contentless USING fts5(title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO articles_fts_contentless (rowid, title, body) SELECT rowid, title, body FROM articles_fts;
      DROP TABLE articles_fts;
      ALTER TABLE articles_fts_contentless RENAME TO articles_fts;
    `,
  },
  {
    version: 13,
    description: "story lookup keys kept once by story and once by key and recency: the table ordered by story, so that no third copy indexes the story",
    sql: `
      CREATE TABLE story_keys_by_story (
        key TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        seq INTEGER NOT NULL,
        PRIMARY KEY (story_id, key)
      ) WITHOUT ROWID;
      INSERT INTO story_keys_by_story (key, story_id, seq) SELECT key, story_id, seq FROM story_keys;
      DROP TABLE story_keys;
      ALTER TABLE story_keys_by_story RENAME TO story_keys;
      CREATE INDEX story_keys_recent ON story_keys(key, seq);
    `,
  },
  {
    version: 14,
    description: "entity links ordered by article in the table itself (no rowid): the article's links are read from it, so no index by article and no index of the key",
    sql: `
      CREATE TABLE entity_links_by_article (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        rule TEXT NOT NULL,
        detail TEXT NOT NULL,
        article_date TEXT NOT NULL DEFAULT '',
        mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_rowid, local_id)
      ) WITHOUT ROWID;
      INSERT INTO entity_links_by_article (article_rowid, local_id, entity_id, rule, detail, article_date, mentions)
        SELECT article_rowid, local_id, entity_id, rule, detail, article_date, mentions FROM entity_links;
      DROP TABLE entity_links;
      ALTER TABLE entity_links_by_article RENAME TO entity_links;
      CREATE INDEX entity_links_entity_date ON entity_links(entity_id, article_date, article_rowid, mentions, local_id);
    `,
  },
  {
    version: 15,
    description: "no table of every entity mention: the links count an entity's mentions per article, and an article's aliases are read from its stored record when it is written again",
    sql: `
      DROP TABLE entity_mentions;
    `,
  },
  {
    version: 16,
    description: "the article's date on each event, indexed by actor, target and asserting entity, by type and by date (each with the date): a page of events reads index ranges in date order instead of sorting every match",
    sql: eventDates("TEXT"),
  },
  {
    version: 17,
    description: "each registry entity's counts of mentions and articles kept beside it, updated as articles are written: finding an entity by name and its report read them instead of summing its links",
    sql: ENTITY_COUNTS,
  },
  {
    version: 18,
    description: "each registry entity's mentions per day kept beside it, updated as articles are written: an entity's timeline reads its days instead of summing its links",
    sql: entityDays("TEXT", "WITHOUT ROWID"),
  },
  {
    version: 19,
    description: "no search-key copies of a quotation's words and speaker in its row: the words are keyed when a query compares them (only in the articles whose index holds them all), the speaker's keys are in quote_speaker_keys; a quotation written without its text (3c99057) gets it back from its article, so that its words can be keyed",
    sql: `
      UPDATE quotes SET text = ${SPAN_TEXT_FUNCTION}((SELECT a.text FROM articles a WHERE a.rowid = quotes.article_rowid), start_offset, end_offset, text) WHERE text = '';
      ALTER TABLE quotes DROP COLUMN text_keys;
      ALTER TABLE quotes DROP COLUMN speaker_keys;
    `,
  },
  {
    version: 20,
    description: ENTITY_KEY_GLOBAL.description,
    sql: ENTITY_KEY_GLOBAL.sql,
  },
  {
    version: 21,
    description: "an article's date in the rows that list it by date (entity links, quotations, the entities they name, events) as an integer order key: the seconds since 1970 of the date as written, 4 bytes where its text took 24, in each row and each index by date",
    sql: `
      ${dateAsOrder("entity_links", "CREATE INDEX entity_links_entity_date ON entity_links(entity_id, article_date, article_rowid, mentions, local_id);")}
      ${dateAsOrder("quotes", "CREATE INDEX quotes_speaker_date ON quotes(speaker_entity_id, article_date, article_rowid, ord);")}
      ${dateAsOrder("events", EVENT_INDEXES)}
      ${remakeQuoteMentions("INTEGER", `${DATE_ORDER_FUNCTION}(article_date)`)}
    `,
  },
  {
    version: 22,
    description: "the columns a search's window reads of each matching article (language, outlet, publication date) in an index by rowid, read instead of the article's wide row",
    sql: `CREATE INDEX ${SEARCH_WINDOW_INDEX} ON articles(rowid, lang, site, published);`,
  },
  {
    version: 23,
    description: "no index of fingerprint bands by article: an article written again finds its band rows by the band values of its stored signature",
    sql: "DROP INDEX fingerprint_bands_article;",
  },
  {
    version: 24,
    description: "story lookup keys kept once, by key and recency: each story's row keeps its keys with the assignment each was last written at, so its rows are found without a second copy ordered by story",
    sql: `
      ALTER TABLE stories ADD COLUMN lookup BLOB;
      UPDATE stories SET lookup = ${KEY_SEQS_FUNCTION}((SELECT json_group_array(json_array(key, seq)) FROM story_keys WHERE story_id = stories.id));
      CREATE TABLE story_keys_by_key (
        key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        PRIMARY KEY (key, seq, story_id)
      ) WITHOUT ROWID;
      INSERT INTO story_keys_by_key (key, seq, story_id) SELECT key, seq, story_id FROM story_keys;
      DROP TABLE story_keys;
      ALTER TABLE story_keys_by_key RENAME TO story_keys;
    `,
  },
  {
    version: 25,
    description: "an entity link whose local id is its registry entity's key keeps '' in its place (read back from the entity): the links are keyed by article, entity and local id",
    sql: `
      CREATE TABLE entity_links_by_entity (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        rule TEXT NOT NULL,
        detail TEXT NOT NULL,
        mentions INTEGER NOT NULL DEFAULT 0,
        article_date INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_rowid, entity_id, local_id)
      ) WITHOUT ROWID;
      INSERT INTO entity_links_by_entity (article_rowid, local_id, entity_id, rule, detail, mentions, article_date)
        SELECT article_rowid, local_id, entity_id, rule, detail, mentions, article_date FROM entity_links;
      DROP TABLE entity_links;
      ALTER TABLE entity_links_by_entity RENAME TO entity_links;
      ${LINKS_OWN_KEY};
      CREATE INDEX entity_links_entity_date ON entity_links(entity_id, article_date, article_rowid, mentions, local_id);
    `,
  },
  {
    version: 26,
    description: SPEAKER_PAIRS_DESCRIPTION,
    sql: speakerPairRowsSql(),
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
