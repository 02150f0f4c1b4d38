import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { TempDir } from "../testing/fixtures.js";
import { CONNECTION_DEFAULTS, closeConnection, openConnection, withDefaults } from "./connection.js";

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
