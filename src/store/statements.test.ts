import { strict as assert } from "node:assert";
import { test } from "node:test";
import Database from "better-sqlite3";
import { preparedText, rows, stmt } from "./statements.js";

function sample(): Database.Database {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, note TEXT, data BLOB);
           INSERT INTO t VALUES (1, 'Ελλάδα', 0.5, NULL, x'00ff'), (2, 'Ανδρέας', 2.25, 'σημείωση', NULL), (3, 'Kyiv', -1, '', x'');`);
  return db;
}

test("rows() gives the objects Statement.all gives: every column type, NULL, empty text and blob", () => {
  const db = sample();
  const sql = "SELECT id, name, score, note, data, length(name) AS chars FROM t ORDER BY id";
  const got = rows(db, sql).all();
  assert.deepEqual(got, stmt(db, sql).all());
  assert.deepEqual(got[0], { id: 1, name: "Ελλάδα", score: 0.5, note: null, data: Buffer.from([0, 255]), chars: 6 });
  assert.deepEqual(Object.keys(got[1] as object), ["id", "name", "score", "note", "data", "chars"]);
  db.close();
});

test("rows() takes positional and named parameters, and a repeated column name keeps what Statement.all keeps", () => {
  const db = sample();
  const positional = "SELECT name FROM t WHERE id > ? ORDER BY id LIMIT ?";
  assert.deepEqual(rows(db, positional).all(1, 5), [{ name: "Ανδρέας" }, { name: "Kyiv" }]);
  const named = "SELECT id, name FROM t WHERE id = @id";
  assert.deepEqual(rows(db, named).all({ id: 3 }), [{ id: 3, name: "Kyiv" }]);
  const repeated = "SELECT a.name, b.name FROM t a JOIN t b ON b.id = a.id + 1 ORDER BY a.id";
  assert.deepEqual(rows(db, repeated).all(), stmt(db, repeated).all());
  assert.deepEqual(rows(db, "SELECT id FROM t WHERE id > 9").all(), []);
  db.close();
});

test("rows() prepares a query once per connection", () => {
  const db = sample();
  const other = sample();
  const sql = "SELECT id FROM t";
  assert.equal(rows(db, sql), rows(db, sql));
  assert.notEqual(rows(db, sql), rows(other, sql));
  db.close();
  other.close();
});

test("a LIMIT bound as a parameter is prepared as an expression, with the same rows and the same plan", () => {
  assert.equal(preparedText("SELECT id FROM t ORDER BY id LIMIT ? OFFSET ?"), "SELECT id FROM t ORDER BY id LIMIT +? OFFSET ?");
  assert.equal(preparedText("SELECT id FROM (SELECT id FROM t LIMIT @limit) LIMIT :n"), "SELECT id FROM (SELECT id FROM t LIMIT +@limit) LIMIT +:n");
  assert.equal(preparedText("SELECT id FROM t limit ?2"), "SELECT id FROM t LIMIT +?2");
  // A literal limit and one already an expression are left as they are.
  for (const sql of ["SELECT id FROM t LIMIT 5", "SELECT id FROM t LIMIT +?", "SELECT id FROM t LIMIT (? + 1)"]) assert.equal(preparedText(sql), sql);
  const db = sample();
  const sql = "SELECT name FROM t WHERE id > ? ORDER BY id LIMIT ? OFFSET ?";
  assert.equal(stmt(db, sql).source, preparedText(sql));
  assert.deepEqual(stmt(db, sql).all(0, 2, 1), [{ name: "Ανδρέας" }, { name: "Kyiv" }]);
  assert.deepEqual(rows(db, sql).all(0, 1, 0), [{ name: "Ελλάδα" }]);
  const plan = (text: string) => (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(0, 1, 0) as { detail: string }[]).map((r) => r.detail);
  assert.deepEqual(plan(preparedText(sql)), plan(sql));
  db.close();
});
