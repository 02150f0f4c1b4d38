import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { STYLE, escapeControl, safeForTerminal } from "./terminal.js";

const HOSTILE = "Title\x1b]0;owned\x07 \x1b[2J\r\x00\x7f\x9b\u202eevil\u202c \u2066x\u2069";

test("control characters and bidi overrides are written as visible escapes; tabs and newlines are kept", () => {
  assert.equal(
    safeForTerminal(HOSTILE),
    "Title\\u001b]0;owned\\u0007 \\u001b[2J\\u000d\\u0000\\u007f\\u009b\\u202eevil\\u202c \\u2066x\\u2069",
  );
  assert.equal(safeForTerminal("a\tb\nc «Ρωσία» \u200f"), "a\tb\nc «Ρωσία» \u200f");
});

test("the escapes keep JSON valid and its meaning unchanged", () => {
  const value = { title: HOSTILE, sep: "\u2028\u2029" };
  assert.deepEqual(JSON.parse(safeForTerminal(JSON.stringify(value))), value);
});

test("style markers become terminal styles only when asked; no ESC of the text does", () => {
  const styled = `${STYLE.bold}Κύπρος${STYLE.reset} \x1b[1m`;
  assert.equal(safeForTerminal(styled, { styles: true }), "\x1b[1mΚύπρος\x1b[0m \\u001b[1m");
  assert.equal(safeForTerminal(styled), "\\ufdd0Κύπρος\\ufdd1 \\u001b[1m");
});

test("one-line messages: line breaks, tabs and controls become visible escapes; printable text is unchanged", () => {
  assert.equal(escapeControl("a\nnewsgraph: fake"), "a\\nnewsgraph: fake");
  assert.equal(escapeControl("\u001b]0;title\u0007\u001b[2J"), "\\u001b]0;title\\u0007\\u001b[2J");
  assert.equal(escapeControl("tab\there\r\u0000\u009b\u2028"), "tab\\there\\u000d\\u0000\\u009b\\u2028");
  assert.equal(escapeControl("Καλημέρα, «κόσμε» — ok"), "Καλημέρα, «κόσμε» — ok");
});

test("no escaped one-line message holds a control character", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(escapeControl(s))),
  );
});
