import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { escapeControl } from "./terminal.js";

test("control characters become visible escapes; printable text is unchanged", () => {
  assert.equal(escapeControl("a\nnewsgraph: fake"), "a\\nnewsgraph: fake");
  assert.equal(escapeControl("\u001b]0;title\u0007\u001b[2J"), "\\x1b]0;title\\x07\\x1b[2J");
  assert.equal(escapeControl("tab\there\r\u0000\u009b\u2028"), "tab\\there\\r\\x00\\x9b\\u2028");
  assert.equal(escapeControl("Καλημέρα, «κόσμε» — ok"), "Καλημέρα, «κόσμε» — ok");
});

test("no escaped string holds a control character", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(escapeControl(s))),
  );
});
