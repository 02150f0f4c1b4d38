import { strict as assert } from "node:assert";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { deflateRawSync } from "node:zlib";
import type { Doc } from "../doc/doc.js";
import { toRecord } from "../doc/record.js";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { STORED_HASH_CHARS, articleIdentity } from "./article-row.js";
import { asVersion11 } from "./legacy-store.js";
import { SCHEMA_VERSION } from "./migrations.js";
import { openStore } from "./open.js";
import { DICTIONARY_MARK, unpack } from "./packing.js";
import { QueryError, parseQuery } from "./search-text.js";
import { spanTextValue } from "./span-text.js";
import { SqliteStore, searchWindowSql } from "./sqlite.js";
import { StoreError } from "./store.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";

const dir = new TempDir();
after(() => dir.remove());
const pipeline = defaultPipeline();
const analyse = (page: string, meta: Doc["meta"] = {}) => pipeline.run(buildDoc({ ...parseTextPage(page), meta }));
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

function freshStore(name: string): SqliteStore {
  return new SqliteStore(dir.file(name));
}

test("migrations set the schema version; a newer database is refused", async () => {
  const file = dir.file("version.db");
  await new SqliteStore(file).close();
  const db = new Database(file);
  assert.equal(db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  assert.throws(() => new SqliteStore(file), (e: unknown) => e instanceof StoreError && /newer than this newsgraph/.test(e.message));
});

test("openStore opens SQLite files, and a PostgreSQL server it cannot reach is an error of one line", async () => {
  const store = await openStore(dir.file("open.db"));
  assert.equal((await store.stats()).articles, 0);
  await store.close();
  await assert.rejects(openStore("postgres://news@127.0.0.1:1/news"), (e: unknown) => e instanceof StoreError && /^cannot connect to the PostgreSQL store postgres:\/\/news@127\.0\.0\.1:1\/news: /.test(e.message) && !e.message.includes("\n"));
  await assert.rejects(openStore("http://example.org/db"), StoreError);
});

test("a stored article comes back as the record of its document, kept compact", async () => {
  const store = freshStore("record.db");
  const docs = [analyse(GREEK_PAGE, { url: "https://example.org/g" }), analyse(ENGLISH_PAGE)];
  for (const doc of docs) {
    const { id } = await store.put(doc);
    const back = await store.get(id);
    assert.deepEqual(back, toRecord(doc));
    assert.equal(JSON.stringify(back), JSON.stringify(toRecord(doc)), "the same keys in the same order");
  }
  const db = new Database(dir.file("record.db"), { readonly: true });
  const stored = (db.prepare("SELECT length(record) + length(tokens) AS n FROM articles ORDER BY rowid LIMIT 1").get() as { n: number }).n;
  // The texts of mentions and quotations are the article's own words: the stored record does not repeat them.
  const json = unpack((db.prepare("SELECT record FROM articles ORDER BY rowid LIMIT 1").get() as { record: Buffer }).record).toString("utf8");
  const spans = [...(toRecord(docs[0]).mentions ?? []), ...(toRecord(docs[0]).quotes ?? [])];
  assert.ok(spans.length > 3);
  for (const span of spans) assert.ok(!json.includes(`"text":${JSON.stringify(span.text)}`), span.text);
  // Nor an entity's id made of its type and key, nor its name in the article's language when that is its main name; other ids are kept.
  const entities = toRecord(docs[0]).entities ?? [];
  const derived = entities.filter((e) => e.id === `${e.type.toLowerCase()}:${e.key.replaceAll(" ", "-")}`);
  assert.ok(derived.length > 1 && derived.length < entities.length, `${derived.length} of ${entities.length} ids derived`);
  for (const e of entities) assert.equal(json.includes(`"id":${JSON.stringify(e.id)}`), !derived.includes(e), e.id);
  for (const e of entities) assert.ok(!json.includes(`"el":${JSON.stringify(e.name)}`), e.name);
  // Nor an entity's name that is the text of one of its mentions (the mention's index instead); other names are kept.
  const text = toRecord(docs[0]).text;
  const named = entities.filter((e) => e.mentions.some((m) => text.slice(m.start, m.end) === e.name));
  assert.ok(named.length > 1 && named.length < entities.length, `${named.length} of ${entities.length} names are a mention's text`);
  const storedNames = (JSON.parse(json) as { entities: { name: unknown }[] }).entities.map((e) => e.name);
  assert.deepEqual(storedNames.map((n) => typeof n), entities.map((e) => (named.includes(e) ? "number" : "string")));
  // Nor the offsets of an entity's mentions that the mentions layer gives (its index there instead); lists of spans are relative.
  const nameRoles = (t: string) => t.split(`"role":"name"`).length - 1;
  assert.ok(nameRoles(json) * 2 < nameRoles(JSON.stringify(entities)), `${nameRoles(json)} of ${nameRoles(JSON.stringify(entities))} kept as offsets`);
  assert.ok(json.includes(`"~spans":1`));
  db.close();
  assert.ok(stored * 4 < JSON.stringify(toRecord(docs[0])).length, `${stored} bytes stored`);
  assert.ok((await store.stats()).bytesPerArticle > 0);
  await store.close();
});

test("a store keeps the first STORED_HASH_CHARS of an article's content hash, and finds the same content under a whole hash written before", async () => {
  const store = freshStore("hash.db");
  const doc = analyse(GREEK_PAGE, { url: "https://example.org/hash" });
  const { id } = await store.put(doc);
  await store.close();
  const hash = articleIdentity(doc).hash;
  const db = new Database(dir.file("hash.db"));
  assert.equal(db.prepare("SELECT content_hash FROM articles").pluck().get(), hash.slice(0, STORED_HASH_CHARS));
  db.prepare("UPDATE articles SET content_hash = ?").run(hash);
  db.close();
  const reopened = freshStore("hash.db");
  assert.deepEqual(await reopened.put(analyse(GREEK_PAGE, { url: "https://example.org/hash-again" })), { status: "unchanged", id });
  assert.equal((await reopened.stats()).articles, 1);
  await reopened.close();
});

test("an article's record, token columns and text are packed with their dictionaries, and those written before without one read the same", async () => {
  const store = freshStore("packed.db");
  const doc = analyse(GREEK_PAGE, { url: "https://example.org/packed" });
  const { id } = await store.put(doc);
  await store.close();
  const db = new Database(dir.file("packed.db"));
  const row = db.prepare("SELECT record, tokens, text FROM articles").get() as Record<string, Buffer>;
  for (const column of ["record", "tokens", "text"]) assert.equal(row[column][0], DICTIONARY_MARK, column);
  db.prepare("UPDATE articles SET record = ?, tokens = ?, text = ?").run(deflateRawSync(unpack(row.record)), deflateRawSync(unpack(row.tokens)), deflateRawSync(unpack(row.text)));
  db.close();
  let reopened = freshStore("packed.db");
  assert.deepEqual(await reopened.get(id), toRecord(doc));
  await reopened.close();
  // A record written before the stored form's compactions (absolute offsets, every text and field written out) reads the same.
  const plain = new Database(dir.file("packed.db"));
  plain.prepare("UPDATE articles SET record = ?").run(deflateRawSync(JSON.stringify({ ...toRecord(doc), title: "", body: "", text: "", tokens: [] })));
  plain.close();
  reopened = freshStore("packed.db");
  assert.deepEqual(await reopened.get(id), toRecord(doc));
  assert.equal((await reopened.search("Τουρκία")).hits[0]?.id, id);
  await reopened.close();
});

test("links' usual explanations are not kept twice; quotations' texts and events' evidence stored as '' read back whole", async () => {
  const store = freshStore("spans.db");
  const doc = analyse(GREEK_PAGE, { url: "https://example.org/spans" });
  await store.put(doc);
  const db = new Database(dir.file("spans.db"), { readonly: true });
  const raw = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  const quotes = doc.layers.quotes ?? [];
  const events = doc.layers.events ?? [];
  assert.ok(quotes.length >= 2 && events.length >= 2, `${quotes.length} quotations, ${events.length} events`);
  // the texts stay in their rows (a page of quotations reads no article text); rows written with '' still read whole
  assert.deepEqual(raw("SELECT text FROM quotes ORDER BY ord").map((r) => spanTextValue(r.text as string | Buffer)), quotes.map((q) => q.text));
  db.close();
  const writable = new Database(dir.file("spans.db"));
  writable.prepare("UPDATE quotes SET text = ''").run();
  writable.prepare("UPDATE events SET evidence = ''").run();
  writable.close();
  const again = new Database(dir.file("spans.db"), { readonly: true });
  const details = again.prepare("SELECT rule, detail FROM entity_links").all() as Record<string, unknown>[];
  assert.ok(details.some((r) => r.detail === "") && details.some((r) => r.detail !== ""), JSON.stringify(details));
  again.close();

  const listed = (await store.quotes({ limit: 100 })).quotes;
  assert.deepEqual(listed.map((q) => q.text), quotes.map((q) => q.text));
  assert.deepEqual((await store.events({ limit: 100 })).events.map((e) => e.evidence).sort(), events.map((e) => doc.text.slice(e.evidence.start, e.evidence.end)).sort());
  const speaker = listed.find((q) => q.speakerEntityId !== null);
  assert.ok(speaker, "a quotation with a registry speaker");
  const report = await store.entity(speaker.speakerEntityId!);
  const said = report?.quotes.filter((q) => q.role === "speaker").map((q) => q.text) ?? [];
  assert.ok(said.length && said.every((t) => quotes.some((q) => q.text === t)), JSON.stringify(said));
  assert.ok(report?.links.length && report.links.every((l) => l.detail !== ""), JSON.stringify(report?.links));
  const story = (await store.stories({ limit: 1 })).stories[0];
  assert.deepEqual((await store.story(story.id))?.quotes.map((q) => q.text), quotes.map((q) => q.text));
  await store.close();
});

test("migration 12, also on opening to read, packs the texts and drops the index's copy of the keys: the same answers from fewer bytes", async () => {
  const file = dir.file("v11.db");
  const store = new SqliteStore(file);
  const docs = [analyse(GREEK_PAGE, { url: "https://example.org/g" }), analyse(ENGLISH_PAGE, { url: "https://example.org/e" })];
  const stored: string[] = [];
  for (const doc of docs) stored.push((await store.put(doc)).id);
  const answers = async (s: SqliteStore) => ({
    records: await Promise.all(stored.map((id) => s.get(id))),
    searches: await Promise.all(["Ρωσία", "Iran", "drones OR Τεχεράνη"].map((q) => s.search(q))),
    stats: { ...(await s.stats()), bytesPerArticle: 0 },
    timeline: (await s.entity((await s.findEntities("Ρωσία"))[0].id))?.mentionsPerDay,
  });
  const expected = await answers(store);
  assert.ok(expected.timeline?.length, "an entity with mentions per day");
  await store.close();
  /** Bytes of the stored texts, and whether the index keeps a copy of its key strings. */
  const footprint = () => {
    const db = new Database(file, { readonly: true });
    const text = (db.prepare("SELECT SUM(length(CAST(text AS BLOB))) AS n FROM articles").get() as { n: number }).n;
    const copy = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts_content'").get() !== undefined;
    db.close();
    return { text, copy };
  };
  const db = new Database(file);
  await asVersion11(db);
  db.close();
  const before = footprint();
  assert.equal(before.copy, true);
  // A command that only reads migrates the store as well.
  const migrated = new SqliteStore(file, { readonly: true });
  assert.deepEqual(await answers(migrated), expected);
  await migrated.close();
  const after = footprint();
  assert.equal(after.copy, false);
  assert.ok(after.text < before.text * 0.6, `${before.text} bytes of text before the migration, ${after.text} after`);
});

for (const backend of STORE_BACKENDS) {
  describe(`the store (${backend.name})`, { skip: backend.skip }, () => {
    test("the same article twice is one row; changed content at the same URL is an update", async () => {
      const store = await backend.open();
      const first = await store.put(analyse(GREEK_PAGE, { url: "https://example.org/a" }));
      assert.equal(first.status, "added");
      assert.deepEqual(await store.put(analyse(GREEK_PAGE, { url: "https://example.org/a" })), { status: "unchanged", id: first.id });
      // The same text from another address is still the same article.
      assert.equal((await store.put(analyse(GREEK_PAGE, { url: "https://mirror.example.org/a" }))).status, "unchanged");
      const edited = GREEK_PAGE.replace("θα ενισχυθεί", "θα διπλασιαστεί");
      assert.deepEqual(await store.put(analyse(edited, { url: "https://example.org/a" })), { status: "updated", id: first.id });
      const stats = await store.stats();
      assert.equal(stats.articles, 1);
      assert.equal(stats.indexed, 1);
      assert.equal((await store.search("διπλασιαστεί")).total, 1);
      assert.equal((await store.search("ενισχυθεί")).total, 0);
      await store.close();
    });

    test("search matches regardless of accents, case and inflection", async () => {
      const store = await backend.open();
      const el = (await store.put(analyse(GREEK_PAGE))).id;
      const en = (await store.put(analyse(ENGLISH_PAGE))).id;
      for (const q of ["κυπρος", "ΚΥΠΡΟΣ", "Κύπρου", "Κύπρο"]) assert.deepEqual(ids(await store.search(q)), [el], q);
      assert.deepEqual(ids(await store.search('"στρατιωτική συνεργασία"')), [el]);
      assert.deepEqual(ids(await store.search('"συνεργασία στρατιωτική"')), []);
      assert.deepEqual(ids(await store.search("worker")), [en]);
      assert.equal((await store.search("Κύπρος OR workers")).total, 2);
      assert.equal((await store.search("Κύπρος -Τουρκίας")).total, 0);
      await store.close();
    });

    test("search filters by language, site and date, pages, and counts hits by language and site", async () => {
      const store = await backend.open();
      const el = (await store.put(analyse(GREEK_PAGE, { published: "2023-09-21", site: "kathimerini.gr" }))).id;
      const en = (await store.put(analyse(ENGLISH_PAGE, { published: "2023-10-02T08:00:00Z", site: "cyprus-mail.com" }))).id;
      const both = "Κύπρος OR workers";
      const all = await store.search(both);
      assert.deepEqual(all.facets, { lang: { el: 1, en: 1 }, site: { "cyprus-mail.com": 1, "kathimerini.gr": 1 } });
      const greek = await store.search(both, { lang: "el" });
      assert.deepEqual([ids(greek), greek.total], [[el], 1]);
      assert.deepEqual(greek.facets.lang, { el: 1, en: 1 }, "a facet is counted without its own filter");
      assert.deepEqual(greek.facets.site, { "kathimerini.gr": 1 });
      assert.deepEqual(ids(await store.search(both, { site: "cyprus-mail.com" })), [en]);
      assert.deepEqual(ids(await store.search(both, { from: "2023-10" })), [en]);
      assert.deepEqual(ids(await store.search(both, { to: "2023-09-21" })), [el]);
      assert.deepEqual(ids(await store.search(both, { from: "2023-09-22", to: "2023-10-02" })), [en]);
      const second = await store.search(both, { limit: 1, offset: 1 });
      assert.equal(second.hits.length, 1);
      assert.equal(second.total, 2);
      assert.notEqual(second.hits[0].id, (await store.search(both, { limit: 1 })).hits[0].id);
      assert.equal(second.hits[0].site !== null, true);
      await store.close();
    });

    test("list pages the articles, newest first, by language", async () => {
      const store = await backend.open();
      const el = (await store.put(analyse(GREEK_PAGE))).id;
      const en = (await store.put(analyse(ENGLISH_PAGE))).id;
      assert.deepEqual((await store.list()).articles.map((a) => a.id), [en, el]);
      const page = await store.list({ limit: 1, offset: 1 });
      assert.deepEqual([page.articles.map((a) => a.id), page.total], [[el], 2]);
      assert.deepEqual((await store.list({ lang: "el" })).articles.map((a) => a.id), [el]);
      await store.close();
    });

    test("hits carry a snippet with the matched words highlighted", async () => {
      const store = await backend.open();
      await store.put(analyse(GREEK_PAGE));
      const [hit] = (await store.search("τουρκια")).hits;
      const marked = hit.highlights.map((h) => hit.snippet.slice(h.start, h.end));
      assert.deepEqual(marked, ["Τουρκίας"]);
      await store.close();
    });

    test("hits are ranked: more matches of the words rank higher", async () => {
      const store = await backend.open();
      const once = (await store.put(pipeline.run(buildDoc({ title: "Λιμάνι", paragraphs: ["Το λιμάνι άνοιξε. Ο καιρός ήταν καλός και οι επιβάτες πολλοί."], related: [], meta: {} })))).id;
      const thrice = (await store.put(pipeline.run(buildDoc({ title: "Λιμάνια", paragraphs: ["Τα λιμάνια έκλεισαν, το λιμάνι της Λάρνακας και το λιμάνι της Πάφου."], related: [], meta: {} })))).id;
      await store.put(analyse(ENGLISH_PAGE));
      const { hits } = await store.search("λιμάνι");
      assert.deepEqual(hits.map((h) => h.id), [thrice, once]);
      assert.ok(hits[0].score > hits[1].score);
      await store.close();
    });

    test("search ranks and counts the newest matches it is asked to, and says when more match", async () => {
      const store = await backend.open();
      // Stored in this order: the most relevant first, the newest last (different texts: no copies of each other).
      const stored: string[] = [];
      for (const [text, day, site] of [
        ["Το λιμάνι της Λεμεσού άνοιξε ξανά. Το λιμάνι δέχτηκε τα πρώτα πλοία. Το λιμάνι γέμισε επιβάτες και το λιμάνι ξαναζωντάνεψε.", "2024-01-01", "a.gr"],
        ["Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία, ανάμεσά τους ένα δάνειο για το λιμάνι της Πάφου.", "2024-01-02", "a.gr"],
        ["Οι ψαράδες της Λάρνακας διαμαρτυρήθηκαν στο λιμάνι. Ζητούν θέσεις για τις βάρκες τους στο λιμάνι.", "2024-01-03", "b.gr"],
        ["Ο δήμαρχος εγκαίνιασε τη νέα μαρίνα δίπλα στο λιμάνι της Αγίας Νάπας, με εκατό θέσεις για σκάφη.", "2024-01-04", "b.gr"],
      ] as const) {
        stored.push((await store.put(pipeline.run(buildDoc({ title: "", paragraphs: [text], related: [], meta: { published: day, site } })))).id);
      }
      const [most, , , newest] = stored;
      const all = await store.search("λιμάνι", { newest: Infinity });
      assert.deepEqual([all.total, all.totalExact, all.hits[0].id], [4, true, most]);
      assert.deepEqual(await store.search("λιμάνι", { newest: 4 }), all, "exactly as many matches as counted: the same answer");
      const two = await store.search("λιμάνι", { newest: 2 });
      assert.deepEqual([two.total, two.totalExact], [2, false]);
      assert.ok(!two.hits.some((h) => h.id === most), "the most relevant match is older than the two newest");
      assert.equal(two.hits.length, 2);
      assert.ok(two.hits.some((h) => h.id === newest));
      assert.deepEqual(two.facets.site, { "b.gr": 2 });
      assert.deepEqual(two.days.map((d) => d.day), ["2024-01-03", "2024-01-04"]);
      const greekSite = await store.search("λιμάνι", { newest: 3, site: "a.gr" });
      assert.deepEqual([greekSite.total, greekSite.facets.site], [1, { "a.gr": 1, "b.gr": 2 }], "the site filter applies inside the window");
      await assert.rejects(store.search("λιμάνι", { newest: 0 }), RangeError);
      await store.close();
    });

    test("a query without words is a clear error", async () => {
      const store = await backend.open();
      await assert.rejects(store.search(" ,, "), QueryError);
      await store.close();
    });

    test("get accepts a unique id prefix", async () => {
      const store = await backend.open();
      const { id } = await store.put(analyse(GREEK_PAGE));
      assert.equal((await store.get(id))?.id, id);
      assert.equal((await store.get(id.slice(0, 6)))?.id, id);
      assert.equal(await store.get("ffffffffffffffff"), null);
      await store.close();
    });

    test("stored text has no NULs or other control characters, only tabs and newlines as whitespace controls", async () => {
      const store = await backend.open();
      const padding = "Λόγια ".repeat(2000);
      const doc = pipeline.run(
        buildDoc({ title: "Κύπρος\u0000 \u001b]0;x\u0007και\u009b Τουρκία", paragraphs: [`${padding}\u0000τέλος\u007f.`, "Δεύτερη\u0001 παράγραφος."], related: [], meta: {} }),
      );
      const { id } = await store.put(doc);
      const record = await store.get(id);
      assert.equal(record?.title, "Κύπρος ]0;xκαι Τουρκία");
      assert.ok(record?.text.endsWith("τέλος.\n\nΔεύτερη παράγραφος."));
      assert.doesNotMatch(record?.text ?? "", /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
      assert.equal((await store.search("τελος")).total, 1);
      await store.close();
    });

    test("a stored article comes back as the record of its document, the same keys in the same order", async () => {
      const store = await backend.open();
      for (const doc of [analyse(GREEK_PAGE, { url: "https://example.org/g" }), analyse(ENGLISH_PAGE)]) {
        const { id } = await store.put(doc);
        const back = await store.get(id);
        assert.deepEqual(back, toRecord(doc));
        assert.equal(JSON.stringify(back), JSON.stringify(toRecord(doc)));
      }
      assert.ok((await store.stats()).bytesPerArticle > 0);
      await store.close();
    });

    test("a failed write leaves nothing half-written", async () => {
      const store = await backend.open();
      const doc = analyse(GREEK_PAGE);
      // A record that cannot be serialised fails inside the transaction.
      (doc.layers as Record<string, unknown>).bad = { toJSON() { throw new Error("boom"); } };
      await assert.rejects(store.put(doc), /boom/);
      assert.equal((await store.stats()).articles, 0);
      assert.equal((await store.search("κυπρος")).total, 0);
      await store.close();
    });
  });
}

test("a search's window reads each match's language, outlet and date from their index by rowid, not from the article's row", async () => {
  const file = dir.file("window.db");
  const store = new SqliteStore(file);
  await store.put(analyse(GREEK_PAGE, { site: "philenews.com", published: "2023-09-21" }));
  await store.put(analyse(ENGLISH_PAGE, { site: "cyprus-mail.com" }));
  const hits = await store.search("Κύπρο OR workers", { lang: "el" });
  assert.deepEqual([hits.hits.map((h) => h.site), hits.total], [["philenews.com"], 1]);
  assert.equal((await store.search("Κύπρο OR workers", { site: "cyprus-mail.com" })).total, 1);
  assert.equal((await store.search("Κύπρο OR workers", { from: "2023-09-01", to: "2023-09-30" })).total, 1);
  await store.close();
  const db = new Database(file, { readonly: true });
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${searchWindowSql("WHERE articles_fts MATCH ? AND a.lang = ?")}`).all(parseQuery("Iran").match, "el", 10) as { detail: string }[];
  db.close();
  assert.match(plan.map((p) => p.detail).join("\n"), /SEARCH a USING COVERING INDEX articles_window \(rowid=\?/);
});
