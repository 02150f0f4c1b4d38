import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { TempDir } from "../testing/fixtures.js";
import Database from "better-sqlite3";
import { CONNECTION_DEFAULTS, NEW_STORE_PAGE_BYTES, closeConnection, openConnection, withDefaults } from "./connection.js";

const dir = new TempDir();
after(() => dir.remove());

test("a writer's connection is in WAL mode and checkpoints in the steps it is given", () => {
  const pages = (o: Parameters<typeof withDefaults>[0]) => {
    const db = openConnection(dir.file(`wal-${o.walCheckpointPages ?? "default"}.db`), withDefaults(o));
    try {
      assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
      return db.pragma("wal_autocheckpoint", { simple: true });
    } finally {
      closeConnection(db);
    }
  };
  assert.equal(pages({}), CONNECTION_DEFAULTS.walCheckpointPages);
  assert.ok(CONNECTION_DEFAULTS.walCheckpointPages > 1000, "larger steps than SQLite's own 1,000 pages");
  assert.equal(pages({ walCheckpointPages: 123 }), 123);
});

test("a store made here has pages of NEW_STORE_PAGE_BYTES; one made with other pages keeps them", () => {
  const made = openConnection(dir.file("pages-new.db"), withDefaults({}));
  made.exec("CREATE TABLE t (x)");
  assert.equal(made.pragma("page_size", { simple: true }), NEW_STORE_PAGE_BYTES);
  closeConnection(made);
  const other = new Database(dir.file("pages-old.db"));
  other.pragma("page_size = 4096");
  other.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  other.close();
  const reopened = openConnection(dir.file("pages-old.db"), withDefaults({}));
  assert.equal(reopened.pragma("page_size", { simple: true }), 4096);
  assert.equal(reopened.prepare("SELECT x FROM t").pluck().get(), 1);
  closeConnection(reopened);
});
