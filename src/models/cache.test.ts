import { strict as assert } from "node:assert";
import { test } from "node:test";
import { BoundedMap, entriesWithin } from "./cache.js";

test("a bounded map keeps recently used entries and stays within its limit", () => {
  const m = new BoundedMap<string, number>(4);
  for (let i = 0; i < 10; i++) {
    m.set(`w${i}`, i);
    assert.equal(m.get("w0"), 0, "a word read each time stays");
    assert.ok(m.size <= 4);
  }
  assert.equal(m.get("w9"), 9);
  assert.equal(m.get("w1"), undefined);
});

test("entries within a byte budget", () => {
  assert.equal(entriesWithin(1000, 100), 10);
  assert.equal(entriesWithin(10, 100), 1);
});
