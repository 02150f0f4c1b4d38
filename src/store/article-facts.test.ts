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

test("the registry entity of each of an article's entities", async () => {
  const { store: s, el, en } = await store();
  const record = await s.get(el);
  const links = await s.articleEntities(el);
  assert.deepEqual(Object.keys(links).sort(), (record?.entities ?? []).map((e) => e.id).sort());
  const [greece] = await s.findEntities("GR");
  assert.equal(links["country:GR"], greece.id);
  assert.deepEqual(await s.articleEntities("0000000000000000"), {});
  assert.ok(Object.keys(await s.articleEntities(en)).includes("per:ana-georg"));
  await s.close();
});
