import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity } from "../doc/layers.js";
import { articleVectors } from "./assign.js";
import { articleFeatures, entityKey, hasHeadline, headline, numberKey, publicationDay, skeleton } from "./features.js";
import { PORT_STORY, analyzeStoryFixture } from "./fixtures/fixtures.js";

const entity = (type: Entity["type"], key: string, code: string | null = null): Entity => ({ id: `${type}:${key}`, type, name: key, names: {}, code, key, global: true, mentions: [] });

test("numbers meet across decimal conventions: 3,75 ~ 3.75, 146.635 ~ 146,635, 8,40 ~ 8.4", () => {
  assert.equal(numberKey("3,75"), numberKey("3.75"));
  assert.equal(numberKey("3,75"), "3.75");
  assert.equal(numberKey("146.635"), numberKey("146,635"));
  assert.equal(numberKey("8,40"), "8.4");
  assert.equal(numberKey("2,5"), "2.5");
  assert.notEqual(numberKey("2,5"), numberKey("25"));
  assert.equal(numberKey("7"), null);
  assert.equal(numberKey("17:30"), null);
  assert.equal(numberKey("15/10"), null);
});

test("entity keys: a country by its code, a person by the skeleton of the surname, so transcriptions in two scripts meet", () => {
  assert.equal(entityKey(entity("LOC", "elad", "GR")), "e:GR");
  // Ρετζέπ Ταγίπ Ερντογάν ~ Recep Tayyip Erdogan; Κριστίν Λαγκάρντ ~ Christine Lagarde.
  assert.equal(entityKey(entity("PER", "rejep tagip erdogan")), entityKey(entity("PER", "rekep teip erdogan")));
  assert.equal(entityKey(entity("PER", "kristin lagard")), entityKey(entity("PER", "hristin lagard")));
  // Άγκυρα ~ Ankara, Αθήνα ~ Athens, and Athens is not Ankara.
  assert.equal(skeleton("agir"), skeleton("angar"));
  assert.equal(entityKey(entity("LOC", "atin")), entityKey(entity("LOC", "aten")));
  assert.notEqual(entityKey(entity("LOC", "atin")), entityKey(entity("LOC", "agir")));
});

test("the size of a change is keyed apart from a level, in either language's words: κατά 0,25 ~ by 0.25, not 2,75", () => {
  const keys = (text: string) => [...articleFeatures(analyzeStoryFixture("x.txt", text)).keys.keys()].filter((k) => k.startsWith("n:")).sort();
  const el = keys("Μείωση επιτοκίων\n\nΗ τράπεζα μείωσε τα επιτόκια κατά 0,25 μονάδες στο 2,75%. Ο δείκτης ανέβηκε 1,5 μονάδες.");
  assert.deepEqual(el, ["n:+0.25", "n:1.5", "n:2.75"]);
  const en = keys("Rates cut\n\nThe bank cut its rate by 0.25 points to 3.75%. Shares rose 1.5 points.");
  assert.deepEqual(en, ["n:+0.25", "n:1.5", "n:3.75"]);
  // An English line quoted in a Greek article: its step is a step too.
  assert.ok(keys("Μείωση επιτοκίων\n\nΗ τράπεζα ανακοίνωσε: «We cut our key interest rates by 0.25 percentage points». Το επιτόκιο πήγε στο 3,75%.").includes("n:+0.25"));
});

test("the start of a period is a date key of its own, which dates nothing", () => {
  const f = articleFeatures(analyzeStoryFixture("x.txt", "Rates cut\n\nThe bank cut its rate, the first cut since September 2019."));
  assert.ok(f.keys.has("t:>2019-09") && !f.keys.has("t:2019-09"), [...f.keys.keys()].join(" "));
  assert.equal(articleVectors(f).day, null);
  assert.deepEqual(articleVectors(f).months, []);
});

test("publication days: a day, a month, a year, or nothing", () => {
  assert.deepEqual(publicationDay("2024-03-12"), { day: 19794, precision: "day" });
  assert.deepEqual(publicationDay("2024-03"), { day: 19783, precision: "month" });
  assert.equal(publicationDay("2024")?.precision, "year");
  assert.equal(publicationDay(undefined), null);
});

test("a Greek and an English report of one event share entity, number and date keys", () => {
  const [el, en] = PORT_STORY.slice(0, 2).map((f) => articleFeatures(analyzeStoryFixture(f)));
  assert.equal(el.lang, "el");
  assert.equal(en.lang, "en");
  const shared = [...el.keys.keys()].filter((k) => en.keys.has(k));
  for (const k of ["e:GR", "e:EG", "n:350", "n:4500", "t:2024-03-12"]) assert.ok(shared.includes(k), `${k} in ${shared.join(" ")}`);
  // Gerapetritis and Shoukry, by name and as speakers.
  assert.ok(shared.filter((k) => k.startsWith("e:") && !/^e:[A-Z]{2}$/u.test(k)).length >= 3, shared.join(" "));
  assert.ok(shared.some((k) => k.startsWith("s:")));
  assert.deepEqual(el.published, publicationDay("2024-03-12"));
  // A named day brings its month, so a text that names only the month meets it.
  assert.ok(el.keys.has("t:2024-03") && en.keys.has("t:2024-03"));
  // Names count once, as entities: the content words are what happened (the port, the agreement).
  assert.ok([...el.terms.keys()].some((k) => k.startsWith("λιμαν")) && [...el.terms.keys()].some((k) => k.startsWith("συμφων")), [...el.terms.keys()].join(" "));
  assert.ok(![...el.terms.keys()].some((k) => k.startsWith("αλεξανδρ")), [...el.terms.keys()].join(" "));
  assert.ok(![...en.terms.keys()].some((k) => k.startsWith("alexandr")), [...en.terms.keys()].join(" "));
});

test("the label of an article: its headline, else the start of its first sentence", () => {
  const doc = analyzeStoryFixture("x.txt", "Η συμφωνία υπογράφηκε σήμερα στην Αλεξάνδρεια από τους δύο υπουργούς, που μίλησαν για νέα εποχή στις σχέσεις των δύο χωρών.");
  assert.equal(hasHeadline(doc), false);
  assert.ok(headline(doc).startsWith("Η συμφωνία υπογράφηκε σήμερα"));
  assert.equal(headline(analyzeStoryFixture(PORT_STORY[0])), "Ελλάδα και Αίγυπτος υπέγραψαν συμφωνία για το λιμάνι της Αλεξάνδρειας");
});
