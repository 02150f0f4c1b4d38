import { strict as assert } from "node:assert";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { TempDir } from "../testing/fixtures.js";
import { asVersion11 } from "./legacy-store.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";
import { fixtureText } from "../understand/fixtures/fixtures.js";
import { SCHEMA_VERSION } from "./migrations.js";
import { SqliteStore } from "./sqlite.js";
import type { EntityGraph, Store } from "./store.js";

const dir = new TempDir();
const pipeline = defaultPipeline();
/** The Greek and the English Ryabkov articles, a day apart, and an unrelated one. */
const ARTICLES = [
  { file: "el-ryabkov.txt", published: "2023-09-21", site: "kathimerini.gr" },
  { file: "en-ryabkov.txt", published: "2023-09-22", site: "reuters.com" },
];
const OTHER = "Λιμάνι της Πάτρας\n\n«Το λιμάνι θα ανοίξει τον Μάιο», είπε ο δήμαρχος Κώστας Πελετίδης στην Πάτρα.";

async function fill(store: Store): Promise<void> {
  for (const a of ARTICLES) {
    const doc = pipeline.run(buildDoc({ ...parseTextPage(fixtureText(a.file)), meta: { published: a.published, site: a.site } }));
    await store.put(doc);
  }
  await store.put(pipeline.run(buildDoc({ ...parseTextPage(OTHER), meta: { published: "2023-09-23", site: "pelop.gr" } })));
}

after(() => dir.remove());

for (const backend of STORE_BACKENDS) {
  describe(`article sets (${backend.name})`, { skip: backend.skip }, () => {
    let store: Store;
    before(async () => {
      store = await backend.open();
      await fill(store);
    });
    after(() => store.close());

    const idOf = async (name: string) => (await store.findEntities(name))[0].id;

    test("the entities and speakers of a search's articles, most frequent first, with the filters applied", async () => {
      const both = await store.searchEntities("Ιράν OR Iran");
      assert.equal(both.sampled, 2);
      const iran = both.entities.find((e) => e.name === "Ιράν");
      assert.equal(iran?.articles, 2);
      assert.ok(both.entities.every((e, i, all) => i === 0 || all[i - 1].articles >= e.articles));
      assert.deepEqual(both.speakers.map((s) => [s.name, s.articles]), [["Σεργκέι Ριαμπκόφ", 2], ["Ιράν", 2]], "Ryabkov says, Iran (Tehran) denies");
      const english = await store.searchEntities("Ιράν OR Iran", { lang: "en" });
      assert.equal(english.sampled, 1);
      assert.ok(english.entities.every((e) => e.articles === 1));
      assert.equal((await store.searchEntities("Ιράν OR Iran", { top: 2 })).entities.length, 2);
      const one = await store.searchEntities("Ιράν OR Iran", { sample: 1 });
      assert.equal(one.sampled, 1, "counted over the newest matching article only");
      assert.equal((await store.searchEntities("Πελετίδης")).speakers[0].name, "Κώστας Πελετίδης");
    });

    test("search filters by a mentioned entity and a quoted speaker, counts each hit's quotations and entities, and gives articles per day", async () => {
      const ryabkov = await idOf("Ryabkov");
      const all = await store.search("Ιράν OR Iran OR Πάτρα");
      assert.equal(all.total, 3);
      assert.deepEqual(all.days, [
        { day: "2023-09-21", articles: 1 },
        { day: "2023-09-22", articles: 1 },
        { day: "2023-09-23", articles: 1 },
      ]);
      assert.equal((await store.search("Ιράν OR Iran OR Πάτρα", { entity: [ryabkov] })).total, 2);
      assert.equal((await store.search("Ιράν OR Iran OR Πάτρα", { speaker: [ryabkov] })).total, 2);
      assert.equal((await store.search("Ιράν OR Iran OR Πάτρα", { speaker: [await idOf("Πελετίδης")] })).total, 1);
      assert.equal((await store.search("Ιράν OR Iran OR Πάτρα", { entity: [] })).total, 0, "an empty list matches nothing");
      const filtered = await store.search("Ιράν OR Iran OR Πάτρα", { entity: [ryabkov], site: "reuters.com" });
      assert.deepEqual([filtered.total, filtered.facets.site, filtered.facets.lang], [1, { "kathimerini.gr": 1, "reuters.com": 1 }, { en: 1 }]);
      for (const hit of all.hits) {
        const record = await store.get(hit.id);
        assert.equal(hit.quotes, record?.quotes?.length);
        assert.ok(hit.entities > 0 && hit.entities <= (record?.entities?.length ?? 0));
      }
    });

    function assertWellFormed(g: EntityGraph): void {
      const ids = new Set(g.nodes.map((n) => n.id));
      assert.equal(ids.size, g.nodes.length);
      for (const e of g.edges) {
        assert.ok(ids.has(e.source) && ids.has(e.target), `${e.kind} ${e.source}→${e.target} joins two nodes`);
        assert.notEqual(e.source, e.target);
        if (e.kind === "cooccurrence") assert.ok(e.source < e.target);
      }
    }

    test("the graph of a search: co-occurrence, speaker and actor edges among its heaviest entities", async () => {
      const g = await store.graph({ query: "Ιράν OR Iran" });
      assertWellFormed(g);
      assert.equal(g.sampled, 2);
      const [ryabkov, iran, russia] = [await idOf("Ryabkov"), await idOf("Iran"), await idOf("Russia")];
      const edge = (kind: string, s: number, t: number) => g.edges.find((e) => e.kind === kind && e.source === s && e.target === t);
      assert.equal(edge("cooccurrence", Math.min(ryabkov, iran), Math.max(ryabkov, iran))?.weight, 2);
      assert.ok(edge("speaker", ryabkov, iran), "Ryabkov's quotation names Iran (Tehran)");
      assert.equal(edge("actor", iran, russia)?.weight, 2, "Iran sends drones to Russia, in both articles");
      assert.equal((await store.graph({ query: "Ιράν OR Iran", nodes: 3 })).nodes.length, 3);
      assert.deepEqual((await store.graph({ query: "Ζζζζζζ" })).nodes, []);
    });

    test("the graph around an entity holds it and its neighbours; filters and the sample bound apply", async () => {
      const peletidis = await idOf("Πελετίδης");
      const g = await store.graph({ around: peletidis });
      assertWellFormed(g);
      assert.equal(g.sampled, 1);
      assert.ok(g.nodes.some((n) => n.id === peletidis));
      assert.ok(g.nodes.every((n) => n.weight === 1));
      const ryabkov = await idOf("Ryabkov");
      assert.equal((await store.graph({ around: ryabkov, sample: 1 })).sampled, 1);
      assert.ok((await store.graph({ around: ryabkov, nodes: 1 })).nodes.some((n) => n.id === ryabkov), "the centre is a node even at one node");
      assert.equal((await store.graph({ around: ryabkov, from: "2023-09-22" })).sampled, 1);
      assert.equal((await store.graph({ query: "Ιράν OR Iran", around: peletidis })).sampled, 0);
      assert.equal((await store.graph()).sampled, 3, "no query: the newest articles of the store");
    });
  });
}

test("migration 9 derives from an older store what the writers now write", async () => {
  const file = dir.file("migrate.db");
  const fresh = new SqliteStore(file);
  await fill(fresh);
  const ids = [await fresh.findEntities("Ryabkov"), await fresh.findEntities("Iran"), await fresh.findEntities("Πελετίδης")].map((e) => e[0].id);
  const answers = async (s: Store) => ({
    reports: await Promise.all(ids.map((id) => s.entity(id))),
    graph: await s.graph({ query: "Ιράν OR Iran OR Πάτρα" }),
    facets: await s.searchEntities("Ιράν OR Iran OR Πάτρα"),
  });
  const expected = await answers(fresh);
  await fresh.close();
  const db = new Database(file);
  await asVersion11(db);
  db.exec(`
    CREATE TABLE entity_links_v8 (
      article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE, local_id TEXT NOT NULL,
      entity_id INTEGER NOT NULL REFERENCES entities(id), rule TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (article_rowid, local_id));
    INSERT INTO entity_links_v8 SELECT article_rowid, local_id, entity_id, rule, detail FROM entity_links;
    DROP TABLE entity_links; ALTER TABLE entity_links_v8 RENAME TO entity_links; CREATE INDEX entity_links_entity ON entity_links(entity_id);
    DROP INDEX entity_mentions_entity_article; CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
    DROP INDEX quotes_speaker_date; ALTER TABLE quotes DROP COLUMN article_date; CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity_id);
    DROP TABLE quote_mentions;
    DROP TABLE fingerprint_bands; DROP TABLE article_fingerprints; DROP TABLE article_copies; DROP TABLE article_duplicates;
    DROP TABLE story_key_counts; DROP TABLE story_keys; DROP TABLE story_articles; DROP TABLE stories;
    DROP TABLE source_pages; DROP TABLE sources; DROP TABLE intake_hosts;
    PRAGMA user_version = 8;`);
  db.close();
  const migrated = new SqliteStore(file);
  assert.equal((await migrated.stats()).schemaVersion, SCHEMA_VERSION);
  assert.deepEqual(await answers(migrated), expected);
  await migrated.close();
});
