import { strict as assert } from "node:assert";
import { test } from "node:test";
import { countOptions } from "./args.js";

test("counts take their defaults, switches are off unless given, and a bad option names the options", () => {
  assert.deepEqual(countOptions([], { articles: 10 }, ["live-heap"]), { articles: 10, "live-heap": false, json: false });
  assert.deepEqual(countOptions(["--articles", "3", "--live-heap", "--json"], { articles: 10 }, ["live-heap"]), { articles: 3, "live-heap": true, json: true });
  assert.throws(() => countOptions(["--live-heap"], { articles: 10 }), /options: --articles <n>, --json/);
  assert.throws(() => countOptions(["--articles", "0"], { articles: 10 }), /--articles must be a positive whole number/);
});
