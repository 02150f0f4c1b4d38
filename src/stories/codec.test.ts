import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Contribution, StoryProfile } from "./assign.js";
import { decodeContribution, decodeProfile, encodeContribution, encodeProfile } from "./codec.js";

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
const through = <T>(encode: (x: T) => unknown, decode: (v: unknown) => T, x: T): T => decode(JSON.parse(JSON.stringify(encode(x))));

test("a profile and a contribution come back with their keys, weights rounded to 5 decimals, weights that round to 0 left out", () => {
  const p = through(encodeProfile, decodeProfile, profile);
  assert.equal(p.articles, 2);
  assert.deepEqual(p.days, profile.days);
  assert.deepEqual([...p.terms.el], [["w:el:λιμαν", 1.23457], ["w:el:πλοι", 0.5]]);
  assert.deepEqual([...p.terms.en], [["w:en:port", 0.25]]);
  assert.deepEqual([...p.parts.e], [["e:krptrt", 0.70711]]);
  assert.equal(p.parts.n.size, 0);
  const c = through(encodeContribution, decodeContribution, contribution);
  assert.equal(c.lang, "el");
  assert.deepEqual(c.day, contribution.day);
  assert.deepEqual([...c.terms], [["w:el:λιμαν", 0.12346]]);
  assert.deepEqual([...c.parts.t], [["t:2024-03", 0.3]]);
  assert.deepEqual([...p.parts.p], [["p:pl", 0.5]]);
});

test("blobs written before places had a part of their own are read with an empty one", () => {
  const before = JSON.parse(JSON.stringify(encodeContribution(contribution)));
  before[4] = before[4].slice(0, 3);
  const c = decodeContribution(before);
  assert.deepEqual([...c.parts.t], [["t:2024-03", 0.3]]);
  assert.equal(c.parts.p.size, 0);
});

test("the object form of earlier stores is read as well", () => {
  const p = decodeProfile({ articles: 1, terms: { el: { "w:el:πλοι": 0.5 } }, parts: { e: { "e:krptrt": 1 }, n: {}, t: {} }, days: null });
  assert.deepEqual([...p.terms.el], [["w:el:πλοι", 0.5]]);
  assert.deepEqual([...p.parts.e], [["e:krptrt", 1]]);
  assert.equal(p.days, null);
  const c = decodeContribution({ lang: "en", terms: { "w:en:port": 0.2 }, parts: { e: {}, n: { "n:350": 1 }, t: {} }, day: null });
  assert.deepEqual([...c.parts.n], [["n:350", 1]]);
  assert.equal(c.parts.p.size, 0);
  assert.equal(c.lang, "en");
});
