import { strict as assert } from "node:assert";
import { test } from "node:test";
import { limit, translate } from "./sql.js";

test("statements written for SQLite get PostgreSQL's parameters, quoted camelCase names and id lists", () => {
  assert.deepEqual(translate("SELECT a FROM t WHERE x = ? AND y = ? LIMIT ?"), { text: "SELECT a FROM t WHERE x = $1 AND y = $2 LIMIT $3", names: [] });
  assert.deepEqual(translate("UPDATE t SET a = @a WHERE id = @id OR parent = @id"), { text: "UPDATE t SET a = $1 WHERE id = $2 OR parent = $2", names: ["a", "id"] });
  assert.equal(translate("SELECT a.ingested_at AS ingestedAt FROM page ORDER BY page.localIds").text, 'SELECT a.ingested_at AS "ingestedAt" FROM page ORDER BY page."localIds"');
  assert.equal(translate("SELECT 'who? @me isIt' AS role, \"end\" FROM q WHERE k = ?").text, "SELECT 'who? @me isIt' AS role, \"end\" FROM q WHERE k = $1");
  assert.equal(translate("WHERE id IN (SELECT value FROM json_each(?))").text, "WHERE id IN (SELECT value FROM id_list($1))");
});

test("SQLite's limit -1 (all) is PostgreSQL's NULL", () => {
  assert.equal(limit(-1, 50), null);
  assert.equal(limit(undefined, 50), 50);
  assert.equal(limit(7, 50), 7);
});
