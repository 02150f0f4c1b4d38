import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import type { Doc } from "../doc/doc.js";
import { PORT_COPY, PORT_STORY, UNRELATED, VISIT_STORY, analyzeStoryFixture, storyFixtureText } from "../stories/fixtures/fixtures.js";
import type { Store, StorySummary } from "./store.js";
import Database from "better-sqlite3";
import { STORE_BACKENDS } from "../testing/store-backends.js";
import { openStore } from "./open.js";
import { preparedText } from "./statements.js";
import { CANDIDATES_PER_KEY, LOOKUP_ROWS_KEPT, PRUNE_EVERY, STORIES_SCHEMA, STORY_LOOKUPS, countKeys, deferredKeyCounts, keyCounts, lookupKeysOf, unpackContribution } from "./stories-table.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { DICTIONARY_MARK } from "./packing.js";

const docs = new Map<string, Doc>();
const fixture = (name: string) => {
  if (!docs.has(name)) docs.set(name, analyzeStoryFixture(name));
  return docs.get(name)!;
};
const ALL = [...PORT_STORY, PORT_COPY, ...VISIT_STORY, UNRELATED];

/** The fixture names of each story, by the sources of its articles. */
function partition(stories: StorySummary[]): string[][] {
  return stories.map((s) => (s.articles ?? []).map((a) => (a.source ?? "").split("/").pop()!).sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

for (const backend of STORE_BACKENDS) {
  describe(`stories (${backend.name})`, { skip: backend.skip }, () => {
    async function storeAll(name: string, names: string[]): Promise<Store> {
      const store = await backend.open();
      await store.beginBatch();
      for (const n of names) await store.put(fixture(n));
      await store.endBatch();
      return store;
    }

    test("reports of one event join one story across outlets and languages; the same ministers ten weeks later are another story", async () => {
      const store = await storeAll("stories.db", ALL);
      const list = await store.stories({ limit: -1, withArticles: true });
      assert.deepEqual(partition(list.stories), [
        ["el-port-a.txt", "el-port-b.txt", "el-port-copy.txt", "en-port.txt"],
        ["el-visit.txt", "en-visit.txt"],
        ["en-fire.txt"],
      ]);
      // Every article in exactly one story.
      const listed = list.stories.flatMap((s) => (s.articles ?? []).map((a) => a.id));
      assert.equal(new Set(listed).size, listed.length);
      assert.equal(listed.length, (await store.stats()).articles);
      await store.close();
    });

    test("a story in full: languages, outlets' reports (the copy counted with its original), first publisher, dates, entities, quotations", async () => {
      const store = await storeAll("story.db", ALL);
      const port = (await store.stories({ limit: -1, withArticles: true })).stories.find((s) => s.size === 4)!;
      const report = (await store.story(port.id))!;
      assert.equal(report.title, "Ελλάδα και Αίγυπτος υπέγραψαν συμφωνία για το λιμάνι της Αλεξάνδρειας");
      assert.deepEqual(report.languages, ["el", "en"]);
      assert.equal(report.size, 4);
      assert.equal(report.reports, 3);
      assert.equal(report.from, "2024-03-12");
      assert.equal(report.to, "2024-03-12");
      assert.ok(report.firstPublisher?.source?.endsWith("el-port-a.txt"));
      const copy = report.articles.find((a) => a.source?.endsWith(PORT_COPY))!;
      assert.equal(copy.copyOf, report.articles.find((a) => a.source?.endsWith("el-port-a.txt"))!.id);
      assert.ok(copy.similarity !== null && copy.similarity >= 0.9);
      const names = report.entities.map((e) => e.name).join(" | ");
      assert.ok(/Γεραπετρίτη|Gerapetritis/u.test(names) && /Αλεξάνδρει|Alexandria/u.test(names), names);
      assert.ok(report.quotes.some((q) => /γέφυρα|bridge/u.test(q.text)));
      assert.equal(await store.story(987654), null);
      await store.close();
    });

    test("stories by entity (any script) and by date", async () => {
      const store = await storeAll("filters.db", ALL);
      const titles = async (q: Parameters<Store["stories"]>[0]) => (await store.stories(q)).stories.map((s) => s.size);
      assert.deepEqual(await titles({ entity: "Shoukry" }), [2, 4]);
      assert.deepEqual(await titles({ entity: "Σούκρι" }), [2, 4]);
      assert.deepEqual(await titles({ since: "2024-05" }), [1, 2]);
      assert.deepEqual((await store.stories({ entity: "Κανένας Τέτοιος" })).unresolved, ["Κανένας Τέτοιος"]);
      await store.close();
    });

    test("the same articles in the same order give the same stories, ids included", async () => {
      const a = await storeAll("order-a.db", ALL);
      const b = await storeAll("order-b.db", ALL);
      const shape = async (s: Store) => (await s.stories({ limit: -1, withArticles: true })).stories.map((x) => [x.id, (x.articles ?? []).map((y) => y.id)]);
      assert.deepEqual(await shape(a), await shape(b));
      await a.close();
      await b.close();
    });

    test("an article stored again with other content leaves its story, and an emptied story is gone", async () => {
      const url = "https://news.example.org/2024/fire";
      const store = await storeAll("update.db", VISIT_STORY);
      assert.equal((await store.put(analyzeStoryFixture(UNRELATED, storyFixtureText(UNRELATED), url))).status, "added");
      assert.equal((await store.stories()).total, 2);
      // The fire report's address now carries a report of the visit: the same article, other content.
      const rewritten = analyzeStoryFixture(UNRELATED, storyFixtureText(VISIT_STORY[1]).replace("in Athens on Monday", "in Athens on Monday evening"), url);
      assert.equal((await store.put(rewritten)).status, "updated");
      const list = await store.stories({ limit: -1, withArticles: true });
      assert.equal(list.total, 1);
      // It is now a near copy of the English visit report: in that story, one report with it.
      assert.equal(list.stories[0].size, 3);
      assert.equal(list.stories[0].reports, 2);
      assert.equal((await store.links(rewritten.id))?.copyOf?.source?.endsWith(VISIT_STORY[1]), true);
      await store.close();
    });

    test("an original stored again with a small edit stays the original of its copies and its story's report; with other content its copies keep one another", async () => {
      const [report, copy, second] = ["https://news.example.org/port", "https://copies.example.org/port", "https://more.example.org/port"];
      const store = await backend.open();
      const original = await store.put(analyzeStoryFixture(PORT_STORY[0], storyFixtureText(PORT_STORY[0]), report));
      await store.put(analyzeStoryFixture(PORT_COPY, storyFixtureText(PORT_COPY), copy));
      const third = await store.put(analyzeStoryFixture(PORT_COPY, storyFixtureText(PORT_COPY).replace(/\.\s/u, ". Χθες. "), second));
      const shape = async () => (await store.stories({ limit: -1 })).stories.map((s) => [s.size, s.reports]);
      assert.deepEqual(await shape(), [[3, 1]]);
      const edited = storyFixtureText(PORT_STORY[0]).replace(/\.\s/u, ". Σήμερα. ");
      assert.equal((await store.put(analyzeStoryFixture(PORT_STORY[0], edited, report))).status, "updated");
      assert.deepEqual(await shape(), [[3, 1]], "one story, the edited original its one report");
      assert.equal((await store.links(original.id))?.copyOf ?? null, null, "no copy of itself");
      assert.equal((await store.links(third.id))?.copyOf?.id, original.id);
      // The original's address now carries another text: the copies stay one story, one the original of the other.
      await store.put(analyzeStoryFixture(UNRELATED, storyFixtureText(UNRELATED), report));
      assert.equal((await store.links(original.id))?.copyOf ?? null, null);
      const kept = await store.links(third.id);
      assert.ok(kept?.copyOf && kept.copyOf.id !== original.id, "the later copy copies the earlier one");
      assert.deepEqual((await shape()).sort(), [[1, 1], [2, 0]]);
      await store.close();
    });
  });
}

test("a story of one report keeps no profile of its own until a second report joins (SQLite's blobs)", async () => {
  const path = STORE_BACKENDS[0].address("sole");
  const store = await openStore(path);
  for (const n of [VISIT_STORY[0], UNRELATED]) await store.put(fixture(n));
  const lengths = () => {
    const db = new Database(path, { readonly: true });
    const out = (db.prepare("SELECT size, length(profile) AS bytes FROM stories ORDER BY id").all() as { size: number; bytes: number }[]).map((r) => [r.size, r.bytes]);
    db.close();
    return out;
  };
  assert.deepEqual(lengths(), [[1, 0], [1, 0]]);
  await store.put(fixture(VISIT_STORY[1]));
  const [visit, fire] = lengths();
  assert.equal(visit[0], 2, "the second report found the story by the profile made from the first");
  assert.ok(visit[1] > 0, "and the profile of two is written");
  assert.deepEqual(fire, [1, 0]);
  await store.close();
});

test("a story's profile, its reports' contributions and its lookup keys are packed with the story dictionary and read back (SQLite)", async () => {
  const path = STORE_BACKENDS[0].address("packed-stories");
  const store = await openStore(path);
  for (const n of VISIT_STORY) await store.put(fixture(n));
  await store.close();
  const db = new Database(path, { readonly: true });
  const blobs = db.prepare("SELECT profile FROM stories WHERE length(profile) > 0 UNION ALL SELECT lookup FROM stories WHERE reports > 1 UNION ALL SELECT contribution FROM story_articles").pluck().all() as Buffer[];
  const contributions = db.prepare("SELECT contribution FROM story_articles").pluck().all() as Buffer[];
  db.close();
  assert.ok(blobs.length >= 4, `${blobs.length} blobs`);
  for (const b of blobs) assert.equal(b[0], DICTIONARY_MARK);
  for (const c of contributions) assert.ok(unpackContribution(c).terms.size > 0);
});

test("the places of the stored reports are counted for their weights like the other keys (SQLite's counts)", async () => {
  const path = STORE_BACKENDS[0].address("places");
  const store = await openStore(path);
  for (const n of PORT_STORY) await store.put(fixture(n));
  const db = new Database(path, { readonly: true });
  const places = db.prepare("SELECT key, articles FROM story_key_counts WHERE key LIKE 'p:%'").all() as { key: string; articles: number }[];
  db.close();
  assert.ok(places.length > 0, "the reports name places");
  assert.ok(places.some((p) => p.articles > 1), JSON.stringify(places));
  await store.close();
});

test("key counts wait for the commit: an article's join the batch when it is written, go when it is rolled back, and reads see them (SQLite)", () => {
  const db = new Database(":memory:");
  db.exec(STORIES_SCHEMA);
  const counts = (keys: string[]) => Object.fromEntries([...keyCounts(db, keys)].sort());
  const stored = () => db.prepare("SELECT key, articles FROM story_key_counts ORDER BY key").all();
  deferredKeyCounts.beginArticle(db);
  countKeys(db, ["a", "b", "a"], 1);
  assert.deepEqual(counts(["a", "b", "c"]), { "": 1, a: 2, b: 1 }, "a key twice in an article's keys counts twice, as the upsert did");
  deferredKeyCounts.discard(db, "article");
  assert.deepEqual(counts(["a", "b"]), {});
  countKeys(db, ["a"], 1);
  deferredKeyCounts.keepArticle(db);
  deferredKeyCounts.beginArticle(db);
  countKeys(db, ["b"], 1);
  deferredKeyCounts.beginArticle(db);
  assert.deepEqual(counts(["a", "b"]), { "": 1, a: 1 }, "a retried article starts again");
  assert.deepEqual(stored(), [], "nothing is written before the commit");
  deferredKeyCounts.flush(db);
  assert.deepEqual(stored(), [{ key: "", articles: 1 }, { key: "a", articles: 1 }]);
  assert.deepEqual(counts(["a"]), { "": 1, a: 1 }, "written once: not counted twice");
  countKeys(db, ["a"], -1);
  deferredKeyCounts.keepArticle(db);
  countKeys(db, ["z"], 1);
  deferredKeyCounts.keepArticle(db);
  assert.deepEqual(counts(["a", "z"]), { "": 1, a: 0, z: 1 });
  deferredKeyCounts.discard(db, "batch");
  assert.deepEqual(counts(["a", "z"]), { "": 1, a: 1 }, "a rolled-back batch's counts go");
  countKeys(db, ["a", "y"], 1);
  countKeys(db, ["y"], -1);
  deferredKeyCounts.keepArticle(db);
  deferredKeyCounts.flush(db);
  assert.deepEqual(stored(), [{ key: "", articles: 1 }, { key: "a", articles: 2 }, { key: "y", articles: 0 }], "a key counted in and out keeps its row, as before");
  db.close();
});

test("a batch of puts writes the same key counts and stories as the same puts one by one (SQLite)", async () => {
  const written = async (name: string, batch: boolean) => {
    const path = STORE_BACKENDS[0].address(name);
    const store = await openStore(path);
    if (batch) await store.beginBatch();
    await store.put(before);
    for (const n of ALL) await store.put(fixture(n));
    // an article written again (its address the same, its text changed) takes its counts back within the batch
    assert.equal((await store.put(after)).status, "updated");
    if (batch) await store.endBatch();
    const list = (await store.stories({ limit: -1, withArticles: true })).stories;
    await store.close();
    const db = new Database(path, { readonly: true });
    const counts = db.prepare("SELECT key, articles FROM story_key_counts ORDER BY key").all();
    const scores = db.prepare("SELECT article_rowid, story_id, score FROM story_articles ORDER BY article_rowid").all();
    db.close();
    return { stories: partition(list), sizes: list.map((s) => s.size), counts, scores };
  };
  const address = "https://example.org/fire";
  const before = analyzeStoryFixture(UNRELATED, storyFixtureText(UNRELATED), address);
  const after = analyzeStoryFixture(UNRELATED, `${storyFixtureText(UNRELATED)}\n\nΟι πυροσβέστες έμειναν στην περιοχή όλη τη νύχτα.\n`, address);
  const alone = await written("counts-alone.db", false);
  const batched = await written("counts-batched.db", true);
  assert.ok(alone.counts.length > 50, `${alone.counts.length} keys counted`);
  assert.deepEqual(batched, alone);
});

/** A SQLite store's story lookup keys as "story key seq": its rows by key and recency, and each story's list of its own. */
function lookupKeys(db: Database.Database): { rows: string[]; listed: string[]; stories: number } {
  const rows = (db.prepare("SELECT key, seq, story_id FROM story_keys").all() as { key: string; seq: number; story_id: number }[]).map((r) => `${r.story_id} ${r.key} ${r.seq}`);
  const stories = db.prepare("SELECT id, lookup FROM stories").all() as { id: number; lookup: Buffer | null }[];
  const listed = stories.flatMap((s) => [...lookupKeysOf(db, s.id)].map(([k, seq]) => `${s.id} ${k} ${seq}`));
  return { rows: rows.sort(), listed: listed.sort(), stories: stories.length };
}

test("story lookup keys are kept once, by key and recency; each story lists its own with the assignment each was last written at, and takes them when it goes (SQLite)", async () => {
  const path = STORE_BACKENDS[0].address("lookup");
  const url = "https://news.example.org/2024/fire";
  const store = await openStore(path);
  for (const n of VISIT_STORY) await store.put(fixture(n));
  await store.put(analyzeStoryFixture(UNRELATED, storyFixtureText(UNRELATED), url));
  const keys = () => {
    const db = new Database(path, { readonly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${preparedText(STORY_LOOKUPS.stories)}`).all("e:gr", 20) as { detail: string }[]).map((r) => r.detail).join(" · ");
    const out = { ...lookupKeys(db), plan };
    db.close();
    return out;
  };
  const before = keys();
  assert.equal(before.stories, 2);
  assert.deepEqual(before.rows, before.listed);
  assert.match(before.plan, /USING PRIMARY KEY/u);
  const seqs = new Set(before.rows.map((r) => r.split(" ")[2]));
  assert.ok(seqs.size > 2, "the visit's keys were written at more than one assignment");
  // The fire report's address now carries a report of the visit: its story is emptied and goes, with its keys.
  await store.put(analyzeStoryFixture(UNRELATED, storyFixtureText(VISIT_STORY[1]).replace("in Athens on Monday", "in Athens on Monday evening"), url));
  const after = keys();
  assert.equal(after.stories, 1);
  assert.deepEqual(after.rows, after.listed);
  assert.ok(after.rows.length < before.rows.length);
  await store.close();
});

test("a story of one report lists its keys as that report's, and writes them out when the report leaves while a copy stays (SQLite)", async () => {
  const path = STORE_BACKENDS[0].address("sole-lookup");
  const [report, copy] = ["https://news.example.org/port", "https://copies.example.org/port"];
  const store = await openStore(path);
  await store.put(analyzeStoryFixture(PORT_STORY[0], storyFixtureText(PORT_STORY[0]), report));
  await store.put(analyzeStoryFixture(PORT_COPY, storyFixtureText(PORT_COPY), copy));
  const state = () => {
    const db = new Database(path, { readonly: true });
    const out = { ...lookupKeys(db), lists: db.prepare("SELECT id, reports, size, lookup FROM stories ORDER BY id").all() as { id: number; reports: number; size: number; lookup: Buffer }[] };
    db.close();
    return out;
  };
  const joined = state();
  assert.deepEqual(joined.lists.map((s) => [s.reports, s.size]), [[1, 2]], "the copy joined the report's story");
  assert.ok(joined.rows.length > 5);
  assert.deepEqual(joined.rows, joined.listed);
  assert.ok(joined.lists[0].lookup.length < 10 && joined.lists[0].lookup[0] !== DICTIONARY_MARK, `a list of ${joined.lists[0].lookup.length} bytes`);
  // The report's address now carries another text: the story keeps the copy, and the report's keys written out.
  await store.put(analyzeStoryFixture(UNRELATED, storyFixtureText(UNRELATED), report));
  const left = state();
  assert.deepEqual(left.rows, left.listed);
  const kept = left.lists.find((s) => s.id === joined.lists[0].id)!;
  assert.equal(kept.lookup[0], DICTIONARY_MARK);
  assert.deepEqual(left.listed.filter((r) => r.startsWith(`${kept.id} `)), joined.listed);
  // Both addresses carry other texts again: the story goes, and every row of its keys with it.
  await store.put(analyzeStoryFixture(VISIT_STORY[0], storyFixtureText(VISIT_STORY[0]), copy));
  await store.put(analyzeStoryFixture(VISIT_STORY[1], storyFixtureText(VISIT_STORY[1]), report));
  const gone = state();
  assert.ok(!gone.lists.some((s) => s.id === kept.id));
  assert.deepEqual(gone.rows, gone.listed);
  assert.ok(!gone.rows.some((r) => r.startsWith(`${kept.id} `)));
  await store.close();
});

/** Words the articles of the pruning test are made of, each article its own draw. */
const DRAWN_WORDS = ("αγρότες λιμάνι σχολείο νοσοκομείο δρόμος γέφυρα πλοίο τρένο ποτάμι βουνό δάσος εργοστάσιο " +
  "μουσείο θέατρο γήπεδο αεροδρόμιο πανεπιστήμιο βιβλιοθήκη αγορά τράπεζα φράγμα λίμνη παραλία νησί χωριό " +
  "πλατεία εκκλησία κάστρο φάρος σταθμός").split(" ");

/** Article `i` of the pruning test: Κύπρος in every one, its other words drawn by `i`, dated 10 days after the one before (never in one story). */
function crowdedArticle(i: number): Doc {
  let state = i * 7919 + 17;
  const word = () => DRAWN_WORDS[(state = (state * 1103515245 + 12345) % 2147483648) % DRAWN_WORDS.length];
  const sentence = () => `Στην Κύπρο ${Array.from({ length: 9 }, word).join(" ")} ${i}.`;
  const published = new Date(Date.UTC(2020, 0, 1) + i * 10 * 86_400_000).toISOString().slice(0, 10);
  return buildDoc({ title: `Κύπρος: ${word()} ${word()} ${i}`, paragraphs: Array.from({ length: 4 }, () => `${sentence()} ${sentence()}`), related: [], meta: { published } });
}

test("a lookup key every story has keeps only its latest rows, and the lookups read the same stories as before (SQLite)", async () => {
  const path = STORE_BACKENDS[0].address("pruned-keys");
  const store = await openStore(path);
  const pipeline = defaultPipeline();
  const n = LOOKUP_ROWS_KEPT + 3 * PRUNE_EVERY + 1;
  await store.beginBatch();
  for (let i = 0; i < n; i++) await store.put(pipeline.run(crowdedArticle(i)));
  await store.endBatch();
  await store.close();
  const db = new Database(path, { readonly: true });
  const stories = db.prepare("SELECT id, lookup FROM stories").all() as { id: number; lookup: Buffer | null }[];
  assert.equal(stories.length, n, "every article opened a story of its own");
  // What each story lists of its keys: every row it was ever given.
  const listed = new Map<string, { story: number; seq: number }[]>();
  for (const s of stories) for (const [k, seq] of lookupKeysOf(db, s.id)) listed.set(k, [...(listed.get(k) ?? []), { story: s.id, seq }]);
  const [key, given] = [...listed].sort((a, b) => b[1].length - a[1].length)[0];
  assert.equal(given.length, n, `${key} is a key of every story`);
  const rows = db.prepare("SELECT story_id AS story, seq FROM story_keys WHERE key = ? ORDER BY seq DESC").all(key) as { story: number; seq: number }[];
  // A key of every assignment is pruned at every PRUNE_EVERY-th.
  assert.ok(rows.length >= LOOKUP_ROWS_KEPT && rows.length <= LOOKUP_ROWS_KEPT + PRUNE_EVERY, `${rows.length} rows kept`);
  const latest = given.sort((a, b) => b.seq - a.seq);
  assert.deepEqual(rows, latest.slice(0, rows.length), "the rows kept are the key's latest");
  const lookup = db.prepare(preparedText(STORY_LOOKUPS.stories)).pluck().all(key, CANDIDATES_PER_KEY);
  assert.deepEqual(lookup, latest.slice(0, CANDIDATES_PER_KEY).map((r) => r.story), "a lookup finds the stories it found before pruning");
  // A key fewer stories have keeps all of its rows.
  const rare = [...listed].find(([, g]) => g.length > 1 && g.length < CANDIDATES_PER_KEY);
  assert.ok(rare, "some key is shared by a few stories");
  assert.equal((db.prepare("SELECT count(*) FROM story_keys WHERE key = ?").pluck().get(rare[0]) as number), rare[1].length);
  db.close();
});

test("migration 24 keeps the lookup keys of a store of schema 23 once, each story listing its own", async () => {
  const path = STORE_BACKENDS[0].address("schema23");
  const store = await openStore(path);
  for (const n of ALL) await store.put(fixture(n));
  await store.close();
  const read = () => {
    const db = new Database(path, { readonly: true });
    const out = { ...lookupKeys(db), version: db.pragma("user_version", { simple: true }) };
    db.close();
    return out;
  };
  const current = read();
  // Schema 23: the keys ordered by story, with an index by key and recency, and no list in the story's row.
  const db = new Database(path);
  db.exec(`
    CREATE TABLE story_keys_v23 (key TEXT NOT NULL, story_id INTEGER NOT NULL REFERENCES stories(id), seq INTEGER NOT NULL, PRIMARY KEY (story_id, key)) WITHOUT ROWID;
    INSERT INTO story_keys_v23 SELECT key, story_id, seq FROM story_keys;
    DROP TABLE story_keys; ALTER TABLE story_keys_v23 RENAME TO story_keys; CREATE INDEX story_keys_recent ON story_keys(key, seq);
    ALTER TABLE stories DROP COLUMN lookup;
    PRAGMA user_version = 23;`);
  db.close();
  const migrated = await openStore(path);
  await migrated.close();
  const after = read();
  assert.ok(current.rows.length > 0);
  assert.deepEqual(after, current);
});
