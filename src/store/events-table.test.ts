import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { TempDir } from "../testing/fixtures.js";
import { eventQuerySql, queryEvents, type EventFilter } from "./events-table.js";
import { databaseAtVersion } from "./legacy-store.js";
import { MIGRATIONS, registerMigrationFunctions } from "./migrations.js";
import { SqliteStore } from "./sqlite.js";
import type { EventQuery } from "./store.js";
import { phoneticKey } from "../understand/translit/translit.js";
import { SPAN_TEXT_FUNCTION, spanTextFunction } from "./span-text.js";

const dir = new TempDir();
after(() => dir.remove());

test("a page of events is read in date order off one index (each id's range, merged), never by sorting every match", () => {
  const db = new Database(dir.file("plan.db"));
  registerMigrationFunctions(db);
  db.function(SPAN_TEXT_FUNCTION, spanTextFunction());
  for (const m of MIGRATIONS) db.exec(m.sql);
  const cases: [EventFilter, RegExp][] = [
    [{ actors: [1] }, /events_actor_date \(actor_id=\?\)/],
    [{ actors: [1, 2], type: "attack", from: "2023" }, /events_actor_date \(actor_id=\?\)/],
    [{ targets: [2] }, /events_target_date \(target_id=\?\)/],
    [{ involving: [1] }, /events_target_date \(target_id=\?\)/],
    [{ assertedBy: [3] }, /events_asserted_date \(asserted_by_id=\?\)/],
    [{ type: "attack" }, /events_type_date \(type=\?\)/],
    [{}, /events_date/],
  ];
  for (const [filter, index] of cases) {
    const sql = eventQuerySql(filter);
    for (const [statement, params] of [[sql.rows, sql.params], [sql.count, sql.countParams]] as const) {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...params) as { id: number; parent: number; detail: string }[];
      const plan = `${JSON.stringify(filter)}: ${rows.map((r) => r.detail).join(" · ")}`;
      // Counting every event reads a whole index; any other count, its ranges only.
      if (statement === sql.rows || Object.keys(filter).length) assert.ok(rows.some((r) => index.test(r.detail)), plan);
      // Only the date index is walked from its start (for a page of every event, in its order).
      assert.ok(!rows.some((r) => /^SCAN ev\b(?! USING COVERING INDEX events_date$)/.test(r.detail)), `scans the events: ${plan}`);
      // Each range comes off its index in order, cut at the page's end: no sort inside it (the ranges' rows are merged after).
      const ranges = new Set(rows.filter((r) => r.detail === "CO-ROUTINE r").map((r) => r.id));
      assert.ok(!rows.some((r) => ranges.has(r.parent) && r.detail.startsWith("USE TEMP B-TREE FOR ORDER BY")), `sorts a range: ${plan}`);
    }
  }
  db.close();
});

test("events page in their articles' date order (a store of schema 15 dated on opening), the pages adding up to the total", async () => {
  const file = dir.file("pages.db");
  const db = databaseAtVersion(file, 15);
  const entity = db.prepare("INSERT INTO entities (id, key, phonetic, type, name, global, created_at) VALUES (?, ?, ?, 'PER', ?, 1, '2024-01-01')");
  const key = db.prepare("INSERT INTO entity_keys (key, kind, entity_id) VALUES (?, 'name', ?)");
  for (const [id, name] of [[1, "Lavrov"], [2, "Rubio"]] as const) {
    entity.run(id, name.toLowerCase(), phoneticKey(name), name);
    key.run(phoneticKey(name), id);
  }
  const link = db.prepare("INSERT INTO entity_links (article_rowid, local_id, entity_id, rule, detail, article_date, mentions) VALUES (?, ?, ?, 'key', '', ?, 1)");
  const article = db.prepare("INSERT INTO articles (rowid, id, content_hash, title, lang, published, text, record, ingested_at) VALUES (?, ?, ?, ?, 'en', ?, 'T', '{}', '2024-06-01T00:00:00Z')");
  const event = db.prepare(
    "INSERT INTO events (article_rowid, ord, type, actor_id, target_id, polarity, modality, start_offset, end_offset, evidence) VALUES (?, ?, ?, ?, ?, 'positive', 'asserted', 0, 1, ?)",
  );
  // Stored out of date order; the last article has no publication date (its ingestion time orders it).
  const published = ["2024-03-05", "2024-01-10", "2024-02-20", "2024-01-02", null];
  published.forEach((date, i) => {
    const r = i + 1;
    article.run(r, `a${r}`, `h${r}`, `T${r}`, date);
    link.run(r, "e1", 1, date ?? "2024-06-01T00:00:00Z");
    link.run(r, "e2", 2, date ?? "2024-06-01T00:00:00Z");
    event.run(r, 0, "CONSULT", 1, 2, `${r}.0`);
    event.run(r, 1, r % 2 ? "ATTACK" : "CONSULT", 2, r % 2 ? 1 : null, `${r}.1`);
    event.run(r, 2, "STATEMENT", 1, 1, `${r}.2`);
  });
  db.close();
  const store = new SqliteStore(file);
  const inDateOrder = [4, 2, 3, 1, 5];
  const evidence = async (filter: EventQuery) => (await store.events(filter)).events.map((e) => e.evidence);
  const pages = async (filter: EventFilter, size: number) => {
    const all: string[] = [];
    for (let offset = 0; ; offset += size) {
      const { events } = queryEvents((store as unknown as { db: Database.Database }).db, { ...filter, limit: size, offset });
      all.push(...events.map((e) => e.evidence));
      if (events.length < size) return all;
    }
  };
  const lavrovActs = inDateOrder.flatMap((r) => [`${r}.0`, `${r}.2`]);
  assert.deepEqual(await pages({ actors: [1] }, 3), lavrovActs);
  assert.deepEqual(await evidence({ actor: "Lavrov", limit: -1 }), lavrovActs);
  // Either role: an event with Lavrov as actor and target is listed once.
  const involving = inDateOrder.flatMap((r) => [`${r}.0`, ...(r % 2 ? [`${r}.1`] : []), `${r}.2`]);
  assert.deepEqual(await pages({ involving: [1] }, 4), involving);
  const report = await store.entity(1, { limit: -1 });
  assert.deepEqual(report?.events.map((e) => e.evidence), involving);
  assert.deepEqual(await pages({ type: "attack" }, 1), [3, 1, 5].map((r) => `${r}.1`));
  assert.deepEqual(await pages({}, 4), inDateOrder.flatMap((r) => [0, 1, 2].map((o) => `${r}.${o}`)));
  assert.deepEqual(await pages({ actors: [2], targets: [1] }, 2), [3, 1, 5].map((r) => `${r}.1`));
  assert.deepEqual(await evidence({ actor: "Lavrov", from: "2024-02", to: "2024-02" }), ["3.0", "3.2"]);
  const total = async (filter: EventQuery) => (await store.events(filter)).total;
  assert.deepEqual([await total({ actor: "Lavrov", limit: 1 }), await total({ type: "consult" }), await total({})], [10, 7, 15]);
  assert.equal((await store.events({ actor: "Lavrov", type: "statement", limit: 2, offset: 4 })).events.length, 1);
  await store.close();
});
