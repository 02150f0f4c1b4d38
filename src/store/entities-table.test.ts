import { strict as assert } from "node:assert";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { TempDir } from "../testing/fixtures.js";
import { databaseAtVersion } from "./legacy-store.js";
import { phoneticKey } from "../understand/translit/translit.js";
import { analyzeFixture, fixtureText } from "../understand/fixtures/fixtures.js";
import { LOOKUP, namesOf } from "./entities-table.js";
import { MIGRATIONS, registerMigrationFunctions } from "./migrations.js";
import { SqliteStore } from "./sqlite.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";
import { openStore } from "./open.js";
import type { Store } from "./store.js";
import type { Doc } from "../doc/doc.js";
import type { Entity } from "../understand/entities/types.js";

const dir = new TempDir();
after(() => dir.remove());

const RYABKOV: [string, string, string?][] = [[fixtureText("el-ryabkov.txt"), "el"], [fixtureText("en-ryabkov.txt"), "en", "2023-09-22"]];

test("the names of a document's entity by language leave out languages without one", () => {
  assert.deepEqual(namesOf({ names: { el: "Αθήνα", en: null } }), [["el", "Αθήνα"]]);
  assert.deepEqual(namesOf({ names: { en: "Athens", fr: "Athènes" } }), [["en", "Athens"], ["fr", "Athènes"]]);
});

test("a version-4 database keeps its entity names and speakers when migrated", async () => {
  const file = dir.file("v4.db");
  const db = databaseAtVersion(file, 4);
  const record = { id: "a1", quotes: [{ kind: "direct", text: "Hello", speaker: { entityId: "per:x" } }] };
  db.prepare("INSERT INTO articles (rowid, id, content_hash, title, lang, published, text, record, ingested_at) VALUES (1, 'a1', 'h1', 'T', 'en', '2023-09-21', 'T\n\nSergei Ryabkov said hello.', ?, '2023-09-21')").run(JSON.stringify(record));
  db.prepare(
    "INSERT INTO entities (id, key, phonetic, type, name, name_el, name_en, name_en_source, code, global, created_at) VALUES (7, 'per:x', ?, 'PER', 'Σεργκέι Ριαμπκόφ', 'Σεργκέι Ριαμπκόφ', 'Sergei Ryabkov', 'text', NULL, 1, '2023-09-21')",
  ).run(phoneticKey("Sergei Ryabkov"));
  db.exec(`INSERT INTO entity_mentions VALUES (1, 7, 'per:x', 3, 17, 'name', 'Sergei Ryabkov');
           INSERT INTO entity_links VALUES (1, 'per:x', 7, 'new', 'no stored name matches');
           INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_keys, text_keys) VALUES (1, 0, 'direct', 20, 25, 'hello', 'Sergei Ryabkov', ' x ', ' hello ');`);
  db.close();
  const store = new SqliteStore(file);
  const [ryabkov] = await store.findEntities("Sergei Ryabkov");
  assert.deepEqual(ryabkov.names, { el: "Σεργκέι Ριαμπκόφ", en: "Sergei Ryabkov" });
  assert.equal((await store.quotes()).quotes[0].speakerEntityId, 7);
  assert.deepEqual((await store.entity(7))?.quotes.map((q) => q.role), ["speaker"]);
  assert.deepEqual((await store.findEntities("Ryabkov")).map((e) => e.id), [7], "the migration fills the surname keys of stored entities");
  await store.close();
});

test("a link whose local id is its entity's key keeps '' in the SQLite row, and keeps the id it had when the entity's key changes", async () => {
  const store = await openStore(dir.file("own-key.db"));
  // Two articles whose one entity is given: «Άλφα», then «Βήτα Άλφα», found by an alias of the first and a longer name, so the entity's key changes.
  const withEntity = (title: string, name: string, id: string, key: string): Doc => {
    const doc = analyzeFixture(`${title}\n\nΚείμενο για τον ${name} σήμερα.\n`, { lang: "el", published: "2023-09-21" });
    const start = doc.text.indexOf(name);
    const entity: Entity = { id, type: "PER", name, names: { el: name }, code: null, key, global: true, mentions: [{ start, end: start + name.length, role: "name" }] };
    return Object.assign(doc, { layers: { ...doc.layers, entities: [entity] } });
  };
  const first = await store.put(withEntity("Πρώτο", "Άλφα", "per:alfa", "alfa"));
  const db = new Database(dir.file("own-key.db"));
  const [{ id }] = db.prepare("SELECT id FROM entities WHERE key = 'per:alfa'").all() as { id: number }[];
  assert.deepEqual(db.prepare("SELECT local_id FROM entity_links").all(), [{ local_id: "" }]);
  db.prepare("INSERT INTO entity_aliases (entity_id, alias, fold, phonetic, lang, count) VALUES (?, 'Βήτα Άλφα', 'βητα αλφα', 'vita alfa', 'el', 1)").run(id);
  const second = await store.put(withEntity("Δεύτερο", "Βήτα Άλφα", "per:vita-alfa", "vita alfa"));
  assert.equal((db.prepare("SELECT key FROM entities WHERE id = ?").get(id) as { key: string }).key, "per:vita-alfa");
  assert.deepEqual(db.prepare("SELECT article_rowid, local_id FROM entity_links ORDER BY article_rowid").all(), [{ article_rowid: 1, local_id: "per:alfa" }, { article_rowid: 2, local_id: "" }]);
  const report = await store.entity(id);
  assert.deepEqual(report?.links.map((l) => [l.articleId, l.localId, l.rule]), [[first.id, "per:alfa", "new"], [second.id, "per:vita-alfa", "alias"]]);
  assert.deepEqual(report?.articles.map((a) => a.localIds), [["per:alfa"], ["per:vita-alfa"]]);
  db.close();
  await store.close();
});

test("migration 25 keeps '' for the links of a store of schema 24 that are their entity's key, and the store answers as before", async () => {
  const file = dir.file("schema24.db");
  const store = await openStore(file);
  for (const [text, lang, published] of RYABKOV) await store.put(analyzeFixture(text, { lang, published: published ?? "2023-09-21" }));
  const answers = async (s: Store) => Promise.all((await s.findEntities("Ryabkov")).concat(await s.findEntities("Ιράν")).map((e) => s.entity(e.id)));
  const expected = await answers(store);
  await store.close();
  const links = () => {
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT * FROM entity_links ORDER BY article_rowid, entity_id, local_id").all();
    db.close();
    return rows;
  };
  const current = links();
  // Schema 24: every link's local id written out, the links keyed by article and local id.
  const db = new Database(file);
  db.exec(`
    CREATE TABLE entity_links_v24 (article_rowid INTEGER NOT NULL, local_id TEXT NOT NULL, entity_id INTEGER NOT NULL, rule TEXT NOT NULL, detail TEXT NOT NULL,
      mentions INTEGER NOT NULL DEFAULT 0, article_date INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (article_rowid, local_id)) WITHOUT ROWID;
    INSERT INTO entity_links_v24 SELECT l.article_rowid, CASE WHEN l.local_id = '' THEN e.key ELSE l.local_id END, l.entity_id, l.rule, l.detail, l.mentions, l.article_date
      FROM entity_links l JOIN entities e ON e.id = l.entity_id;
    DROP TABLE entity_links; ALTER TABLE entity_links_v24 RENAME TO entity_links;
    CREATE INDEX entity_links_entity_date ON entity_links(entity_id, article_date, article_rowid, mentions, local_id);
    PRAGMA user_version = 24;`);
  db.close();
  assert.ok(links().every((l) => (l as { local_id: string }).local_id !== ""));
  const migrated = await openStore(file);
  assert.deepEqual(await answers(migrated), expected);
  await migrated.close();
  assert.ok(current.some((l) => (l as { local_id: string }).local_id === ""));
  assert.deepEqual(links(), current);
});

test("every registry lookup is an index search, never a scan of a table", () => {
  const db = new Database(dir.file("plan.db"));
  registerMigrationFunctions(db);
  for (const m of MIGRATIONS) db.exec(m.sql);
  for (const [name, sql] of Object.entries(LOOKUP)) {
    const params = Array.from({ length: sql.split("?").length - 1 }, () => "x");
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    assert.ok(steps.some((d) => /^SEARCH .* USING .*(INDEX|PRIMARY KEY)/.test(d)), `${name}: ${steps.join(" · ")}`);
    assert.ok(!steps.some((d) => d.startsWith("SCAN")), `${name} scans: ${steps.join(" · ")}`);
  }
  // The proper names with a key are found without reading the article-bound entities that share it.
  for (const sql of [LOOKUP.key, LOOKUP.lone]) {
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all("x") as { detail: string }[]).map((r) => r.detail);
    assert.ok(steps.some((d) => d.includes("(key=? AND global=?)")), steps.join(" · "));
  }
  db.close();
});

for (const backend of STORE_BACKENDS) {
  describe(`entity registry (${backend.name})`, { skip: backend.skip }, () => {
    async function storeWith(...texts: [string, string, string?][]): Promise<Store> {
      const store = await backend.open();
      for (const [text, lang, published] of texts) await store.put(analyzeFixture(text, { lang, published: published ?? "2023-09-21" }));
      return store;
    }

    test("one person across a Greek and an English article, linked by key and explained", async () => {
      const store = await storeWith(...RYABKOV);
      const [ryabkov, ...others] = await store.findEntities("Ryabkov");
      assert.equal(others.length, 0);
      assert.equal(ryabkov.name, "Σεργκέι Ριαμπκόφ");
      assert.deepEqual(ryabkov.names, { el: "Σεργκέι Ριαμπκόφ", en: "Sergei Ryabkov" }, "the English name from the text replaces the transliteration");
      const report = await store.entity(ryabkov.id);
      assert.ok(report);
      assert.equal(report.articles.length, 2);
      assert.deepEqual(report.links.map((l) => l.rule), ["new", "key"]);
      assert.equal((await store.findEntities("Ριαμπκόφ"))[0].id, ryabkov.id);
      assert.equal(await store.entity(ryabkov.id + 1000), null);
      await store.close();
    });

    test("an entity report pages its lists and counts co-occurring entities and mentions per day", async () => {
      const store = await storeWith(...RYABKOV);
      const [iran] = await store.findEntities("Ιράν");
      const report = await store.entity(iran.id);
      assert.ok(report);
      const russia = report.cooccurring.find((c) => c.name === "Ρωσία" || c.name === "Russia");
      assert.equal(russia?.articles, 2, "Russia is in both articles with Iran");
      assert.ok(report.cooccurring.every((c, i, all) => c.id !== iran.id && (i === 0 || all[i - 1].articles >= c.articles)));
      assert.deepEqual(report.mentionsPerDay.map((d) => d.day), ["2023-09-21", "2023-09-22"]);
      assert.equal(report.mentionsPerDay.reduce((n, d) => n + d.mentions, 0), iran.mentions);
      assert.deepEqual([iran.articles, report.entity.articles, report.entity.mentions], [2, 2, iran.mentions]);
      const second = await store.entity(iran.id, { limit: 1, offset: 1 });
      assert.deepEqual(second?.articles, report.articles.slice(1, 2));
      assert.deepEqual(second?.events, report.events.slice(1, 2));
      await store.close();
    });

    test("countries meet by ISO code, from any script or inflection", async () => {
      const store = await storeWith(...RYABKOV);
      for (const name of ["Ρωσίας", "Russia", "RU", "Μόσχα"]) assert.equal((await store.findEntities(name))[0].code, "RU", name);
      const iran = (await store.findEntities("Ιράν"))[0];
      assert.equal(iran.articles, 2);
      assert.equal(Object.keys(iran.names).length >= 2, true);
      const transfers = await store.events({ actor: "Ιράν", target: "Russia", type: "transfer" });
      assert.equal(transfers.total, 2);
      assert.deepEqual(transfers.events.map((t) => t.quantity), ["εκατοντάδες drones", "hundreds of drones"]);
      assert.equal((await store.events({ actor: "Ιράν", target: "Russia", type: "transfer", from: "2023-09-22" })).total, 1);
      assert.equal((await store.events({ actor: "Ιράν", target: "Russia", type: "transfer", to: "2023-09-21" })).events[0].quantity, "εκατοντάδες drones");
      const page = await store.events({ limit: 1, offset: 1 });
      assert.deepEqual(page.events, (await store.events()).events.slice(1, 2));
      assert.deepEqual((await store.events({ actor: "Ζζζζζ" })).unresolved, ["Ζζζζζ"]);
      await store.close();
    });

    test("a lone surname links only when one stored person has it", async () => {
      const store = await storeWith(
        ["Τίτλος\n\nΟ υπουργός Γιάννης Παπαδόπουλος μίλησε στη Βουλή.", "el"],
        ["Τίτλος δύο\n\nΟ βουλευτής Νίκος Παπαδόπουλος διαφώνησε.", "el"],
        ["Τίτλος τρία\n\nΟ υπουργός Παπαδόπουλος απάντησε.", "el"],
        ["Title four\n\nMinister Sergei Lavrov spoke. Later, Minister Lavrov left.", "en"],
        ["Title five\n\nMinister Lavrov answered.", "en"],
      );
      const lone = (await store.findEntities("Παπαδόπουλος")).find((e) => e.name === "Παπαδόπουλος");
      assert.ok(lone, "the lone surname is an entity of its own");
      assert.match((await store.entity(lone.id))!.links[0].detail, /shared by 2/);
      const [lavrov] = await store.findEntities("Lavrov");
      assert.equal(lavrov.name, "Sergei Lavrov");
      assert.deepEqual(lavrov.names, { en: "Sergei Lavrov" });
      assert.deepEqual((await store.entity(lavrov.id))!.links.map((l) => l.rule), ["new", "surname"]);
      await store.close();
    });

    test("re-ingesting an article replaces its mentions and links", async () => {
      const store = await backend.open();
      const url = "https://example.org/ryabkov";
      for (const [day, published] of [["Tuesday", "2023-09-19"], ["Wednesday", "2023-09-20"]]) {
        const doc = analyzeFixture(fixtureText("en-ryabkov.txt").replace("Tuesday", day), { lang: "en", published });
        doc.meta.url = url;
        await store.put(doc);
      }
      const [ryabkov] = await store.findEntities("Ryabkov");
      const report = await store.entity(ryabkov.id);
      assert.equal(report?.articles.length, 1);
      assert.equal(report?.links.length, 1);
      assert.equal(report?.aliases.find((a) => a.alias === "Sergei Ryabkov")?.count, 1);
      // The registry's counts are taken back with the first version's links, then counted again.
      assert.deepEqual([ryabkov.articles, ryabkov.mentions], [1, report?.articles[0].mentions]);
      assert.ok(ryabkov.mentions >= 2);
      // So are its mentions per day: the first version's day is gone, the second's holds them all.
      assert.deepEqual(report?.mentionsPerDay, [{ day: "2023-09-20", mentions: ryabkov.mentions }]);
      await store.close();
    });

    test("quotations by an entity and about it come from the quotation table, with the speaker's registry entity", async () => {
      const store = await backend.open();
      const pipeline = defaultPipeline();
      for (const f of ["el-ryabkov.txt", "en-ryabkov.txt"]) await store.put(pipeline.run(buildDoc(parseTextPage(fixtureText(f)))));
      const [ryabkov] = await store.findEntities("Ryabkov");
      const report = await store.entity(ryabkov.id);
      assert.ok(report?.quotes.some((q) => q.role === "speaker"));
      const said = (await store.quotes()).quotes.filter((q) => q.speakerEntityId === ryabkov.id);
      assert.equal(said.length, report?.quotes.filter((q) => q.role === "speaker").length);
      const [iran] = await store.findEntities("Iran");
      assert.ok((await store.entity(iran.id))?.quotes.some((q) => q.role === "mentioned" && /Ir[aá]n|Ιράν/u.test(q.text)));
      await store.close();
    });

    test("a lone surname links to the one stored person whose name ends with it, and not when two share it", async () => {
      const store = await backend.open();
      const put = (text: string) => store.put(analyzeFixture(text, { lang: "en", published: "2023-09-21" }));
      await put("Talks\n\nForeign minister Sergei Ryabkov met the press in Geneva on Monday.\n");
      await put("More talks\n\nThe talks would go on, Mr Ryabkov told reporters in Geneva on Tuesday.\n");
      const [ryabkov] = await store.findEntities("Ryabkov");
      assert.deepEqual((await store.entity(ryabkov.id))?.links.map((l) => l.rule), ["new", "surname"]);
      await put("Others\n\nDefence minister Pavel Ryabkov met the press in Moscow on Wednesday.\n");
      await put("Again\n\nThe talks are over, Mr Ryabkov told reporters in Geneva on Thursday.\n");
      const links = (await Promise.all((await store.findEntities("Ryabkov")).map((e) => store.entity(e.id)))).flatMap((r) => r?.links ?? []);
      assert.ok(links.some((l) => l.rule === "new" && l.detail.includes("surname shared by 2 stored people")), JSON.stringify(links));
      await store.close();
    });

    test("the lone mentions of a surname no one person resolves make one entity, however many articles write it", async () => {
      const store = await backend.open();
      const put = (text: string) => store.put(analyzeFixture(text, { lang: "en", published: "2023-09-21" }));
      await put("Talks\n\nForeign minister Sergei Ryabkov met the press in Geneva on Monday.\n");
      await put("Others\n\nDefence minister Pavel Ryabkov met the press in Moscow on Wednesday.\n");
      for (const day of ["Tuesday", "Thursday", "Friday"]) await put(`Again\n\nThe talks went on, Mr Ryabkov told reporters in Geneva on ${day}.\n`);
      const found = await store.findEntities("Ryabkov");
      assert.deepEqual(found.map((e) => e.name).sort(), ["Pavel Ryabkov", "Ryabkov", "Sergei Ryabkov"]);
      const lone = found.find((e) => e.name === "Ryabkov")!;
      const links = (await store.entity(lone.id))?.links ?? [];
      assert.deepEqual(links.map((l) => l.rule), ["new", "key", "key"]);
      assert.match(links[2].detail, /surname shared by 2 stored people/u);
      await store.close();
    });

    test("a Greek name's English name is a marked transliteration until an English article writes it", async () => {
      const store = await storeWith(RYABKOV[0]);
      const [greek] = await store.findEntities("Ριαμπκόφ");
      assert.deepEqual(greek.names, { el: "Σεργκέι Ριαμπκόφ", en: "Sergkei Riampkof" });
      assert.deepEqual(greek.transliterated, ["en"]);
      const [us] = await store.findEntities("ΗΠΑ");
      assert.deepEqual(us.transliterated, [], "a country's names come from the package's table");
      await store.put(analyzeFixture(RYABKOV[1][0], { lang: "en", published: "2023-09-22" }));
      const [both] = await store.findEntities("Sergei Ryabkov");
      assert.equal(both.id, greek.id);
      assert.deepEqual(both.names, { el: "Σεργκέι Ριαμπκόφ", en: "Sergei Ryabkov" });
      assert.deepEqual(both.transliterated, []);
      await store.close();
    });

    test("a hyphenated name written with a stray space is one name in entity and search keys", async () => {
      const text = [
        "Ο Ιρανός αξιωματούχος μίλησε για τα drones",
        "",
        "Ο υφυπουργός Άμυνας Ιμπραήμ Σαχραμπαντί- Ζαντέ δήλωσε ότι η συνεργασία συνεχίζεται.",
        "",
        "«Δεν στείλαμε όπλα», πρόσθεσε ο Σαχραμπαντί- Ζαντέ.",
      ].join("\n");
      const store = await storeWith([text, "el"]);
      const [person, ...others] = await store.findEntities("Ιμπραήμ Σαχραμπαντί-Ζαντέ");
      assert.equal(others.length, 0);
      assert.equal(person.names.el, "Ιμπραήμ Σαχραμπαντί-Ζαντέ");
      assert.equal(person.mentions, 2, "the full name and the surname, stray space and all, are one entity");
      for (const query of ["Σαχραμπαντί", "σαχραμπαντι", "Σαχραμπαντί-Ζαντέ", "Σαχραμπαντί- Ζαντέ", "Ζαντέ"]) {
        assert.equal((await store.search(query)).total, 1, query);
      }
      assert.equal((await store.search("Σαχραμπαντίδης")).total, 0);
      await store.close();
    });

    test("a name written in the nominative replaces one derived from an oblique form", async () => {
      const derived = "Αγώνας στην Κύπρο\n\nΗ ομάδα του κ. Σίλβα κέρδισε χθες με δύο γκολ.\n";
      const written = "Νέα νίκη\n\nΟ κ. Σίλβα δήλωσε ευχαριστημένος από την εμφάνιση της ομάδας.\n";
      const store = await storeWith([derived, "el"]);
      const [first] = await store.findEntities("Σίλβα");
      assert.equal(first.names.el, "Σίλβας", "derived from «του κ. Σίλβα» as a masculine name in -ας would be");
      await store.put(analyzeFixture(written, { lang: "el", published: "2023-09-22" }));
      const [after, ...others] = await store.findEntities("Σίλβα");
      assert.equal(others.length, 0);
      assert.equal(after.id, first.id);
      assert.equal(after.names.el, "Σίλβα");
      assert.equal(after.name, "Σίλβα");
      await store.close();
    });
  });
}
