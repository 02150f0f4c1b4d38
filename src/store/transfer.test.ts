// Copying a store SQLite → PostgreSQL → SQLite gives the same records, hits,
// registry, stories and sources; a store is only copied into an empty one.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { main } from "../cli/main.js";
import type { Doc } from "../doc/doc.js";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { PORT_COPY, PORT_STORY, analyzeStoryFixture } from "../stories/fixtures/fixtures.js";
import { ENGLISH_PAGE, GREEK_PAGE } from "../testing/fixtures.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";
import { fixtureText } from "../understand/fixtures/fixtures.js";
import { openStore } from "./open.js";
import { StoreError, type Store } from "./store.js";
import { transferStore } from "./transfer.js";
import Database from "better-sqlite3";
import { lookupKeysOf } from "./stories-table.js";
import type { Transferable } from "./table-access.js";

const [sqlite, postgres] = STORE_BACKENDS;
const pipeline = defaultPipeline();
const analyse = (page: string, meta: Doc["meta"] = {}) => pipeline.run(buildDoc({ ...parseTextPage(page), meta }));
const QUERIES = ["κυπρος", "Κύπρος OR workers", '"στρατιωτική συνεργασία"', "Ιράν OR Iran", "Ryabkov -Iran", "λιμάνι", "port"];
const HOST = { notBefore: "2030-01-01T00:00:00.000Z", robots: { origin: "https://a.example", status: 200, text: "User-agent: *\n", fetchedAt: "2024-03-01T00:00:00.000Z" } };

async function fill(store: Store): Promise<void> {
  await store.put(analyse(GREEK_PAGE, { url: "https://kathimerini.gr/1", published: "2023-09-21", site: "kathimerini.gr" }));
  await store.put(analyse(ENGLISH_PAGE, { published: "2023-10-02", site: "cyprus-mail.com" }));
  await store.put(analyse(fixtureText("el-ryabkov.txt"), { published: "2023-09-21" }));
  await store.put(analyse(fixtureText("en-ryabkov.txt"), { published: "2023-09-22" }));
  for (const name of [...PORT_STORY, PORT_COPY]) await store.put(analyzeStoryFixture(name));
  const { source } = await store.addSource({ url: "https://a.example/rss", kind: "feed", everyMs: 60_000, lang: "el" });
  await store.recordPage("https://a.example/1", { sourceId: source.id, status: "failed", error: "HTTP 500" });
  await store.saveHostState("a.example", HOST);
}

/** Everything a store answers about its content. */
async function answers(store: Store) {
  const list = (await store.list({ limit: -1 })).articles;
  const entities = new Map<number, unknown>();
  for (const a of list) for (const id of Object.values(await store.articleEntities(a.id))) if (!entities.has(id)) entities.set(id, await store.entity(id));
  return {
    list,
    records: await Promise.all(list.map((a) => store.get(a.id))),
    links: await Promise.all(list.map((a) => store.links(a.id))),
    search: await Promise.all(QUERIES.map((q) => store.search(q, { limit: 20 }))),
    facets: await Promise.all(QUERIES.map((q) => store.searchEntities(q))),
    entities: [...entities.entries()].sort(([a], [b]) => a - b),
    quotes: await store.quotes({ limit: -1 }),
    events: await store.events({ limit: -1 }),
    stories: await store.stories({ limit: -1, withArticles: true }),
    sources: await store.sources(),
    pages: [...(await store.pageStates(["https://a.example/1", "https://kathimerini.gr/1"]))],
    host: await store.hostState("a.example"),
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

/** A SQLite store's story lookup keys: the rows by key and recency, and each story's own list of them. */
function lookupKeys(file: string): { rows: unknown[]; stories: [number, [string, number][]][] } {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare("SELECT key, seq, story_id FROM story_keys ORDER BY key, seq, story_id").all();
  const stories = (db.prepare("SELECT id, lookup FROM stories ORDER BY id").all() as { id: number; lookup: Buffer | null }[])
    .map((s): [number, [string, number][]] => [s.id, [...lookupKeysOf(db, s.id)].sort()]);
  db.close();
  return { rows, stories };
}
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

describe("copying a store between back ends", { skip: postgres.skip }, () => {
  test("SQLite → PostgreSQL → SQLite gives identical records, hits, registry, stories and sources", async () => {
    const [first, middle, last] = [sqlite.address("first"), postgres.address("middle"), sqlite.address("last")];
    const original = await openStore(first);
    await fill(original);
    const expected = await answers(original);
    await original.close();

    const out: string[] = [];
    const err: string[] = [];
    assert.equal(await main(["migrate", "--from", first, "--to", middle], { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false }), 0, err.join(""));
    assert.match(out.join(""), /^copied 8 articles \(\d+ rows\) from /);
    assert.match(err.join(""), /^articles: 8\/8 rows$/m);

    const pg = await openStore(middle);
    // A row's article date crosses as its text: PostgreSQL keeps the text, SQLite its order key made from it.
    for (const table of ["entity_links", "quotes", "quote_mentions", "events"]) {
      const dates: unknown[] = [];
      for await (const chunk of (pg as unknown as Transferable).tableAccess().read(table, ["article_date"], 100)) dates.push(...chunk.map((r) => r.article_date));
      assert.ok(dates.length && dates.every((d) => typeof d === "string" && ISO_DAY.test(d)), `${table}: ${JSON.stringify(dates.slice(0, 3))}`);
    }
    const between = await answers(pg);
    assert.deepEqual(between.records, expected.records);
    assert.deepEqual(between.entities, expected.entities);
    assert.deepEqual(between.stories, expected.stories);
    assert.deepEqual(between.sources, expected.sources);
    assert.deepEqual(between.search.map(ids), expected.search.map(ids), "the same hits (ranked by another function)");
    await pg.close();

    await transferStore(middle, last);
    const back = await openStore(last);
    assert.deepEqual(await answers(back), expected);
    assert.equal(await back.integrityCheck(), "ok");
    await back.close();
    // Each story's own list of its lookup keys, which PostgreSQL does not keep, is made again from their rows.
    const keys = lookupKeys(first);
    assert.ok(keys.rows.length > 0 && keys.stories.every(([, k]) => k.length > 0));
    assert.deepEqual(lookupKeys(last), keys);
  });

  test("a store is copied only into an empty one", async () => {
    const [a, b] = [sqlite.address("full"), postgres.address("full")];
    const s = await openStore(a);
    await s.put(analyse(GREEK_PAGE));
    await s.close();
    await transferStore(a, b);
    await assert.rejects(transferStore(a, b), (e: unknown) => e instanceof StoreError && /is not empty \(1 articles, 0 sources\)/.test(e.message));
    const err: string[] = [];
    assert.equal(await main(["migrate", "--from", a], { out: () => undefined, err: (s) => err.push(s) }), 2);
  });
});
