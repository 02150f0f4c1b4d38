import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { SCHEMA_VERSION } from "./migrations.js";
import { QueryError } from "./search-text.js";
import { SqliteStore } from "./sqlite.js";
import { StoreError } from "./store.js";

const dir = new TempDir();
after(() => dir.remove());
const pipeline = defaultPipeline();
const analyse = (page: string, url?: string) => pipeline.run(buildDoc({ ...parseTextPage(page), meta: url ? { url } : {} }));

function freshStore(name: string): SqliteStore {
  return new SqliteStore(dir.file(name));
}

test("the same article twice is one row; changed content at the same URL is an update", () => {
  const store = freshStore("idem.db");
  const first = store.put(analyse(GREEK_PAGE, "https://example.org/a"));
  assert.equal(first.status, "added");
  assert.deepEqual(store.put(analyse(GREEK_PAGE, "https://example.org/a")), { status: "unchanged", id: first.id });
  // The same text from another address is still the same article.
  assert.equal(store.put(analyse(GREEK_PAGE, "https://mirror.example.org/a")).status, "unchanged");
  const edited = GREEK_PAGE.replace("θα ενισχυθεί", "θα διπλασιαστεί");
  assert.deepEqual(store.put(analyse(edited, "https://example.org/a")), { status: "updated", id: first.id });
  assert.equal(store.stats().articles, 1);
  assert.equal(store.search("διπλασιαστεί").length, 1);
  assert.equal(store.search("ενισχυθεί").length, 0);
  store.close();
});

test("search matches regardless of accents, case and inflection", () => {
  const store = freshStore("search.db");
  const el = store.put(analyse(GREEK_PAGE)).id;
  const en = store.put(analyse(ENGLISH_PAGE)).id;
  for (const q of ["κυπρος", "ΚΥΠΡΟΣ", "Κύπρου", "Κύπρο"]) assert.deepEqual(store.search(q).map((h) => h.id), [el], q);
  assert.deepEqual(store.search('"στρατιωτική συνεργασία"').map((h) => h.id), [el]);
  assert.deepEqual(store.search('"συνεργασία στρατιωτική"').map((h) => h.id), []);
  assert.deepEqual(store.search("worker").map((h) => h.id), [en]);
  assert.deepEqual(store.search("Κύπρος OR workers").length, 2);
  assert.deepEqual(store.search("Κύπρος -Τουρκίας").length, 0);
  store.close();
});

test("hits carry a snippet with the matched words highlighted", () => {
  const store = freshStore("snippet.db");
  store.put(analyse(GREEK_PAGE));
  const [hit] = store.search("τουρκια");
  const marked = hit.highlights.map((h) => hit.snippet.slice(h.start, h.end));
  assert.deepEqual(marked, ["Τουρκίας"]);
  store.close();
});

test("hits are ranked: more matches of the words rank higher", () => {
  const store = freshStore("rank.db");
  const once = store.put(pipeline.run(buildDoc({ title: "Λιμάνι", paragraphs: ["Το λιμάνι άνοιξε. Ο καιρός ήταν καλός και οι επιβάτες πολλοί."], related: [], meta: {} }))).id;
  const thrice = store.put(pipeline.run(buildDoc({ title: "Λιμάνια", paragraphs: ["Τα λιμάνια έκλεισαν, το λιμάνι της Λάρνακας και το λιμάνι της Πάφου."], related: [], meta: {} }))).id;
  store.put(analyse(ENGLISH_PAGE));
  const hits = store.search("λιμάνι");
  assert.deepEqual(hits.map((h) => h.id), [thrice, once]);
  assert.ok(hits[0].score > hits[1].score);
  store.close();
});

test("a query without words is a clear error", () => {
  const store = freshStore("query.db");
  assert.throws(() => store.search(" ,, "), QueryError);
  store.close();
});

test("get accepts a unique id prefix", () => {
  const store = freshStore("get.db");
  const { id } = store.put(analyse(GREEK_PAGE));
  assert.equal(store.get(id)?.id, id);
  assert.equal(store.get(id.slice(0, 6))?.id, id);
  assert.equal(store.get("ffffffffffffffff"), null);
  store.close();
});

test("migrations set the schema version; a newer database is refused", () => {
  const file = dir.file("version.db");
  new SqliteStore(file).close();
  const db = new Database(file);
  assert.equal(db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  assert.throws(() => new SqliteStore(file), (e: unknown) => e instanceof StoreError && /newer than this newsgraph/.test(e.message));
});

test("a failed write leaves nothing half-written", () => {
  const store = freshStore("atomic.db");
  const doc = analyse(GREEK_PAGE);
  // A record that cannot be serialised fails inside the transaction.
  (doc.layers as Record<string, unknown>).bad = { toJSON() { throw new Error("boom"); } };
  assert.throws(() => store.put(doc), /boom/);
  assert.equal(store.stats().articles, 0);
  assert.equal(store.search("κυπρος").length, 0);
  store.close();
});
