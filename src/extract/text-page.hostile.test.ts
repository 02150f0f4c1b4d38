// Hostile plain-text pages: generated lines never crash the parser, every output
// line comes from the input, and the cost grows linearly (n vs 4n).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { MAX_GROWTH, describeGrowth, growth } from "../testing/linear.js";
import { parseTextPage } from "./text-page.js";

const PIECES = [
  "Καλημέρα κόσμε. ", "Δείτε επίσης", "Read more: ", "• ", "ΣΧΟΛΙΑ", " date 2024-05-01 ", "Τρίτη, 15 Οκτωβρίου 2024, 18:48",
  ".", ":", "…", "«", "»", "-", "—", " ", "\t", "\n", "\r\n", "\r", "a.", "www.", "%", "Tags:", "\u0000", "\u001b[2J", "\u2028",
];
const page = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })), { maxLength: 200 }).map((p) => p.join(""));

test("any page gives an article whose lines all come from the input", () => {
  fc.assert(
    fc.property(page, (input) => {
      const a = parseTextPage(input);
      const lines = new Set(input.split(/\r\n|\r|\n/u).map((l) => l.trim()));
      const inInput = (s: string) => [...lines].some((l) => l.includes(s));
      for (const p of a.paragraphs) assert.ok(!/[\r\n]/.test(p) && inInput(p), p);
      for (const r of a.related) assert.ok(inInput(r.title), r.title);
      if (a.title !== null) assert.ok(inInput(a.title));
    }),
    { numRuns: 500 },
  );
});

const FAMILIES: [string, (n: number) => string, number][] = [
  ["one very long line", (n) => `Τίτλος\n${"λέξη ".repeat(n / 5)}`, 200_000],
  ["many short lines", (n) => `Τίτλος\n${"ab\n".repeat(n / 3)}`, 40_000],
  ["lines of only punctuation", (n) => `Τίτλος\n${".:;!?«»\n".repeat(n / 8)}`, 60_000],
  ["one line of punctuation", (n) => `Τίτλος\n${"-".repeat(n)}\nΚείμενο.`, 200_000],
  ["caption-like lines before the body", (n) => `Τίτλος\n${"Σύντομη λεζάντα\n".repeat(n / 16)}Κείμενο.`, 60_000],
  ["breadcrumb lines", (n) => `${"• Διεθνή\n".repeat(n / 10)}Τίτλος\nΚείμενο.`, 60_000],
  ["marker lines", (n) => `Τίτλος\nΚείμενο εδώ.\n${"Read more: Κάτι άλλο\n".repeat(n / 21)}`, 60_000],
];

for (const [name, make, n] of FAMILIES) {
  test(`linear cost: ${name}`, () => {
    const g = growth(make, (input) => parseTextPage(input), n);
    assert.ok(g.ratio <= MAX_GROWTH, describeGrowth(name, g));
  });
}
