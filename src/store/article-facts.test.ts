import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import type { Doc } from "../doc/doc.js";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { ENGLISH_PAGE, GREEK_PAGE } from "../testing/fixtures.js";
import { STORE_BACKENDS, type StoreBackend } from "../testing/store-backends.js";
import type { Store } from "./store.js";

const pipeline = defaultPipeline();
const analyse = (page: string, meta: Doc["meta"] = {}) => pipeline.run(buildDoc({ ...parseTextPage(page), meta }));

async function store(backend: StoreBackend): Promise<{ store: Store; el: string; en: string }> {
  const s = await backend.open();
  const el = (await s.put(analyse(GREEK_PAGE, { url: "https://kathimerini.gr/1" }))).id;
  const en = (await s.put(analyse(ENGLISH_PAGE, { url: "https://cyprus-mail.com/3" }))).id;
  return { store: s, el, en };
}

for (const backend of STORE_BACKENDS) {
  describe(`article facts (${backend.name})`, { skip: backend.skip }, () => {
    test("the registry entity of each of an article's entities", async () => {
      const { store: s, el, en } = await store(backend);
      const record = await s.get(el);
      const links = await s.articleEntities(el);
      assert.deepEqual(Object.keys(links).sort(), (record?.entities ?? []).map((e) => e.id).sort());
      const [greece] = await s.findEntities("GR");
      assert.equal(links["country:GR"], greece.id);
      assert.deepEqual(await s.articleEntities("0000000000000000"), {});
      assert.ok(Object.keys(await s.articleEntities(en)).includes("per:ana-georg"));
      await s.close();
    });
  });
}
