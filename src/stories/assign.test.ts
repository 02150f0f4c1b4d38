import assert from "node:assert/strict";
import { test } from "node:test";
import { applyContribution, articleVectors, chooseStory, contribution, dayRange, emptyProfile, lookupKeys, margin, soleProfile, WEIGHT_GRID, type StoryProfile } from "./assign.js";
import { publicationDay, type ArticleFeatures } from "./features.js";

const idf = () => 1;

function features(lang: string, published: string | null, terms: string[], keys: string[]): ArticleFeatures {
  return {
    lang,
    published: publicationDay(published),
    terms: new Map(terms.map((t) => [t, 1])),
    keys: new Map(keys.map((k) => [k, 1])),
  };
}

function profileOf(...articles: ArticleFeatures[]): StoryProfile {
  return articles.reduce((p, f) => applyContribution(p, contribution(articleVectors(f), idf), 1), emptyProfile());
}

const port = features("el", "2024-03-12", ["λιμαν", "συμφων", "αλεξανδρει"], ["e:GR", "e:EG", "e:krptrt", "e:skr", "n:350"]);
const portEn = features("en", "2024-03-12", ["port", "deal", "alexandria"], ["e:GR", "e:EG", "e:krptrt", "e:skr", "n:350"]);
const visit = features("el", "2024-05-20", ["μεταναστευτ", "συναντησ", "αθην"], ["e:GR", "e:EG", "e:krptrt", "e:skr", "n:5000"]);

test("an article joins the story it shares words, entities and numbers with, across languages", () => {
  const story = profileOf(port);
  const m = margin(articleVectors(portEn), story, idf);
  assert.ok(m !== null && m > 0, String(m));
  assert.deepEqual(chooseStory(articleVectors(portEn), [{ id: 7, profile: story }], idf).story, 7);
});

test("the same actors ten weeks later are another story: time keeps them apart before any word is compared", () => {
  assert.equal(margin(articleVectors(visit), profileOf(port), idf), null);
  const undatedVisit = { ...visit, published: null };
  // Undated, the article is compared, and its other words and numbers count against it.
  const m = margin(articleVectors(undatedVisit), profileOf(port), idf);
  assert.ok(m !== null && m < margin(articleVectors(portEn), profileOf(port), idf)!);
});

test("an undated article naming a month far from the story's dates is not compared with it", () => {
  const later = features("en", null, ["port", "deal"], ["e:EG", "t:2024-09"]);
  assert.deepEqual(articleVectors(later).day, { day: 19967, precision: "month" });
  assert.equal(margin(articleVectors(later), profileOf(port), idf), null);
});

test("a day the text names stands for a month-precision publication date", () => {
  const f = features("el", "2024-03", ["λιμαν"], ["t:2024-03-12"]);
  assert.deepEqual(articleVectors(f).day, { day: 19794, precision: "day" });
});

test("no candidate above the threshold: a new story; ties go to the older story", () => {
  const unrelated = features("en", "2024-03-12", ["wildfire", "village"], ["e:krt", "n:240"]);
  assert.equal(chooseStory(articleVectors(unrelated), [{ id: 1, profile: profileOf(port) }], idf).story, null);
  const story = profileOf(port);
  assert.equal(chooseStory(articleVectors(portEn), [{ id: 9, profile: story }, { id: 3, profile: story }], idf).story, 3);
});

test("a contribution keeps the heaviest content words of a long article, and the article is compared with all of them", () => {
  const words = Array.from({ length: 150 }, (_, i) => `λεξ${i}`);
  const long = { ...features("el", "2024-03-12", words, ["e:GR"]), terms: new Map(words.map((w, i) => [w, i < 20 ? 3 : 1])) };
  const rare = (k: string) => (k.endsWith("λεξ149") ? 5 : 1);
  const c = contribution(articleVectors(long), rare);
  assert.equal(c.terms.size, 100);
  assert.ok(c.terms.has("w:el:λεξ149") && c.terms.has("w:el:λεξ0"));
  assert.equal(contribution(articleVectors(long), rare, { contributionTerms: 150 }).terms.size, 150);
  assert.equal(articleVectors(long).terms.size, 150);
  // every weight is on the grid the stored form keeps exactly
  for (const w of [...c.terms.values(), ...c.parts.e.values()]) assert.equal(Math.round(w * WEIGHT_GRID) / WEIGHT_GRID, w);
});

test("a contribution taken away leaves the profile it was added to", () => {
  const one = profileOf(port);
  const c = contribution(articleVectors(portEn), idf);
  const back = applyContribution(applyContribution(one, c, 1), c, -1);
  assert.equal(back.articles, 1);
  assert.deepEqual(Object.keys(back.terms), ["el"]);
  for (const part of ["e", "n", "t"] as const) {
    for (const [k, w] of one.parts[part]) assert.ok(Math.abs(back.parts[part].get(k)! - w) < 1e-9);
  }
  assert.deepEqual(dayRange([port.published, visit.published, null]), { min: 19794, max: 19863, coarse: false });
});

test("the profile of a story of one report is that report's contribution added to an empty profile, its maps shared", () => {
  for (const f of [port, portEn, features("el", null, [], ["e:GR"])]) {
    const c = contribution(articleVectors(f), idf);
    const sole = soleProfile(c);
    assert.deepEqual(sole, applyContribution(emptyProfile(), c, 1));
    assert.equal(sole.parts.e, c.parts.e, "shared, not copied");
  }
  const c = contribution(articleVectors(features("el", "2024-03-12", ["λιμαν", "συμφων", "αλεξανδρει"], ["e:GR", "e:EG", "e:skr"])), idf);
  const narrow = soleProfile(c, { profileKeys: 2 });
  assert.deepEqual(narrow, applyContribution(emptyProfile(), c, 1, { profileKeys: 2 }), "more keys than a profile keeps: the heaviest, as a copy");
  assert.equal(narrow.parts.e.size, 2);
  assert.notEqual(narrow.parts.e, c.parts.e);
  const faint = { ...c, parts: { ...c.parts, e: new Map([...c.parts.e, ["e:faint", 1e-6]]) } };
  assert.equal(soleProfile(faint).parts.e.has("e:faint"), false, "a weight a sum would drop is dropped here too");
});

test("a story is found by its entity, number and date keys and its heaviest words", () => {
  const keys = lookupKeys(contribution(articleVectors(port), idf), 2);
  assert.ok(keys.includes("e:krptrt") && keys.includes("n:350"));
  assert.equal(keys.filter((k) => k.startsWith("w:el:")).length, 2);
});

test("undated, naming one month only: the month dates the article; naming several, none does", () => {
  const one = articleVectors(features("el", null, ["λιμαν"], ["t:2024-03", "e:EG"]));
  assert.deepEqual(one.day, { day: 19783, precision: "month" });
  assert.deepEqual(one.months, []);
  const two = articleVectors(features("el", null, ["λιμαν"], ["t:2024-03", "t:2023-11"]));
  assert.equal(two.day, null);
  assert.equal(two.months.length, 2);
});

test("average link: a story whose sums are broad (it drifted over two events) draws an article less than its reports' sums alone would", () => {
  // Two reports of different events with the same actors, and an article that shares the actors and half of each report's words.
  const a = features("en", "2024-03-12", ["summit", "lunch", "island"], ["e:GR", "e:TR", "e:ertkn"]);
  const b = features("en", "2024-03-13", ["council", "declaration", "athen"], ["e:GR", "e:TR", "e:ertkn"]);
  const mixed = features("en", "2024-03-13", ["summit", "declaration", "visit"], ["e:GR", "e:TR", "e:ertkn"]);
  const story = profileOf(a, b);
  const members = () => [a, b].map((f) => contribution(articleVectors(f), idf));
  const sumsOnly = margin(articleVectors(mixed), story, idf, { memberWeight: 0 }, members)!;
  const linked = margin(articleVectors(mixed), story, idf, { memberWeight: 1 }, members)!;
  assert.ok(linked < sumsOnly, `${linked} < ${sumsOnly}`);
  // Without reports to compare with, the sums decide.
  assert.equal(margin(articleVectors(mixed), story, idf, { memberWeight: 1 }, () => []), sumsOnly);
  // One report only: its contribution is the story's sums, so both ways agree.
  const single = profileOf(a);
  const one = () => [contribution(articleVectors(a), idf)];
  assert.ok(Math.abs(margin(articleVectors(mixed), single, idf, { memberWeight: 1 }, one)! - margin(articleVectors(mixed), single, idf, { memberWeight: 0 }, one)!) < 1e-9);
});

test("figures with decimals that the story does not give keep an article out of it, whatever else they share", () => {
  const words = ["εκλογ", "γυρ", "προεδρ"];
  const actors = ["e:srs", "e:kslk", "e:aktskl"];
  const firstRound = features("el", null, words, [...actors, "n:45.47", "n:36.21", "n:146635"]);
  const runOff = features("el", null, words, [...actors, "n:56.69", "n:43.31"]);
  assert.equal(margin(articleVectors(runOff), profileOf(firstRound), idf), null);
  // One figure in common: compared as usual.
  const update = features("el", null, words, [...actors, "n:45.47", "n:45.5"]);
  assert.ok(margin(articleVectors(update), profileOf(firstRound), idf)! > 0);
  // Whole numbers (counts that grow: the dead, the rescued) do not keep anything apart, nor figures on one side only.
  const counts = features("el", null, words, [...actors, "n:146700"]);
  assert.ok(margin(articleVectors(counts), profileOf(firstRound), idf)! > 0);
  assert.ok(margin(articleVectors(firstRound), profileOf(counts), idf)! > 0);
});

test("the size of a change both give (a cut by 0.25) does not make two levels agree; a level in common does", () => {
  const words = ["επιτοκ", "μειωσ", "τραπεζ"];
  const bank = ["e:ekt", "e:lkrt"];
  const january = features("el", null, words, [...bank, "n:+0.25", "n:2.75"]);
  const march = features("el", null, words, [...bank, "n:+0.25", "n:2.5"]);
  assert.equal(margin(articleVectors(march), profileOf(january), idf), null);
  const report = features("en", null, [], [...bank, "n:+0.25", "n:2.75"]);
  assert.ok(margin(articleVectors(report), profileOf(january), idf)! > 0);
});

test("places tell apart two meetings of the same leaders: an undated report joins the one held where it says", () => {
  const actors = ["e:GR", "e:TR", "e:ertkn", "e:mtstk"];
  const athens = features("el", null, ["συναντησ", "διακηρυξ"], [...actors, "e:atn", "p:atn"]);
  const ankara = features("el", null, ["συναντησ", "χαμας"], [...actors, "e:akr", "p:akr"]);
  const report = features("el", null, ["συναντησ", "διακηρυξ", "χαμας"], [...actors, "e:akr", "p:akr"]);
  const candidates = [{ id: 1, profile: profileOf(athens) }, { id: 2, profile: profileOf(ankara) }];
  assert.equal(chooseStory(articleVectors(report), candidates, idf).story, 2);
  const withoutPlaces = margin(articleVectors(report), profileOf(athens), idf, { placeWeight: 0 })!;
  assert.ok(margin(articleVectors(report), profileOf(athens), idf)! < withoutPlaces);
});
