import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { MAX_GROWTH, describeGrowth, growth } from "../testing/linear.js";
import { trimEdges } from "./trim.js";

const REGEX = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

test("trims punctuation, symbols and spaces at both ends, as the regular expression does", () => {
  assert.equal(trimEdges(" — Διαβάστε επίσης: "), "Διαβάστε επίσης");
  assert.equal(trimEdges("«»…"), "");
  assert.equal(trimEdges("😀 word 😀"), "word");
  const text = fc.string({ unit: fc.constantFrom("a", "Ω", "-", " ", "«", "😀", "\ud800", "\udc00", "1", "\u0301", "$") });
  fc.assert(fc.property(text, (s) => trimEdges(s) === s.replace(REGEX, "")), { numRuns: 1000 });
});

test("linear cost on a long inner run of punctuation", () => {
  const g = growth((n) => `a${"-".repeat(n)}b`, trimEdges, 200_000);
  assert.ok(g.ratio <= MAX_GROWTH, describeGrowth("inner run", g));
});
