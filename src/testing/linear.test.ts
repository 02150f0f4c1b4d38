// The linear-cost measure itself: linear work passes, quadratic work does not,
// also after the escalations to larger sizes.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { MAX_GROWTH, describeGrowth, growth } from "./linear.js";

const numbers = (n: number) => Int32Array.from({ length: n }, (_, i) => (i * 7919) % 1009);

function sum(xs: Int32Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function pairsEqual(xs: Int32Array): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (xs[i] === xs[j]) c++;
  return c;
}

test("linear work grows by about 4 from n to 4n", () => {
  const g = growth(numbers, sum, 100_000);
  assert.ok(g.ratio <= MAX_GROWTH, describeGrowth("sum", g));
});

test("quadratic work is over the limit, at n and at each step up", () => {
  const g = growth(numbers, pairsEqual, 100);
  assert.ok(g.ratio > MAX_GROWTH, describeGrowth("pairs", g));
  assert.equal(g.size, 1_600, "the escalation measured 4n against 16n, then 16n against 64n");
});
