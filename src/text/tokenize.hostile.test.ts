// Hostile text for the tokenizer: long runs of the characters its patterns
// start on (dots, dashes, per cents, www., e-mail-like and dotted runs) cost
// time in proportion to their length (n and 4n), and on any generated string
// the tokens lie in order, do not overlap, and cover every visible character.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { getLang } from "../lang/lang.js";
import { MAX_GROWTH, describeGrowth, growth } from "../testing/linear.js";
import { tokenize } from "./tokenize.js";

const lang = getLang("el");
const SPACE = /\s/u;

const FAMILIES: Record<string, (n: number) => string> = {
  "a.": (n) => "a.".repeat(n),
  "a. then a letter": (n) => `${"a.".repeat(n)}b`,
  ".": (n) => ".".repeat(n),
  "-": (n) => "-".repeat(n),
  "%": (n) => "%".repeat(n),
  "www.": (n) => "www.".repeat(n >> 1),
  "- - -": (n) => "- ".repeat(n),
  "long word": (n) => "α".repeat(2 * n),
  "digit groups": (n) => `${"1.".repeat(n)}1`,
  "e-mail-like": (n) => "a@".repeat(n),
};

test("tokenizing time grows linearly on hostile runs (n and 4n)", () => {
  for (const [name, make] of Object.entries(FAMILIES)) {
    const g = growth(make, (text) => tokenize(text, { lang }), 1_000);
    assert.ok(g.ratio <= MAX_GROWTH, describeGrowth(name, g));
  }
});

const HOSTILE_CHARS = fc.constantFrom("a", "Α", "1", ".", "-", "%", "@", "w", "/", ":", "«", "»", "„", "“", "‘", "’", "'", '"', "‹", " ", "\n", "…", "#", "_");
const hostile = fc.array(HOSTILE_CHARS, { maxLength: 200 }).map((cs) => cs.join(""));

test("tokens are in order, do not overlap, and cover every visible character", () => {
  fc.assert(
    fc.property(hostile, (text) => {
      const t = tokenize(text, { lang });
      let covered = 0;
      for (let i = 0; i < t.length; i++) {
        assert.ok(t.start[i] >= covered && t.end[i] > t.start[i] && t.end[i] <= text.length);
        for (let k = covered; k < t.start[i]; k++) assert.ok(SPACE.test(text[k]), `uncovered ${JSON.stringify(text[k])} in ${JSON.stringify(text)}`);
        covered = t.end[i];
      }
      for (let k = covered; k < text.length; k++) assert.ok(SPACE.test(text[k]));
    }),
    { numRuns: 300 },
  );
});
