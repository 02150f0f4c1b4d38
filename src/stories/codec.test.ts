import { strict as assert } from "node:assert";
import { test } from "node:test";
import { applyContribution, emptyProfile, soleProfile, WEIGHT_GRID, type Contribution, type StoryProfile } from "./assign.js";
import { isMade } from "../util/lazy.js";
import { contributionBytes, contributionFromBytes, decodeContribution, decodeProfile, keySeqsBytes, keySeqsFromBytes, profileBytes, profileFromBytes } from "./codec.js";

const profile: StoryProfile = {
  articles: 2,
  terms: { el: new Map([["w:el:λιμαν", 1.2345678], ["w:el:πλοι", 0.5]]), en: new Map([["w:en:port", 0.25]]) },
  parts: { e: new Map([["e:krptrt", 0.7071067811865476]]), n: new Map([["n:350", 0.000001]]), t: new Map(), p: new Map([["p:pl", 0.5]]) },
  days: { min: 19794, max: 19863, coarse: false },
};
const contribution: Contribution = {
  lang: "el",
  terms: new Map([["w:el:λιμαν", 0.1234567]]),
  parts: { e: new Map([["e:krptrt", 1]]), n: new Map(), t: new Map([["t:2024-03", 0.3]]), p: new Map() },
  day: { day: 19794, precision: "day" },
};
test("a profile and a contribution come back from their bytes with their keys, weights rounded to 5 decimals, weights that round to 0 left out", () => {
  const p = profileFromBytes(profileBytes(profile));
  assert.equal(p.articles, 2);
  assert.deepEqual(p.days, profile.days);
  assert.deepEqual([...p.terms.el], [["w:el:λιμαν", 1.23457], ["w:el:πλοι", 0.5]]);
  assert.deepEqual([...p.terms.en], [["w:en:port", 0.25]]);
  assert.deepEqual([...p.parts.e], [["e:krptrt", 0.70711]]);
  assert.equal(p.parts.n.size, 0);
  assert.deepEqual([...p.parts.p], [["p:pl", 0.5]]);
  const c = contributionFromBytes(contributionBytes(contribution));
  assert.equal(c.lang, "el");
  assert.deepEqual(c.day, contribution.day);
  assert.deepEqual([...c.terms], [["w:el:λιμαν", 0.12346]]);
  assert.deepEqual([...c.parts.t], [["t:2024-03", 0.3]]);
  assert.equal(c.parts.e.get("e:krptrt"), 1);
});

test("a decoded profile's and contribution's vectors are made when first read, and once", () => {
  const p = profileFromBytes(profileBytes(profile));
  assert.equal(isMade(p.terms, "el"), false);
  assert.equal(isMade(p.parts, "e"), false);
  assert.equal(p.parts.e, p.parts.e);
  assert.deepEqual(Object.keys(p.terms), ["el", "en"]);
  const c = contributionFromBytes(contributionBytes(contribution));
  assert.equal(isMade(c, "terms"), false);
  assert.equal(c.terms, c.terms);
  const wordless = contributionFromBytes(contributionBytes({ ...contribution, terms: new Map() }));
  assert.equal(isMade(wordless, "terms"), true, "no words: an empty map at once");
  assert.equal(wordless.terms.size, 0);
});

test("the profile of a sole decoded report is the one its contribution makes in an empty profile, with or without words", () => {
  for (const c of [contribution, { ...contribution, terms: new Map() }]) {
    const decoded = contributionFromBytes(contributionBytes(c));
    const sole = soleProfile(decoded);
    assert.deepEqual({ ...sole, terms: { ...sole.terms }, parts: { ...sole.parts } }, applyContribution(emptyProfile(), contributionFromBytes(contributionBytes(c)), 1));
  }
});

test("a language of a profile none of whose weights are written is left out", () => {
  const p = profileFromBytes(profileBytes({ ...profile, terms: { el: new Map([["w:el:λιμαν", 1e-7]]), en: new Map([["w:en:port", 0.25]]) } }));
  assert.deepEqual(Object.keys(p.terms), ["en"]);
});

test("an empty profile comes back empty", () => {
  const p = profileFromBytes(profileBytes({ articles: 0, terms: {}, parts: { e: new Map(), n: new Map(), t: new Map(), p: new Map() }, days: null }));
  assert.deepEqual([p.articles, Object.keys(p.terms), p.days], [0, [], null]);
  assert.ok(Object.values(p.parts).every((v) => v.size === 0));
});

test("a weight comes back as the same number the JSON form of earlier versions kept", () => {
  const weights = [0.1234567, 1 / 3, 2.71828182, 0.000049, 1234.567891];
  const keys = weights.map((_, i) => `w:el:κ${i}`);
  const c = contributionFromBytes(contributionBytes({ ...contribution, terms: new Map(keys.map((k, i) => [k, weights[i]])) }));
  for (const [i, k] of keys.entries()) assert.equal(c.terms.get(k), JSON.parse(JSON.stringify(Math.round(weights[i] * 1e5) / 1e5)));
});

/** The JSON array form (format 2) of earlier versions, as bytes. */
const arrayForm = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), "utf8");

test("the array form of earlier stores is read, and a blob written before places had a part of its own with an empty one", () => {
  const p = profileFromBytes(arrayForm([2, 1, null, [["el", ["w:el:πλοι"], [0.5]]], [[["e:krptrt"], [1]], [[], []], [[], []], [["p:pl"], [0.25]]]]));
  assert.deepEqual([...p.terms.el], [["w:el:πλοι", 0.5]]);
  assert.deepEqual([...p.parts.p], [["p:pl", 0.25]]);
  const c = contributionFromBytes(arrayForm([2, "el", null, [["w:el:λιμαν"], [0.12346]], [[["e:krptrt"], [1]], [[], []], [["t:2024-03"], [0.3]]]]));
  assert.deepEqual([...c.parts.t], [["t:2024-03", 0.3]]);
  assert.equal(c.parts.p.size, 0);
});

test("the object form of earlier stores is read as well", () => {
  assert.deepEqual([...profileFromBytes(arrayForm({ articles: 1, terms: {}, parts: { e: { "e:x": 1 } }, days: null })).parts.e], [["e:x", 1]]);
  const p = decodeProfile({ articles: 1, terms: { el: { "w:el:πλοι": 0.5 } }, parts: { e: { "e:krptrt": 1 }, n: {}, t: {} }, days: null });
  assert.deepEqual([...p.terms.el], [["w:el:πλοι", 0.5]]);
  assert.deepEqual([...p.parts.e], [["e:krptrt", 1]]);
  assert.equal(p.days, null);
  const c = decodeContribution({ lang: "en", terms: { "w:en:port": 0.2 }, parts: { e: {}, n: { "n:350": 1 }, t: {} }, day: null });
  assert.deepEqual([...c.parts.n], [["n:350", 1]]);
  assert.equal(c.parts.p.size, 0);
  assert.equal(c.lang, "en");
});

test("Greek and ASCII keys are written in the compact form (format 4), smaller than UTF-8, and come back whole", () => {
  // weights off the grid of format 5 (stories written before it)
  const terms = new Map(["λιμαν", "πλοι", "ΐ", "ΰ", "ς", "Ώ", "port"].map((k, i): [string, number] => [`w:el:${k}`, 0.1 * (i + 1) + 0.00001]));
  const c = { ...contribution, terms, parts: { ...contribution.parts, e: new Map([["e:w:el:x", 1]]), n: new Map([["n:-3", 2e6]]) } };
  const bytes = contributionBytes(c);
  assert.equal(bytes[0], 4);
  const back = contributionFromBytes(bytes);
  assert.deepEqual([...back.terms], [...terms].map(([k, w]) => [k, Math.round(w * 1e5) / 1e5]));
  // only a content word's prefix is shortened: a part's key that holds one is kept as it is
  assert.deepEqual([...back.parts.e], [["e:w:el:x", 1]]);
  assert.deepEqual([...back.parts.n], [["n:-3", 2e6]]);
  // one byte a character, and one for each `w:el:`
  const keysLength = bytes.readUInt32LE(5 + bytes.readUInt32LE(1));
  const marked = [...[...terms.keys()].map((k) => `.${k.slice(5)}`), "e:w:el:x", "n:-3", "t:2024-03"];
  assert.equal(keysLength, marked.join(".").length);
  const p = profileFromBytes(profileBytes(profile));
  assert.deepEqual([...p.terms.el.keys()], ["w:el:λιμαν", "w:el:πλοι"]);
  assert.deepEqual([...p.terms.en.keys()], ["w:en:port"]);
  assert.equal(profileBytes(profile)[0], 4);
});

test("weights on the grid (whole numbers of 1/WEIGHT_GRID, as contributions and their sums are) are written in format 5, one byte a weight below 0.128, and come back as the same numbers", () => {
  const units = [1, 523, 9999, 16_383, 16_384, 25_000, 123_456_789];
  const terms = new Map(Array.from({ length: 100 }, (_, i): [string, number] => [`w:el:λεξ${i}`, units[i % units.length] / WEIGHT_GRID]));
  const c = { ...contribution, terms };
  const grid = contributionBytes({ ...c, parts: { e: new Map([["e:gr", 0.707]]), n: new Map(), t: new Map(), p: new Map() } });
  assert.equal(grid[0], 5);
  const back = contributionFromBytes(grid);
  assert.deepEqual([...back.terms], [...terms]);
  assert.deepEqual([...back.parts.e], [["e:gr", 0.707]]);
  // one weight off the grid: format 4 (zigzag integers of 10^-5), a byte or two more a weight
  const off = contributionBytes({ ...c, parts: { e: new Map([["e:gr", 0.70711]]), n: new Map(), t: new Map(), p: new Map() } });
  assert.equal(off[0], 4);
  assert.ok(off.length >= grid.length + 40, `${off.length} against ${grid.length}`);
  // what a contribution adds to a profile stays on the grid, and so does the profile's blob
  const p = applyContribution(applyContribution(emptyProfile(), back, 1), back, 1);
  assert.equal(profileBytes(p)[0], 5);
  assert.deepEqual([...profileFromBytes(profileBytes(p)).terms.el].slice(0, 3), [...terms].slice(0, 3).map(([k, w]) => [k, 2 * w]));
});

test("keys with a character the compact form has not (Cyrillic, Latin with accents) are written in UTF-8 (format 3) and read back", () => {
  const terms = new Map([["w:ru:москва", 0.5], ["w:el:λιμαν", 0.25]]);
  const bytes = contributionBytes({ ...contribution, lang: "ru", terms, parts: { ...contribution.parts, e: new Map([["e:café", 1]]) } });
  assert.equal(bytes[0], 3);
  const back = contributionFromBytes(bytes);
  assert.deepEqual([...back.terms], [...terms]);
  assert.deepEqual([...back.parts.e], [["e:café", 1]]);
});

test("negative and large weights survive the variable-length integers; a blob cut short is refused", () => {
  const weights = [-0.00001, -3.5, 0.00001, 21474.83647, 1e6];
  const terms = new Map(weights.map((w, i): [string, number] => [`w:el:κ${i}`, w]));
  const bytes = contributionBytes({ ...contribution, terms, parts: { e: new Map(), n: new Map(), t: new Map(), p: new Map() } });
  assert.deepEqual([...contributionFromBytes(bytes).terms.values()], weights);
  assert.throws(() => contributionFromBytes(bytes.subarray(0, bytes.length - 1)), /end early/);
});

test("a story's lookup keys come back with their seqs, in order; Greek keys take one byte a letter, others UTF-8; none is no bytes", () => {
  const greek = new Map([["w:el:κυβερνησ", 41_007], ["e:gr", 40_112], ["n:3.75", 12], ["t:2023-12-07", 41_007]]);
  const bytes = keySeqsBytes(greek);
  assert.deepEqual([...keySeqsFromBytes(bytes)], [...greek]);
  assert.ok(bytes.length < Buffer.byteLength([...greek.keys()].join("\u0000")) + 4 * greek.size, `${bytes.length} bytes`);
  const other = new Map([["w:ru:москв", 3], ["e:ertogan", 1], ["w:en:café", 2]]);
  assert.deepEqual([...keySeqsFromBytes(keySeqsBytes(other))], [...other]);
  assert.equal(keySeqsBytes(new Map()).length, 0);
  assert.deepEqual([...keySeqsFromBytes(Buffer.alloc(0))], []);
});
