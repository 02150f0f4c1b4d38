import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import type { Doc } from "../doc/doc.js";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { SqliteStore } from "./sqlite.js";

const dir = new TempDir();
after(() => dir.remove());
const pipeline = defaultPipeline();
const analyse = (page: string, meta: Doc["meta"] = {}) => pipeline.run(buildDoc({ ...parseTextPage(page), meta }));

async function store(): Promise<{ store: SqliteStore; el: string; en: string }> {
  const s = new SqliteStore(dir.file("facts.db"));
  const el = (await s.put(analyse(GREEK_PAGE, { url: "https://kathimerini.gr/1" }))).id;
  const en = (await s.put(analyse(ENGLISH_PAGE, { url: "https://cyprus-mail.com/3" }))).id;
  return { store: s, el, en };
}

test("article counts and the registry entity of each of an article's entities", async () => {
  const { store: s, el, en } = await store();
  const counts = await s.articleCounts([el, en, "0000000000000000", el]);
  assert.deepEqual(Object.keys(counts).sort(), [el, en].sort());
  const record = await s.get(el);
  assert.deepEqual(counts[el], { quotes: record?.quotes?.length, entities: record?.entities?.length, events: record?.events?.length });
  assert.ok(counts[en].quotes >= 1 && counts[en].entities >= 1);
  const links = await s.articleEntities(el);
  assert.deepEqual(Object.keys(links).sort(), (record?.entities ?? []).map((e) => e.id).sort());
  const [greece] = await s.findEntities("GR");
  assert.equal(links["country:GR"], greece.id);
  assert.deepEqual(await s.articleEntities("0000000000000000"), {});
  await s.close();
});
