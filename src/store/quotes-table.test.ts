import { strict as assert } from "node:assert";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { TempDir } from "../testing/fixtures.js";
import { databaseAtVersion } from "./legacy-store.js";
import { ENGLISH_ARTICLE, GREEK_ARTICLE } from "../understand/quotes/fixtures.js";
import { packText } from "./article-row.js";
import { keyString, queryKeys } from "./filters.js";
import { MIGRATIONS, registerMigrationFunctions } from "./migrations.js";
import { manyKey, PAIRED_KEYS, pairKey, quoteQuerySql, rarestFirst, registerKeysFunction, speakerIndexKeys } from "./quotes-table.js";
import { SqliteStore } from "./sqlite.js";
import { spanColumns, spanTextValue } from "./span-text.js";
import type { QuoteQuery } from "./store.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";

const dir = new TempDir();
after(() => dir.remove());
const pipeline = defaultPipeline();
const analyse = (page: string, published?: string) => pipeline.run(buildDoc({ ...parseTextPage(page), meta: published ? { published } : {} }));

test("search keys of a speaker ignore accents, case and inflection", () => {
  assert.equal(keyString("Άρης Ευαγγελίου"), keyString("ΑΡΗΣ ευαγγελιου"));
  assert.equal(keyString(null), " ");
});

test("a speaker query reads its page off the key index, newest first; words of quotations are looked for in the articles that have them; nothing scans", () => {
  const db = new Database(dir.file("plan.db"));
  registerMigrationFunctions(db);
  for (const m of MIGRATIONS) db.exec(m.sql);
  registerKeysFunction(db);
  const plan = (query: QuoteQuery) => {
    const sql = quoteQuerySql(query);
    return [[sql.rows, [...sql.params, 10, 0]], [sql.count, sql.countParams]].map(([statement, params]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${statement as string}`).all(...(params as unknown[])) as { detail: string }[]).map((r) => r.detail));
  };
  for (const query of [{ speaker: "Ryabkov" }, { speaker: "Sergei Ryabkov" }]) {
    const [page, count] = plan(query);
    assert.ok(page.some((d) => /^SEARCH k USING .*(INDEX|PRIMARY KEY) \(key=\?\)/.test(d)), page.join(" · "));
    // Only the order within one article is sorted: the page stops after its rows instead of sorting every match.
    assert.ok(!page.includes("USE TEMP B-TREE FOR ORDER BY"), `sorts every match: ${page.join(" · ")}`);
    // A speaker of two keys is counted off the range of their pair (p), then the few speakers of many keys (l).
    const searched = query.speaker.includes(" ") ? ["p", "l"] : ["k"];
    for (const t of searched) assert.ok(count.some((d) => new RegExp(`^SEARCH ${t} USING .*(INDEX|PRIMARY KEY) \\(key=\\?\\)`).test(d)), `${t}: ${count.join(" · ")}`);
  }
  for (const query of [{ speaker: "Sergei Ryabkov" }, { about: "talks Geneva" }, { speaker: "Ryabkov", about: "talks", lang: "en" }, { speaker: "Sergei Ryabkov", lang: "en" }]) {
    for (const steps of plan(query)) {
      // The pair count reads its two index searches as a subquery (k), the only SCAN allowed: of its rows, not of a table.
      const subquery = steps.includes("CO-ROUTINE k") ? /^SCAN k$/ : /^$/;
      assert.ok(!steps.some((d) => /^SCAN (quote_speaker_keys|k|p|l|q|quotes)\b/.test(d) && !subquery.test(d)), `scans: ${steps.join(" · ")}`);
      if ("about" in query) assert.ok(steps.some((d) => /articles_fts VIRTUAL TABLE INDEX \d+:M/.test(d)), `no search index: ${steps.join(" · ")}`);
    }
  }
  db.close();
});

test("a speaker's page is read off the index of the rarest of its keys (ties in the order written)", () => {
  assert.deepEqual(rarestFirst(["νικολα", "γκρουεφσκι"], [500, 17]), ["γκρουεφσκι", "νικολα"]);
  assert.deepEqual(rarestFirst(["a", "b", "c"], [3, 3, 1]), ["c", "a", "b"]);
  assert.deepEqual(rarestFirst(["ryabkov"], []), ["ryabkov"]);
  assert.match(quoteQuerySql({ speaker: "Νίκολα Γκρούεφσκι" }, undefined, ["γκρουεφσκι", "νικολα"]).rows, /k\.key = \?/);
  assert.deepEqual(quoteQuerySql({ speaker: "Νίκολα Γκρούεφσκι" }, undefined, ["γκρουεφσκι", "νικολα"]).params, ["γκρουεφσκι", "νικολα"]);
  assert.deepEqual(quoteQuerySql({ speaker: "Νίκολα Γκρούεφσκι" }, undefined, ["γκρουεφσκι", "νικολα"]).countParams.slice(0, 3), ["γκρουεφσκι νικολα", " γκρουεφσκι", " νικολα"]);
  // An empty key (a word of LIKE wildcards) matches nothing, and its pair is never read as a marked row.
  assert.deepEqual(quoteQuerySql({ speaker: "_ Γκρούεφσκι" }, undefined, ["", "γκρουεφσκι"]).countParams, ["", "γκρουεφσκι"]);
});

test("a speaker's key rows: each key, each pair of keys in byte order, or each key marked for a speaker of more than PAIRED_KEYS", () => {
  assert.deepEqual(speakerIndexKeys(" ryabkov "), ["ryabkov"]);
  assert.deepEqual(speakerIndexKeys(" "), []);
  assert.deepEqual(speakerIndexKeys(" sergei ryabkov sergei "), ["sergei", "ryabkov", "ryabkov sergei"]);
  assert.equal(pairKey("τσιπρ", "αλεξ"), pairKey("αλεξ", "τσιπρ"));
  assert.equal(pairKey("τσιπρ", "tsipras"), "tsipras τσιπρ", "Latin bytes before Greek");
  const four = speakerIndexKeys(keyString("ο αναπληρωτής υπουργός Εξωτερικών"));
  assert.equal(four.length, PAIRED_KEYS + (PAIRED_KEYS * (PAIRED_KEYS - 1)) / 2);
  const many = keyString("ο αναπληρωτής υπουργός Εξωτερικών της Ρωσίας").trim().split(" ");
  assert.ok(many.length > PAIRED_KEYS);
  assert.deepEqual(speakerIndexKeys(many.join(" ")), [...many, ...many.map(manyKey)]);
});

test("a speaker's quotations page newest article first, the pages adding up to the total", async () => {
  const file = dir.file("pages.db");
  const db = databaseAtVersion(file, 7);
  const article = db.prepare("INSERT INTO articles (rowid, id, content_hash, title, lang, published, text, record, ingested_at) VALUES (?, ?, ?, 'T', 'en', '2023-09-21', 'T', '{}', '2023-09-21')");
  const quote = db.prepare("INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_keys, text_keys) VALUES (?, ?, 'direct', 0, 1, ?, ?, ?, ' t ')");
  for (let r = 1; r <= 7; r++) {
    article.run(r, `a${r}`, `h${r}`);
    quote.run(r, 0, `${r}.0`, "Sergei Ryabkov", keyString("Sergei Ryabkov"));
    quote.run(r, 1, `${r}.1`, r % 2 ? "Ryabkov" : "Lavrov", keyString(r % 2 ? "Ryabkov" : "Lavrov"));
  }
  db.close();
  const store = new SqliteStore(file);
  const page = async (speaker: string, offset: number) => (await store.quotes({ speaker, limit: 4, offset })).quotes.map((q) => q.text);
  assert.deepEqual([...(await page("ryabkov", 0)), ...(await page("ryabkov", 4)), ...(await page("ryabkov", 8))],
    ["7.0", "7.1", "6.0", "5.0", "5.1", "4.0", "3.0", "3.1", "2.0", "1.0", "1.1"]);
  assert.equal((await store.quotes({ speaker: "ryabkov", limit: 4 })).total, 11);
  assert.deepEqual(await page("Sergei Ryabkov", 4), ["3.0", "2.0", "1.0"], "both keys of a two-word speaker");
  assert.equal((await store.quotes({ speaker: "Sergei Ryabkov", limit: 1 })).total, 7);
  await store.close();
});

test("a version-7 database gets the search keys of its stored speakers when migrated", async () => {
  const file = dir.file("v7.db");
  const db = databaseAtVersion(file, 7);
  db.prepare("INSERT INTO articles (rowid, id, content_hash, title, lang, published, text, record, ingested_at) VALUES (1, 'a1', 'h1', 'T', 'en', '2023-09-21', 'T', '{}', '2023-09-21')").run();
  const insert = db.prepare("INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_keys, text_keys) VALUES (1, ?, 'direct', 0, 1, 'T', ?, ?, ' t ')");
  insert.run(0, "Sergei Ryabkov", keyString("Sergei Ryabkov"));
  insert.run(1, null, keyString(null));
  insert.run(2, "Ryabkov", keyString("Ryabkov"));
  db.close();
  const store = new SqliteStore(file);
  const ords = async (speaker: string) => (await store.quotes({ speaker })).quotes.map((q) => q.speaker);
  assert.deepEqual(await ords("ryabkov"), ["Sergei Ryabkov", "Ryabkov"]);
  assert.deepEqual(await ords("Sergei Ryabkov"), ["Sergei Ryabkov"]);
  assert.deepEqual(await ords("Sergei"), ["Sergei Ryabkov"]);
  assert.deepEqual(await ords("Ryab"), [], "a speaker's key matches whole, never as a prefix");
  await store.close();
});

test("a Greek quotation's and event's words are kept in ISO 8859-7 in the SQLite rows and every query reads them as they were written", async () => {
  const file = dir.file("greek-spans.db");
  const store = new SqliteStore(file);
  const doc = analyse(GREEK_ARTICLE, "2023-09-21");
  await store.put(doc);
  const db = new Database(file, { readonly: true });
  const types = db.prepare("SELECT typeof(text) AS t FROM quotes UNION ALL SELECT typeof(evidence) FROM events").all() as { t: string }[];
  // a statement's evidence that is its quotation's words is kept once, in the quotation's row (an empty blob in the event's)
  const shared = db.prepare("SELECT count(*) AS n FROM events WHERE evidence = X''").pluck().get() as number;
  assert.ok(types.some((r) => r.t === "blob"), JSON.stringify(types));
  assert.ok(shared > 0, "events that share their quotation's text");
  db.close();
  const written = (doc.layers.quotes ?? []).map((q) => q.text);
  assert.ok(written.length > 1);
  assert.deepEqual((await store.quotes({ limit: 100 })).quotes.map((q) => q.text).sort(), [...written].sort());
  const word = written[0].split(/\s+/u).find((w) => w.length > 5)!.replace(/[^\p{L}]/gu, "");
  assert.ok((await store.quotes({ about: word })).quotes.some((q) => q.text === written[0]), `a quotation found by its word «${word}»`);
  const speaker = (await store.quotes({ limit: 100 })).quotes.find((q) => q.speakerEntityId !== null)!;
  assert.ok((await store.entity(speaker.speakerEntityId!))?.quotes.every((q) => written.includes(q.text)));
  const story = (await store.stories({ limit: 1 })).stories[0];
  assert.deepEqual((await store.story(story.id))?.quotes.map((q) => q.text).sort(), [...written].sort());
  const evidence = (doc.layers.events ?? []).map((e) => doc.text.slice(e.evidence.start, e.evidence.end)).sort();
  assert.deepEqual((await store.events({ limit: 100 })).events.map((e) => e.evidence).sort(), evidence);
  await store.close();
  // a copy to another back end reads the evidence written out
  const copy = new Database(file, { readonly: true });
  registerMigrationFunctions(copy);
  const copied = copy.prepare(`SELECT ${spanColumns("events", ["evidence"])[0]} FROM events`).pluck().all() as (string | Buffer)[];
  copy.close();
  assert.deepEqual(copied.map(spanTextValue).sort(), evidence);
});

test("a version-18 database drops the quotations' key columns and still finds quotations by their words, those written without their text too", async () => {
  const file = dir.file("v18.db");
  const db = databaseAtVersion(file, 18);
  const text = "T\n\nΟ υπουργός είπε «οι συνομιλίες στη Γενεύη συνεχίζονται».";
  db.prepare("INSERT INTO articles (rowid, id, content_hash, title, lang, published, text, record, ingested_at) VALUES (1, 'a1', 'h1', 'T', 'el', '2023-09-21', ?, '{}', '2023-09-21')").run(packText(text, "el"));
  db.exec("INSERT INTO articles_fts (rowid, title, body) VALUES (1, 't', 'ο υπουργοσ ειπε οι συνομιλι στη γενευ συνεχιζ')");
  const start = text.indexOf("οι συνομιλίες");
  const end = text.indexOf("»");
  const insert = db.prepare("INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_keys, text_keys) VALUES (1, ?, 'direct', ?, ?, ?, 'Υπουργός', ' υπουργοσ ', ?)");
  insert.run(0, start, end, "", keyString(text.slice(start, end)));
  insert.run(1, start, end, text.slice(start, end), keyString(text.slice(start, end)));
  db.close();
  const store = new SqliteStore(file);
  assert.deepEqual((await store.quotes({ about: "Γενεύη" })).quotes.map((q) => q.text), [text.slice(start, end), text.slice(start, end)]);
  assert.equal((await store.quotes({ about: "Βρυξέλλες" })).total, 0);
  await store.close();
  const after = new Database(file, { readonly: true });
  const columns = (after.prepare("PRAGMA table_info(quotes)").all() as { name: string }[]).map((c) => c.name);
  assert.ok(!columns.includes("text_keys") && !columns.includes("speaker_keys"), columns.join(", "));
  assert.deepEqual(after.prepare("SELECT text FROM quotes ORDER BY ord").all(), [{ text: text.slice(start, end) }, { text: text.slice(start, end) }]);
  after.close();
});

for (const backend of STORE_BACKENDS) {
  describe(`quotations (${backend.name})`, { skip: backend.skip }, () => {
    test("quotations are stored with their article and found by speaker, words, outlet, language and date", async () => {
      const store = await backend.open();
      await store.put(analyse(GREEK_ARTICLE, "2023-09-21"));
      await store.put(analyse(ENGLISH_ARTICLE, "2023-10-02"));
      const byMinister = (await store.quotes({ speaker: "ευαγγελιου" })).quotes;
      assert.ok(byMinister.length >= 3);
      assert.ok(byMinister.every((r) => r.speaker === "Άρης Ευαγγελίου" && r.lang === "el"));
      assert.deepEqual((await store.quotes({ speaker: "ΑΪΒΑΖΟΓΛΟΥ", about: "σχέδιο" })).quotes.map((r) => r.stance), ["deny"]);
      const lawson = (await store.quotes({ speaker: "lawson", about: "members" })).quotes;
      assert.equal(lawson.length, 1);
      assert.equal(lawson[0].via, "Reuters");
      assert.equal(lawson[0].kind, "direct");
      assert.equal((await store.quotes({ speaker: "nobody at all" })).total, 0);
      const viaReuters = await store.quotes({ via: "reuters" });
      assert.ok(viaReuters.total >= 1 && viaReuters.quotes.every((q) => q.via === "Reuters"));
      const all = await store.quotes();
      assert.equal((await store.quotes({ lang: "en" })).total + (await store.quotes({ lang: "el" })).total, all.total);
      assert.equal((await store.quotes({ from: "2023-10" })).total, (await store.quotes({ lang: "en" })).total);
      assert.equal((await store.quotes({ to: "2023-09" })).total, (await store.quotes({ lang: "el" })).total);
      const page = await store.quotes({ limit: 2, offset: 1 });
      assert.equal(page.quotes.length, 2);
      assert.equal(page.total, all.total);
      assert.deepEqual(page.quotes, all.quotes.slice(1, 3));
      await store.close();
    });

    test("an updated article replaces its quotations", async () => {
      const store = await backend.open();
      const url = { url: "https://example.org/talks" };
      await store.put(pipeline.run(buildDoc({ ...parseTextPage(ENGLISH_ARTICLE), meta: url })));
      const before = (await store.quotes()).total;
      const edited = ENGLISH_ARTICLE.replace('"We will not accept it."', "");
      await store.put(pipeline.run(buildDoc({ ...parseTextPage(edited), meta: url })));
      assert.equal((await store.quotes()).total, before - 1);
      await store.close();
    });

    test("a speaker of two or more keys is counted off the pair of two of them: the same total as checking every quotation, speakers of many keys too", async () => {
      const store = await backend.open();
      const speakers = [
        "Sergei Ryabkov", "Ryabkov", "Sergei Lavrov", "Ryabkov Sergei", "Sergei", null, "Sergei Alexeyevich Ryabkov",
        "the deputy foreign minister Sergei Alexeyevich Ryabkov", "Russia's deputy foreign minister Sergei Ryabkov", "Mr Ryabkov, Sergei",
      ];
      const url = "https://example.org/speakers";
      const withSpeakers = (names: (string | null)[], page = ENGLISH_ARTICLE) => {
        const doc = pipeline.run(buildDoc({ ...parseTextPage(page), meta: { url, published: "2023-10-02" } }));
        const [template] = doc.layers.quotes ?? [];
        doc.layers.quotes = names.map((name) => ({ ...template, speaker: name === null ? null : { name, description: null, role: null, entityId: null, mention: null } }));
        return doc;
      };
      await store.put(withSpeakers(speakers));
      /** Every key of the query among the speaker's keys: what the index must count. */
      const expected = (query: string) => speakers.filter((name) => queryKeys(query).every((k) => keyString(name).includes(` ${k} `))).length;
      for (const query of ["Sergei Ryabkov", "ryabkov sergei", "SERGEI", "Sergei Alexeyevich Ryabkov", "deputy minister Ryabkov", "minister Lavrov", "Sergei Sergei Ryabkov"]) {
        const all = await store.quotes({ speaker: query, limit: 100 });
        assert.equal(all.total, expected(query), query);
        assert.equal(all.quotes.length, all.total, query);
        assert.equal((await store.quotes({ speaker: query, lang: "en", limit: 1 })).total, expected(query), `${query}, in English`);
        assert.equal((await store.quotes({ speaker: query, lang: "el" })).total, 0, `${query}, in Greek`);
      }
      assert.ok(expected("deputy minister Ryabkov") > 0 && expected("Sergei Ryabkov") > expected("Sergei Alexeyevich Ryabkov"));
      await store.put(withSpeakers(["Sergei Lavrov", "Sergei Alexeyevich Ryabkov"], `${ENGLISH_ARTICLE}\nA paragraph added later.\n`));
      assert.equal((await store.quotes({ speaker: "Sergei Ryabkov" })).total, 1, "an article written again leaves no pair rows behind");
      assert.equal((await store.quotes({ speaker: "Lavrov Sergei" })).total, 1);
      await store.close();
    });

    test("an updated article replaces the search keys of its speakers", async () => {
      const store = await backend.open();
      const url = { url: "https://example.org/speakers" };
      await store.put(pipeline.run(buildDoc({ ...parseTextPage(GREEK_ARTICLE), meta: url })));
      const before = (await store.quotes({ speaker: "ευαγγελιου" })).total;
      assert.ok(before >= 3);
      await store.put(pipeline.run(buildDoc({ ...parseTextPage(GREEK_ARTICLE), meta: url })));
      assert.equal((await store.quotes({ speaker: "ευαγγελιου" })).total, before);
      await store.put(pipeline.run(buildDoc({ ...parseTextPage(ENGLISH_ARTICLE), meta: url })));
      assert.equal((await store.quotes({ speaker: "ευαγγελιου" })).total, 0);
      assert.ok((await store.quotes({ speaker: "lawson" })).total >= 1);
      await store.close();
    });
  });
}
