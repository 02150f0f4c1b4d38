import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { PORT_COPY, PORT_STORY, analyzeStoryFixture, storyFixtureText } from "../stories/fixtures/fixtures.js";
import { bandValues, fingerprint } from "../stories/fingerprint.js";
import { BAND_LOOKUP, copiesTable } from "./copies-table.js";
import { MIGRATIONS, registerMigrationFunctions } from "./migrations.js";
import { preparedText } from "./statements.js";
import { STORY_LOOKUPS } from "./stories-table.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";

const [ORIGINAL, ENGLISH] = PORT_STORY;
const page = (name: string, site: string, url: string, text = storyFixtureText(name)): Doc => {
  const doc = analyzeStoryFixture(name, text, url);
  doc.meta.site = site;
  return doc;
};
const original = () => page(ORIGINAL, "first.example.gr", "https://first.example.gr/port");
/** The copy: another headline, a credit line and a footer, and a closing paragraph of its own. */
const copyText = `${storyFixtureText(PORT_COPY)}\n\nΣτην τελετή παρευρέθηκαν επίσης εκπρόσωποι των λιμενικών αρχών των δύο χωρών.`;
const copy = (published?: string) => {
  const doc = page(PORT_COPY, "second.example.gr", "https://second.example.gr/port", copyText);
  if (published) doc.meta.published = published;
  return doc;
};

test("copy and story lookups are index searches, whatever the store holds", () => {
  const db = new Database(":memory:");
  registerMigrationFunctions(db);
  for (const m of MIGRATIONS) db.exec(m.sql);
  for (const [name, sql] of Object.entries({ band: BAND_LOOKUP, ...STORY_LOOKUPS })) {
    const params = Array.from({ length: sql.split("?").length - 1 }, () => (sql.includes("json_each") ? "[]" : 1));
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${preparedText(sql)}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    assert.ok(steps.some((d) => /^SEARCH .* USING .*(INDEX|PRIMARY KEY)/u.test(d)), `${name}: ${steps.join(" · ")}`);
    // Only a list given as a parameter (json_each) is read whole.
    assert.ok(!steps.some((d) => (d.startsWith("SCAN") && !d.startsWith("SCAN json_each")) || d.includes("TEMP B-TREE")), `${name}: ${steps.join(" · ")}`);
  }
  db.close();
});

test("an article written again leaves no band rows of its earlier body (found by its stored signature, with no index by article)", () => {
  const db = new Database(":memory:");
  registerMigrationFunctions(db);
  for (const m of MIGRATIONS) db.exec(m.sql);
  assert.equal((db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'fingerprint_bands_article'").get() as { n: number }).n, 0);
  // The table alone, without the article's row.
  db.pragma("foreign_keys = OFF");
  const article = { rowid: 7, id: "0123456789abcdef", date: "" };
  const bands = () => db.prepare("SELECT band, value FROM fingerprint_bands WHERE article_rowid = ? ORDER BY band").all(article.rowid);
  const expected = (doc: Doc) => bandValues(fingerprint(doc).signature).map((value, band) => ({ band, value }));
  copiesTable.write(db, article, original());
  assert.deepEqual(bands(), expected(original()));
  copiesTable.clear(db, article);
  assert.deepEqual(bands(), []);
  copiesTable.write(db, article, copy());
  assert.deepEqual(bands(), expected(copy()));
  assert.notDeepEqual(expected(copy()), expected(original()));
  db.close();
});

for (const backend of STORE_BACKENDS) {
  describe(`copies (${backend.name})`, { skip: backend.skip }, () => {
    test("a near copy is linked to its original with its similarity; another outlet's report is not a copy", async () => {
      const store = await backend.open();
      const a = await store.put(original());
      const en = await store.put(page(ENGLISH, "english.example.com", "https://english.example.com/port"));
      const c = await store.put(copy());
      const links = (await store.links(c.id))!;
      assert.equal(links.copyOf?.id, a.id);
      assert.equal(links.copyOf?.site, "first.example.gr");
      assert.ok(links.copyOf!.similarity >= 0.6 && !links.copyOf!.exact);
      assert.deepEqual((await store.links(a.id))!.copies.map((x) => x.id), [c.id]);
      assert.equal((await store.links(en.id))!.copyOf, null);
      assert.equal(await store.links("0000000000000000"), null);
      await store.close();
    });

    test("search shows a text once, saying who also published it; totals and site counts count it once", async () => {
      const store = await backend.open();
      const a = await store.put(original());
      await store.put(copy());
      const r = await store.search("Αλεξάνδρεια");
      assert.equal(r.total, 1);
      assert.deepEqual(r.hits.map((h) => h.id), [a.id]);
      assert.deepEqual(r.hits[0].copies.map((c) => c.site), ["second.example.gr"]);
      assert.deepEqual(r.facets.site, { "first.example.gr": 1 });
      await store.close();
    });

    test("a copy published earlier than the stored original becomes the original of them all", async () => {
      const store = await backend.open();
      const a = await store.put(original());
      const c = await store.put(copy("2024-03-11"));
      assert.equal((await store.links(a.id))!.copyOf?.id, c.id);
      assert.equal((await store.links(c.id))!.copyOf, null);
      // Both in one story, which counts them as one report.
      const [story] = (await store.stories({ limit: -1 })).stories;
      assert.equal(story.size, 2);
      assert.equal(story.reports, 1);
      await store.close();
    });

    test("the same text word for word from another source is not stored again, but recorded: also published by, and listed in its story", async () => {
      const store = await backend.open();
      const a = await store.put(original());
      const again = page(ORIGINAL, "mirror.example.gr", "https://mirror.example.gr/port");
      assert.deepEqual(await store.put(again), { status: "unchanged", id: a.id });
      // The same source once more records nothing new.
      await store.put(page(ORIGINAL, "mirror.example.gr", "https://mirror.example.gr/port"));
      await store.put(original());
      const links = (await store.links(a.id))!;
      assert.deepEqual(links.copies.map((c) => [c.id, c.source, c.exact]), [[a.id, "https://mirror.example.gr/port", true]]);
      const [story] = (await store.stories({ limit: -1, withArticles: true })).stories;
      assert.deepEqual(story.articles!.map((x) => [x.id, x.source, x.copyOf]), [
        [a.id, "https://first.example.gr/port", null],
        [a.id, "https://mirror.example.gr/port", a.id],
      ]);
      await store.close();
    });
  });
}
