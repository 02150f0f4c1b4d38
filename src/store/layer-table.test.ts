import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { TempDir } from "../testing/fixtures.js";
import { dateOrder } from "./layer-table.js";
import { databaseAtVersion } from "./legacy-store.js";
import { SqliteStore } from "./sqlite.js";

const dir = new TempDir();
after(() => dir.remove());

test("a date's order key is the seconds since 1970 of the date and time as written, to the second", () => {
  assert.equal(dateOrder("1970-01-01"), 0);
  assert.equal(dateOrder("2024-03-05"), Date.UTC(2024, 2, 5) / 1000);
  assert.equal(dateOrder("2024-03-05T10:15"), Date.UTC(2024, 2, 5, 10, 15) / 1000);
  assert.equal(dateOrder("2024-03-05T10:15:59.999Z"), Date.UTC(2024, 2, 5, 10, 15, 59) / 1000);
  // the offset is not applied: the key orders as the text does
  assert.equal(dateOrder("2024-03-05T01:00:00+03:00"), Date.UTC(2024, 2, 5, 1) / 1000);
  assert.equal(dateOrder("2024-03-05 10:15:00"), dateOrder("2024-03-05T10:15:00Z"));
});

test("order keys sort as the date texts do; a date not in ISO form orders first", () => {
  const dates = ["2024-03-05T10:15:00Z", "1997-03-31", "2024-03-05", "2024-03-04T23:59:59+02:00", "2026-12-06T22:36:18.269Z", "2024-02-29T12:00"];
  const byText = [...dates].sort();
  const byKey = [...dates].sort((a, b) => dateOrder(a) - dateOrder(b));
  assert.deepEqual(byKey, byText);
  for (const notIso of ["", "yesterday", "Tue, 05 Mar 2024 10:15:00 GMT", "2024"]) assert.equal(dateOrder(notIso), 0);
  assert.equal(dateOrder(null), 0);
});

test("a store of schema 20 keeps its rows' dates as order keys after migration 21, in every table and index that lists them by date", async () => {
  const file = dir.file("schema20.db");
  const db = databaseAtVersion(file, 20);
  const dates = ["2024-03-05T10:15:00Z", "1997-03-31", ""];
  for (const id of [7, 8]) db.prepare("INSERT INTO entities (id, key, phonetic, type, name, global, created_at) VALUES (?, ?, ?, 'PER', ?, 1, '2024-01-01')").run(id, `k${id}`, `p${id}`, `N${id}`);
  dates.forEach((date, i) => {
    const r = i + 1;
    db.prepare("INSERT INTO articles (rowid, id, content_hash, title, lang, text, record, ingested_at) VALUES (?, ?, ?, 'T', 'en', 'T', '{}', '2024-06-01T00:00:00Z')").run(r, `a${r}`, `h${r}`);
    db.prepare("INSERT INTO entity_links (article_rowid, local_id, entity_id, rule, detail, article_date, mentions) VALUES (?, 'e1', 7, 'key', '', ?, 2)").run(r, date);
    db.prepare("INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker_entity_id, article_date) VALUES (?, 0, 'direct', 0, 1, 'x', 7, ?)").run(r, date);
    db.prepare("INSERT INTO quote_mentions (entity_id, article_date, article_rowid, ord) VALUES (8, ?, ?, 0)").run(date, r);
    db.prepare("INSERT INTO events (article_rowid, ord, type, actor_id, polarity, modality, start_offset, end_offset, evidence, article_date) VALUES (?, 0, 'ATTACK', 7, 'positive', 'asserted', 0, 1, 'x', ?)").run(r, date);
  });
  db.close();
  const store = new SqliteStore(file);
  await store.close();
  const migrated = new Database(file, { readonly: true });
  try {
    const expected = dates.map((d, i) => ({ r: i + 1, key: dateOrder(d) }));
    for (const table of ["entity_links", "quotes", "quote_mentions", "events"]) {
      const rows = migrated.prepare(`SELECT article_rowid AS r, article_date AS key, typeof(article_date) AS type FROM ${table} ORDER BY article_rowid`).all() as { r: number; key: number; type: string }[];
      assert.deepEqual(rows.map(({ r, key }) => ({ r, key })), expected, table);
      assert.ok(rows.every((x) => x.type === "integer"), table);
    }
    // the indexes by date are there again, and read in date order
    const byDate = migrated.prepare("SELECT article_rowid FROM events WHERE actor_id = 7 ORDER BY article_date").pluck().all();
    assert.deepEqual(byDate, [3, 2, 1]);
    const plan = migrated.prepare("EXPLAIN QUERY PLAN SELECT article_rowid FROM events WHERE actor_id = 7 ORDER BY article_date").all() as { detail: string }[];
    assert.match(plan.map((p) => p.detail).join(" "), /events_actor_date/);
    const indexes = migrated.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%article_date%' ORDER BY name").pluck().all();
    assert.deepEqual(indexes, ["entity_links_entity_date", "events_actor_date", "events_asserted_date", "events_date", "events_target_date", "events_type_date", "quotes_speaker_date"]);
  } finally {
    migrated.close();
  }
});
