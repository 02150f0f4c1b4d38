import { strict as assert } from "node:assert";
import { test } from "node:test";
import { isMade, lazyField, once } from "./lazy.js";

test("once makes its value on the first call and gives the same one after, undefined included", () => {
  let calls = 0;
  const get = once(() => {
    calls++;
    return calls === 1 ? undefined : "again";
  });
  assert.equal(get(), undefined);
  assert.equal(get(), undefined);
  assert.equal(calls, 1);
});

test("a lazy field is made when first read, reads like a plain one, and says it was not made", () => {
  let calls = 0;
  const o: Record<string, Map<string, number>> = { plain: new Map() };
  lazyField(o, "late", () => {
    calls++;
    return new Map([["k", 1]]);
  });
  assert.equal(calls, 0);
  assert.deepEqual(Object.keys(o), ["plain", "late"]);
  assert.equal(o.late, o.late);
  assert.equal(calls, 1);
  assert.deepEqual({ ...o }, { plain: new Map(), late: new Map([["k", 1]]) });
  assert.equal(isMade(o, "plain"), true);
  assert.equal(isMade(o, "late"), false);
  assert.equal(isMade(o, "absent"), false);
});
