import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { TempDir } from "../testing/fixtures.js";
import { ENGLISH_ARTICLE, GREEK_ARTICLE } from "../understand/quotes/fixtures.js";
import { keyString, queryQuotes } from "./quotes-table.js";
import { SqliteStore } from "./sqlite.js";

const dir = new TempDir();
after(() => dir.remove());
const pipeline = defaultPipeline();
const analyse = (page: string) => pipeline.run(buildDoc(parseTextPage(page)));

test("search keys of a speaker ignore accents, case and inflection", () => {
  assert.equal(keyString("Άρης Ευαγγελίου"), keyString("ΑΡΗΣ ευαγγελιου"));
  assert.equal(keyString(null), " ");
});

test("quotations are stored with their article and found by speaker and by words", () => {
  const store = new SqliteStore(dir.file("quotes.db"));
  store.put(analyse(GREEK_ARTICLE));
  store.put(analyse(ENGLISH_ARTICLE));
  const db = store.connection;
  const byMinister = queryQuotes(db, { speaker: "ευαγγελιου" });
  assert.ok(byMinister.length >= 3);
  assert.ok(byMinister.every((r) => r.speaker === "Άρης Ευαγγελίου"));
  assert.deepEqual(
    queryQuotes(db, { speaker: "ΑΪΒΑΖΟΓΛΟΥ", about: "σχέδιο" }).map((r) => r.stance),
    ["deny"],
  );
  const lawson = queryQuotes(db, { speaker: "lawson", about: "members" });
  assert.equal(lawson.length, 1);
  assert.equal(lawson[0].via, "Reuters");
  assert.equal(lawson[0].kind, "direct");
  assert.equal(queryQuotes(db, { speaker: "nobody at all" }).length, 0);
  assert.equal(queryQuotes(db, { limit: 2 }).length, 2);
  store.close();
});

test("an updated article replaces its quotations", () => {
  const store = new SqliteStore(dir.file("update.db"));
  const url = { url: "https://example.org/talks" };
  store.put(pipeline.run(buildDoc({ ...parseTextPage(ENGLISH_ARTICLE), meta: url })));
  const before = queryQuotes(store.connection, {}).length;
  const edited = ENGLISH_ARTICLE.replace('"We will not accept it."', "");
  store.put(pipeline.run(buildDoc({ ...parseTextPage(edited), meta: url })));
  assert.equal(queryQuotes(store.connection, {}).length, before - 1);
  store.close();
});
