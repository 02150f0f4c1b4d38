import { strict as assert } from "node:assert";
import { test } from "node:test";
import { decodeCursor, encodeCursor, nextCursor, queryDigest } from "./cursor.js";
import { ProblemError } from "./problem.js";

test("a cursor gives back its offset for the query it was made for", () => {
  const digest = queryDigest({ q: "ρωσία", lang: "el" });
  assert.equal(decodeCursor(encodeCursor(40, digest), digest), 40);
  assert.equal(decodeCursor(undefined, digest), 0);
  assert.equal(decodeCursor("", digest), 0);
});

test("the digest ignores parameter order and empty parameters, and tells queries apart", () => {
  assert.equal(queryDigest({ q: "a", lang: "el" }), queryDigest({ lang: "el", q: "a", site: undefined, to: "" }));
  assert.notEqual(queryDigest({ q: "a" }), queryDigest({ q: "b" }));
});

test("a malformed cursor or one of another query is a 400 problem naming the cursor", () => {
  const digest = queryDigest({ q: "a" });
  const other = encodeCursor(10, queryDigest({ q: "b" }));
  for (const bad of ["%%%", "abc", Buffer.from('{"o":-1,"q":"x"}').toString("base64url"), Buffer.from("[1]").toString("base64url"), "x".repeat(500), other]) {
    assert.throws(
      () => decodeCursor(bad, digest),
      (err: unknown) => err instanceof ProblemError && err.status === 400 && err.invalidParams?.[0].name === "cursor",
      bad,
    );
  }
});

test("the next cursor is null after a short page or at the total", () => {
  const d = queryDigest({ q: "a" });
  assert.equal(nextCursor(0, 5, 10, d), null);
  assert.equal(nextCursor(0, 10, 10, d, 10), null);
  assert.equal(decodeCursor(nextCursor(10, 10, 10, d, 30) ?? "", d), 20);
  assert.equal(decodeCursor(nextCursor(0, 10, 10, d) ?? "", d), 10);
});
