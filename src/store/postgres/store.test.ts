// What is particular to the PostgreSQL store: its index and query text, its
// migrations, hits equal to SQLite's, and writers at once on one database.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import pg from "pg";
import type { Doc } from "../../doc/doc.js";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { ENGLISH_PAGE, GREEK_PAGE } from "../../testing/fixtures.js";
import { STORE_BACKENDS } from "../../testing/store-backends.js";
import { fixtureText } from "../../understand/fixtures/fixtures.js";
import { openStore } from "../open.js";
import { parseQuery } from "../search-text.js";
import { StoreError, type Store } from "../store.js";
import { PG_SCHEMA_VERSION } from "./migrations.js";
import { tokensOf, tsquery, tsvectorLiteral } from "./search.js";
import { parseAddress } from "./store.js";

const [sqlite, postgres] = STORE_BACKENDS;
const pipeline = defaultPipeline();
const analyse = (page: string, meta: Doc["meta"] = {}) => pipeline.run(buildDoc({ ...parseTextPage(page), meta }));

test("keys are split into tokens as FTS5's unicode61 tokenizer splits them; the index keeps title and body apart", () => {
  assert.deepEqual(tokensOf("κυπρ 3.5 covid-19 o'neil"), ["κυπρ", "3", "5", "covid", "19", "o", "neil"]);
  assert.equal(tsvectorLiteral("a b", "b c"), "'a':1A 'b':2A,5 'c':6");
  assert.equal(tsvectorLiteral("", "it's"), "'it':3 's':4");
});

test("a parsed query becomes the tsquery of the same logic: words ANDed, phrases, OR, NOT, excluded words", () => {
  const q = (text: string) => tsquery(parseQuery(text).tree);
  assert.equal(q("λιμάνι Πάφου"), "('λιμαν' & 'παφ')");
  assert.equal(q('"στρατιωτική συνεργασία" OR workers'), "((('στρατιωτ' <-> 'συνεργασ')) | ('worker'))");
  assert.equal(q("drones -russia"), "('drone') & !'russia'");
  assert.equal(q("drones NOT russia"), "(('drone' & !'russia'))");
});

test("a schema named in the address is checked and taken out of the connection string", () => {
  assert.deepEqual(parseAddress("postgres://u@h:5432/db?schema=ng_1"), { connectionString: "postgres://u@h:5432/db", schema: "ng_1" });
  assert.throws(() => parseAddress("postgres://u@h/db?schema=x;drop"), StoreError);
});

describe("the PostgreSQL store", { skip: postgres.skip }, () => {
  test("migrations are recorded; a database newer than the code is refused in one line", async () => {
    const address = postgres.address("version");
    await (await openStore(address)).close();
    const { connectionString, schema } = parseAddress(address);
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query(`SET search_path TO ${schema}`);
    const rows = (await client.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r: { version: number }) => r.version);
    assert.deepEqual(rows, Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
    await client.query("INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, 'later', 'now')", [PG_SCHEMA_VERSION + 1]);
    await client.end();
    await assert.rejects(openStore(address), (e: unknown) => e instanceof StoreError && /newer than this newsgraph/.test(e.message) && !e.message.includes("\n"));
  });

  test("migration 8 gives the speakers already stored their pair rows: speakers of two or more keys are counted as before", async () => {
    const address = postgres.address("pairs");
    let store = await openStore(address);
    await store.put(analyse(GREEK_PAGE, { published: "2023-09-21" }));
    await store.put(analyse(ENGLISH_PAGE, { published: "2023-10-02" }));
    const speakers = [...new Set((await store.quotes({ limit: 100 })).quotes.map((q) => q.speaker ?? ""))].filter((s) => s.trim().includes(" "));
    assert.ok(speakers.length >= 2, speakers.join(", "));
    const totals = async () => Promise.all(speakers.map(async (speaker) => (await store.quotes({ speaker })).total));
    const before = await totals();
    assert.ok(before.every((n) => n > 0), before.join(", "));
    await store.close();
    const { connectionString, schema } = parseAddress(address);
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query(`SET search_path TO ${schema}`);
    const derived = await client.query("DELETE FROM quote_speaker_keys WHERE key LIKE '% %'");
    assert.ok((derived.rowCount ?? 0) > 0);
    await client.query("DELETE FROM schema_migrations WHERE version = 8");
    await client.end();
    store = await openStore(address);
    assert.deepEqual(await totals(), before);
    await store.close();
  });

  test("stores opening one new schema at the same moment create and migrate it once, without errors", async () => {
    const address = postgres.address("together");
    for (let round = 0; round < 3; round++) {
      const opened = await Promise.allSettled(Array.from({ length: 6 }, () => openStore(address)));
      const failed = opened.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []));
      for (const o of opened) if (o.status === "fulfilled") await o.value.close();
      assert.deepEqual(failed, []);
      const { connectionString, schema } = parseAddress(address);
      const client = new pg.Client({ connectionString });
      await client.connect();
      const rows = (await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`)).rows.map((r: { version: number }) => r.version);
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
      assert.deepEqual(rows, Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
    }
  });

  test("search gives the hits of the SQLite store, for every kind of query", async () => {
    const docs = [
      analyse(GREEK_PAGE, { published: "2023-09-21", site: "kathimerini.gr" }),
      analyse(ENGLISH_PAGE, { published: "2023-10-02", site: "cyprus-mail.com" }),
      analyse(fixtureText("el-ryabkov.txt"), { published: "2023-09-21" }),
      analyse(fixtureText("en-ryabkov.txt"), { published: "2023-09-22" }),
    ];
    const stores: Store[] = [await sqlite.open(), await postgres.open()];
    for (const s of stores) for (const d of docs) await s.put(d);
    const queries = ["κυπρος", "ΚΥΠΡΟΣ", "Κύπρου", '"στρατιωτική συνεργασία"', '"συνεργασία στρατιωτική"', "Κύπρος OR workers", "Κύπρος -Τουρκίας", "Ιράν OR Iran", "Ryabkov NOT Iran", "Ριαμπκόφ", "port workers", "2023"];
    for (const query of queries) {
      const [a, b] = await Promise.all(stores.map((s) => s.search(query, { limit: 20 })));
      assert.deepEqual(b.hits.map((h) => h.id).sort(), a.hits.map((h) => h.id).sort(), query);
      assert.deepEqual([b.total, b.facets, b.days], [a.total, a.facets, a.days], query);
      assert.deepEqual(b.hits.map((h) => [h.snippet, h.highlights]).sort(), a.hits.map((h) => [h.snippet, h.highlights]).sort(), `${query}: snippets`);
    }
    for (const s of stores) await s.close();
  });

  test("two writers at once: one new name in 50 articles is one entity, and the same article put twice is one record", async () => {
    const name = "Kostas Zervoudakis";
    const docs = Array.from({ length: 50 }, (_, i) =>
      analyse(`Talks, round ${i + 1}\n\nForeign minister ${name} met the press in Athens on day ${i + 1}. ${name} said the talks would go on.`, { published: "2024-03-01" }),
    );
    const address = postgres.address("race");
    const writers = [await openStore(address), await openStore(address)];
    // Each writer puts every article, in opposite orders: every article is put twice, at about the same time.
    const results = await Promise.all(writers.map((w, k) => (async () => {
      const out = [];
      for (const d of k === 0 ? docs : [...docs].reverse()) out.push(await w.put(d));
      return out;
    })()));
    const statuses = results.flat().map((r) => r.status);
    assert.equal(statuses.filter((s) => s === "added").length, 50);
    assert.equal(statuses.filter((s) => s === "unchanged").length, 50);
    const store = writers[0];
    assert.equal((await store.stats()).articles, 50);
    const found = await store.findEntities(name);
    assert.equal(found.length, 1, JSON.stringify(found.map((e) => [e.id, e.name])));
    assert.equal(found[0].articles, 50);
    // The same new article by both writers in the same instant.
    const twice = analyse(`Port news\n\nThe port of Volos reopened on Friday, minister ${name} said.`);
    const both = await Promise.all(writers.map((w) => w.put(twice)));
    assert.deepEqual(both.map((r) => r.status).sort(), ["added", "unchanged"]);
    assert.equal((await store.stats()).articles, 51);
    assert.equal(await store.integrityCheck(), "ok");
    for (const w of writers) await w.close();
  });
});
