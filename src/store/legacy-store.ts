// Test support: turns a SQLite store back into the shape it had at schema version 11 (texts
// stored plain; a full-text index that keeps a copy of the key strings it
// indexes), so that tests can check what migration 12 and the older
// migrations make of a store written before them.
import type Database from "better-sqlite3";
import { unpackText } from "./article-row.js";
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
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    PRAGMA user_version = ${VERSION};`);
  const insert = db.prepare("INSERT INTO articles_fts (rowid, title, body) VALUES (@rowid, @title, @body)");
  db.transaction(() => {
    for (const row of index) insert.run(row);
  })();
}
