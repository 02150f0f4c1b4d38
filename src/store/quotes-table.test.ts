import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { TempDir } from "../testing/fixtures.js";
import { ENGLISH_ARTICLE, GREEK_ARTICLE } from "../understand/quotes/fixtures.js";
import { keyString } from "./filters.js";
import { SqliteStore } from "./sqlite.js";

const dir = new TempDir();
after(() => dir.remove());
const pipeline = defaultPipeline();
const analyse = (page: string, published?: string) => pipeline.run(buildDoc({ ...parseTextPage(page), meta: published ? { published } : {} }));

test("search keys of a speaker ignore accents, case and inflection", () => {
  assert.equal(keyString("Άρης Ευαγγελίου"), keyString("ΑΡΗΣ ευαγγελιου"));
  assert.equal(keyString(null), " ");
});

test("quotations are stored with their article and found by speaker, words, outlet, language and date", async () => {
  const store = new SqliteStore(dir.file("quotes.db"));
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
  const store = new SqliteStore(dir.file("update.db"));
  const url = { url: "https://example.org/talks" };
  await store.put(pipeline.run(buildDoc({ ...parseTextPage(ENGLISH_ARTICLE), meta: url })));
  const before = (await store.quotes()).total;
  const edited = ENGLISH_ARTICLE.replace('"We will not accept it."', "");
  await store.put(pipeline.run(buildDoc({ ...parseTextPage(edited), meta: url })));
  assert.equal((await store.quotes()).total, before - 1);
  await store.close();
});
