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
const SECOND_GREEK = GREEK_PAGE.replace("Νίκος Δημητρίου", "Γιώργος Παππάς").replace("κ. Δημητρίου", "κ. Παππάς");

async function store(): Promise<{ store: SqliteStore; el: string; el2: string; en: string }> {
  const s = new SqliteStore(dir.file(`facets-${Math.random().toString(36).slice(2)}.db`));
  const el = (await s.put(analyse(GREEK_PAGE, { published: "2023-09-21", site: "kathimerini.gr", url: "https://kathimerini.gr/1" }))).id;
  const el2 = (await s.put(analyse(SECOND_GREEK, { published: "2023-09-22", site: "naftemporiki.gr", url: "https://naftemporiki.gr/2" }))).id;
  const en = (await s.put(analyse(ENGLISH_PAGE, { published: "2023-09-21", site: "cyprus-mail.com", url: "https://cyprus-mail.com/3" }))).id;
  return { store: s, el, el2, en };
}

test("search filters by a mentioned entity and by a speaker's words", async () => {
  const { store: s, el, el2 } = await store();
  const [dimitriou] = await s.findEntities("Δημητρίου");
  assert.ok(dimitriou, "the fixture's minister is in the registry");
  const byEntity = await s.search("Κύπρος", { entities: [dimitriou.id] });
  assert.deepEqual(byEntity.hits.map((h) => h.id), [el]);
  assert.equal(byEntity.total, 1);
  assert.deepEqual((await s.search("Κύπρος", { entities: [] })).hits, [], "no entity: nothing matches");
  assert.deepEqual((await s.search("Κύπρος", { speaker: "παππα" })).hits.map((h) => h.id), [el2], "speaker words match regardless of accents and inflection");
  assert.deepEqual((await s.search("Κύπρος", { speaker: "Νίκος Παππάς" })).hits, [], "every word must belong to one quotation's speaker");
  assert.equal((await s.search("Κύπρος", { speaker: "--" })).total, 2, "a speaker filter without words filters nothing");
  // The facets of the search follow its filters too.
  assert.deepEqual((await s.search("Κύπρος", { speaker: "Δημητρίου" })).facets.site, { "kathimerini.gr": 1 });
  await s.close();
});

test("search facets: articles per day, the entities of most matching articles, the speakers of most quotations", async () => {
  const { store: s } = await store();
  const f = await s.searchFacets("Κύπρος OR workers");
  assert.deepEqual(f.days, [
    { day: "2023-09-21", articles: 2 },
    { day: "2023-09-22", articles: 1 },
  ]);
  const cyprus = f.entities.find((e) => e.name === "Κύπρος");
  assert.equal(cyprus?.articles, 2, "Cyprus is in both Greek articles");
  assert.equal(f.entities[0].articles, 2, "most shared first");
  const speakers = new Map(f.speakers.map((x) => [x.name, x]));
  assert.equal(speakers.get("Νίκος Δημητρίου")?.quotes, 3);
  assert.equal(typeof speakers.get("Νίκος Δημητρίου")?.entityId, "number");
  assert.ok(speakers.has("Anna Georgiou"));
  assert.ok(f.speakers.every((x, i) => i === 0 || f.speakers[i - 1].quotes >= x.quotes));
  const top = await s.searchFacets("Κύπρος OR workers", { top: 2, lang: "en" });
  assert.deepEqual(top.days, [{ day: "2023-09-21", articles: 1 }]);
  assert.ok(top.entities.length <= 2 && top.speakers.length <= 2);
  assert.deepEqual(await s.searchFacets("ανύπαρκτη"), { days: [], entities: [], speakers: [] });
  await s.close();
});
