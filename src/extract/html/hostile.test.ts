// Hostile pages: generated tag soup never crashes the extractor (a result or a
// one-line limit error), and the cost grows linearly with the page (n vs 4n).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { MAX_GROWTH, describeGrowth, growth } from "../../testing/linear.js";
import { extractHtml } from "./index.js";
import { HTML_LIMITS, HtmlLimitError, parsePage } from "./tree.js";

const SENTENCE = "<p>Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία, είπε ο υπουργός.</p>";
const SOUP = [
  "<div>", "</div>", "<p>", "</p>", "<a href='/x'>", "</a>", "<span class='share'>", "</span>", "<table>", "<tr>", "<td>",
  "</td>", "<li>", "<ul>", "</ul>", "<script>", "</script>", "<style>", "<svg>", "</svg>", "<math>", "<!--", "-->", "<br>",
  "<h1>", "</h1>", "<form>", "</form>", "<title>", "</title>", "<meta charset='x'>", "&amp;", "&#0;", "&#x1b;", "<", ">",
  "</x>", "<![CDATA[", "]]>", "Καλημέρα κόσμε. ", "Read more ", "\u0000", "\u001b[2J", '"', "'", "=", SENTENCE,
];
const soup = fc.array(fc.constantFrom(...SOUP), { maxLength: 300 }).map((parts) => parts.join(""));

function outcome(html: string, limits = {}): string {
  try {
    const a = extractHtml(html, { limits });
    if (a) for (const p of a.paragraphs) assert.equal(typeof p, "string");
    return a ? "article" : "none";
  } catch (err) {
    assert.ok(err instanceof HtmlLimitError, String(err));
    assert.ok(!err.message.includes("\n"));
    return err.limit;
  }
}

test("tag soup gives an article, no article, or a one-line limit error", () => {
  fc.assert(fc.property(soup, (html) => void outcome(html)), { numRuns: 300 });
  fc.assert(fc.property(soup, (html) => void outcome(html, { maxTags: 40, maxOpen: 12, maxDepth: 4 })), { numRuns: 300 });
});

test("every limit is enforced and named", () => {
  assert.equal(outcome(`<html><body>${"<div>".repeat(2_000_000)}text`), "maxOpen");
  assert.equal(outcome(`<html><body>${"<b><i>".repeat(HTML_LIMITS.maxOpen)}`), "maxOpen");
  assert.equal(outcome(`<html><body>${"<p>x</p>".repeat(HTML_LIMITS.maxTags)}`), "maxTags");
  assert.equal(outcome(`<html><body>${"</x>".repeat(HTML_LIMITS.maxTags + 1)}`), "maxTags");
  assert.equal(outcome(SENTENCE.repeat(10), { maxBytes: 100 }), "maxBytes");
  assert.throws(() => parsePage("<div>".repeat(20), { maxOpen: 10 }), /max-open exceeded \(11 > 10\): the page has more elements open at once/);
});

test("nesting below the folded depth keeps its text", () => {
  const html = `<html><body><article>${"<div>".repeat(HTML_LIMITS.maxDepth + 200)}${SENTENCE.repeat(8)}</article></body></html>`;
  const words = extractHtml(html)?.paragraphs.join(" ").split("υπουργός").length;
  assert.equal(words, 9);
});

const FAMILIES: [string, (n: number) => string, number][] = [
  ["deep nesting (refused)", (n) => `<html><body>${"<div>".repeat(n)}text`, 200_000],
  ["deep nesting within the limits, then siblings", (n) => `<html><body>${"<div>".repeat(HTML_LIMITS.maxOpen - 10)}${SENTENCE.repeat(n / SENTENCE.length)}`, 60_000],
  ["many siblings", (n) => `<html><body><article>${SENTENCE.repeat(n / SENTENCE.length)}</article></body></html>`, 60_000],
  ["huge attribute values", (n) => `<html><body><div class="${"a ".repeat(n / 4)}" title="${"&amp;".repeat(n / 10)}">${SENTENCE}</div></body></html>`, 100_000],
  ["many unclosed inline tags", (n) => `<html><body><p>${"<b>x<i>y</b>z".repeat(n / 13)}</p></body></html>`, 40_000],
  ["end tags that close nothing", (n) => `<html><body>${"<div>".repeat(500)}${"</x>".repeat(n / 4)}`, 40_000],
  ["one huge text block", (n) => `<html><body><p>${"λέξη ".repeat(n / 5)}.</p></body></html>`, 100_000],
];

for (const [name, make, n] of FAMILIES) {
  test(`linear cost: ${name}`, () => {
    const g = growth(make, (html) => {
      try {
        extractHtml(html);
      } catch (err) {
        if (!(err instanceof HtmlLimitError)) throw err;
      }
    }, n);
    assert.ok(g.ratio <= MAX_GROWTH, describeGrowth(name, g));
  });
}
