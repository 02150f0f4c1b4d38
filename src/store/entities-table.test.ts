import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { analyzeFixture, fixtureText } from "../understand/fixtures/fixtures.js";
import { aliasesOf, articlesOf, findEntities, linksOf } from "./entities-table.js";
import { queryEvents } from "./events-table.js";
import { SqliteStore } from "./sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "newsgraph-entities-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function storeWith(...texts: [string, string][]): SqliteStore {
  const store = new SqliteStore(join(dir, `${Math.random().toString(36).slice(2)}.db`));
  for (const [text, lang] of texts) store.put(analyzeFixture(text, { lang, published: "2023-09-21" }));
  return store;
}

test("one person across a Greek and an English article, linked by key and explained", () => {
  const store = storeWith([fixtureText("el-ryabkov.txt"), "el"], [fixtureText("en-ryabkov.txt"), "en"]);
  const db = store.connection;
  const [ryabkov, ...others] = findEntities(db, "Ryabkov");
  assert.equal(others.length, 0);
  assert.equal(ryabkov.name, "Σεργκέι Ριαμπκόφ");
  assert.deepEqual(ryabkov.names, { el: "Σεργκέι Ριαμπκόφ", en: "Sergei Ryabkov" }, "the English name from the text replaces the transliteration");
  assert.equal(articlesOf(db, ryabkov.id).length, 2);
  assert.deepEqual(linksOf(db, ryabkov.id).map((l) => l.rule), ["new", "key"]);
  assert.equal(findEntities(db, "Ριαμπκόφ")[0].id, ryabkov.id);
  store.close();
});

test("countries meet by ISO code, from any script or inflection", () => {
  const store = storeWith([fixtureText("el-ryabkov.txt"), "el"], [fixtureText("en-ryabkov.txt"), "en"]);
  const db = store.connection;
  for (const name of ["Ρωσίας", "Russia", "RU", "Μόσχα"]) assert.equal(findEntities(db, name)[0].code, "RU", name);
  const iran = findEntities(db, "Ιράν")[0];
  assert.equal(articlesOf(db, iran.id).length, 2);
  const transfers = queryEvents(db, { actors: [iran.id], targets: [findEntities(db, "Russia")[0].id], type: "transfer" });
  assert.equal(transfers.length, 2);
  assert.deepEqual(transfers.map((t) => t.quantity), ["εκατοντάδες drones", "hundreds of drones"]);
  store.close();
});

test("a lone surname links only when one stored person has it", () => {
  const store = storeWith(
    ["Τίτλος\n\nΟ υπουργός Γιάννης Παπαδόπουλος μίλησε στη Βουλή.", "el"],
    ["Τίτλος δύο\n\nΟ βουλευτής Νίκος Παπαδόπουλος διαφώνησε.", "el"],
    ["Τίτλος τρία\n\nΟ υπουργός Παπαδόπουλος απάντησε.", "el"],
    ["Title four\n\nMinister Sergei Lavrov spoke. Later, Minister Lavrov left.", "en"],
    ["Title five\n\nMinister Lavrov answered.", "en"],
  );
  const db = store.connection;
  const lone = findEntities(db, "Παπαδόπουλος").find((e) => e.name === "Παπαδόπουλος");
  assert.ok(lone, "the lone surname is an entity of its own");
  assert.match(linksOf(db, lone.id)[0].detail, /shared by 2/);
  const lavrov = findEntities(db, "Lavrov")[0];
  assert.equal(lavrov.name, "Sergei Lavrov");
  assert.deepEqual(linksOf(db, lavrov.id).map((l) => l.rule), ["new", "surname"]);
  store.close();
});

test("re-ingesting an article replaces its mentions and links", () => {
  const store = storeWith();
  const url = "https://example.org/ryabkov";
  for (const day of ["Tuesday", "Wednesday"]) {
    const doc = analyzeFixture(fixtureText("en-ryabkov.txt").replace("Tuesday", day), { lang: "en" });
    doc.meta.url = url;
    store.put(doc);
  }
  const ryabkov = findEntities(store.connection, "Ryabkov")[0];
  assert.equal(articlesOf(store.connection, ryabkov.id).length, 1);
  assert.equal(linksOf(store.connection, ryabkov.id).length, 1);
  assert.equal(aliasesOf(store.connection, ryabkov.id).find((a) => a.alias === "Sergei Ryabkov")?.count, 1);
  store.close();
});
