import assert from "node:assert/strict";
import { test } from "node:test";
import { scoreClustering, type Item } from "./clustering.js";

const items: Item[] = [
  { id: "a", gold: "s1", lang: "el" },
  { id: "b", gold: "s1", lang: "el" },
  { id: "c", gold: "s1", lang: "en" },
  { id: "d", gold: "s2", lang: "en" },
  { id: "e", gold: "s3", lang: "el" },
];

test("a perfect partition scores 1 everywhere", () => {
  const s = scoreClustering(items, new Map(items.map((i) => [i.id, i.gold])));
  assert.equal(s.pairs.all.f1, 1);
  assert.equal(s.pairs["el-el"].f1, 1);
  assert.equal(s.pairs["el-en"].f1, 1);
  assert.deepEqual(s.bcubed, { precision: 1, recall: 1, f1: 1 });
  assert.equal(s.singletonsAlone, 2);
});

test("pairs are counted per class, unclustered items are singletons, hard-negative merges are counted", () => {
  // a, b together; c alone (left out); d and e merged although gold keeps them apart as hard negatives.
  const predicted = new Map([["a", "x"], ["b", "x"], ["d", "y"], ["e", "y"]]);
  const s = scoreClustering(items, predicted, new Map([["s2", new Set(["s3"])], ["s3", new Set(["s2"])]]));
  assert.deepEqual({ ...s.pairs.all }, { precision: 0.5, recall: 0.333, f1: 0.4, gold: 3, predicted: 2, both: 1 });
  assert.equal(s.pairs["el-el"].precision, 1);
  assert.equal(s.pairs["el-en"].precision, 0);
  assert.equal(s.pairs["el-en"].recall, 0);
  assert.equal(s.pairs["en-en"].precision, null);
  assert.equal(s.hardNegativeMerges, 1);
  // B-cubed: a, b: P 1, R 2/3; c: P 1, R 1/3; d, e: P 1/2, R 1.
  assert.equal(s.bcubed.precision, 0.8);
  assert.equal(s.bcubed.recall, 0.733);
  assert.equal(s.singletonsAlone, 0);
});
