// The peer of the ingest benchmark: the same texts inserted bare into a SQLite
// table and an FTS5 index (same journal settings as the store, one
// transaction per article), with no analysis and no layer tables.
import Database from "better-sqlite3";

export interface PeerArticle {
  title: string;
  body: string;
}

/** Seconds for the best of `rounds` runs of bare inserts of the articles into a new database file. */
export function bareFtsInsertSeconds(file: string, items: PeerArticle[], rounds: number): number {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec("CREATE TABLE a (rowid INTEGER PRIMARY KEY, title TEXT, text TEXT); CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');");
    const insert = db.prepare("INSERT INTO a (title, text) VALUES (?, ?)");
    const index = db.prepare("INSERT INTO f (rowid, title, body) VALUES (?, ?, ?)");
    let best = Infinity;
    for (let round = 0; round < rounds; round++) {
      db.exec("DELETE FROM a; DELETE FROM f;");
      const t = performance.now();
      for (const a of items) db.transaction(() => index.run(insert.run(a.title, a.body).lastInsertRowid, a.title, a.body))();
      best = Math.min(best, (performance.now() - t) / 1000);
    }
    return best;
  } finally {
    db.close();
  }
}
