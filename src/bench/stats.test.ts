import { strict as assert } from "node:assert";
import { test } from "node:test";
import { median } from "./stats.js";

test("the median is the middle value, or the mean of the two middle ones; the input is left as it was", () => {
  const xs = [5, 1, 3];
  assert.equal(median(xs), 3);
  assert.deepEqual(xs, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});
