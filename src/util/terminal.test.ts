import { strict as assert } from "node:assert";
import { test } from "node:test";
import { STYLE, safeForTerminal } from "./terminal.js";

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
