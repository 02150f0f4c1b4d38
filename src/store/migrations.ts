// The schema history shared by every SQL back end, applied in order; the
// database records the last one applied (PRAGMA user_version in SQLite).

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
