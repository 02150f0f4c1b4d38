// The port of the benchmark metric on hand-made strings: shingles of 4 \w+ tokens,
// multiset matching, per-page normalisation, and which pages enter each average.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scoresFrom, shingleMatch } from "./extraction.js";

test("identical, disjoint and partial texts", () => {
  assert.deepEqual(shingleMatch("one two three four five", "one two three four five"), [1, 0, 0]);
  const [tp, fp, fn] = shingleMatch("a b c d e", "a b c d x");
  // truth shingles: "a b c d", "b c d e"; prediction: "a b c d", "b c d x".
  assert.deepEqual([tp, fp, fn], [1 / 3, 1 / 3, 1 / 3]);
  assert.deepEqual(shingleMatch("a b c d", "w x y z"), [0, 0.5, 0.5]);
});

test("texts shorter than a shingle are one shingle; punctuation and case are as in evaluate.py", () => {
  assert.deepEqual(shingleMatch("Hello, world!", "Hello world"), [1, 0, 0]);
  assert.deepEqual(shingleMatch("Hello world", "hello world"), [0, 0.5, 0.5]);
  assert.deepEqual(shingleMatch("Καλημέρα κόσμε", "Καλημέρα, κόσμε."), [1, 0, 0]);
  assert.deepEqual(shingleMatch("", ""), [0, 0, 0]);
});

test("repeated shingles count as a multiset", () => {
  assert.deepEqual(shingleMatch("a b c d", "a b c d. a b c d"), [0.2, 0.8, 0]);
});

test("precision skips pages with no prediction, recall pages with no truth", () => {
  const s = scoresFrom([[1, 0, 0], [0, 0, 1]]);
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 0.5);
  assert.ok(Math.abs(s.f1 - 2 / 3) < 1e-12);
});
