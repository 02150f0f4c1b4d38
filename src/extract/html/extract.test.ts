// The HTML extractor on the project's own fixture pages (Greek and English news,
// a listing, a windows-1253 page, dates only in JSON-LD, in the text, in the URL).
import { test } from "node:test";
import assert from "node:assert/strict";
import { extractHtml } from "./index.js";
import { HTML_LIMITS, HtmlLimitError } from "./tree.js";
import { checkFixture, dateAccuracy, loadFixtures } from "./fixtures.js";

const fixtures = loadFixtures();
const extract = (f: (typeof fixtures)[number]) => extractHtml(f.html, { url: f.expected.url });

for (const f of fixtures) {
  test(`fixture ${f.name}`, () => {
    assert.deepEqual(checkFixture(f, extract(f)), []);
  });
}

test("publication date is right on at least 90% of the fixtures that carry one", () => {
  const { right, total } = dateAccuracy(fixtures, extract);
  assert.ok(total >= 6, `only ${total} fixtures carry a date`);
  assert.ok(right / total >= 0.9, `${right}/${total}`);
});

test("empty and text-free input give null, not an error", () => {
  assert.equal(extractHtml(""), null);
  assert.equal(extractHtml("<html><body><script>var x = 1;</script></body></html>"), null);
  assert.equal(extractHtml("not html at all"), null);
});

test("deeply nested and unbalanced markup does not break the extractor", () => {
  const para = "<p>Ο δήμος ανακοίνωσε σήμερα νέα μέτρα για την κυκλοφορία στο κέντρο της πόλης, που θα ισχύσουν από τη Δευτέρα.</p>";
  const deep = (n: number) => `<html><body>${"<div>".repeat(n)}${para.repeat(4)}${"</div>".repeat(n)}</body></html>`;
  assert.ok(extractHtml(deep(HTML_LIMITS.maxOpen - 10))?.paragraphs.length);
  assert.throws(() => extractHtml(deep(20_000)), (err: unknown) => err instanceof HtmlLimitError && err.limit === "maxOpen");
  const broken = `<html><body><article><p>${para.repeat(4)}<div><span></p></li></td><b>`;
  assert.ok(extractHtml(broken)?.paragraphs.length);
});

test("body paragraphs are NFC", () => {
  const decomposed = "Καλημέρα".normalize("NFD");
  const html = `<html><body><article>${`<p>${decomposed} σε όλους τους αναγνώστες της εφημερίδας μας, σήμερα έχουμε πολλά νέα να σας πούμε.</p>`.repeat(4)}</article></body></html>`;
  const got = extractHtml(html);
  assert.ok(got);
  assert.ok(got.paragraphs[0].startsWith("Καλημέρα".normalize("NFC")));
});

test("headings, list items, block quotes and table rows keep their kind; plain paragraphs have none", () => {
  const para = "<p>Ο δήμος ανακοίνωσε σήμερα νέα μέτρα για την κυκλοφορία στο κέντρο της πόλης, που θα ισχύσουν από τη Δευτέρα.</p>";
  const html = `<html><body><article>${para.repeat(3)}<h2>Τα νέα μέτρα</h2><ul><li>Πεζόδρομος στην οδό Ερμού.</li></ul><blockquote>Θα αλλάξει η πόλη.</blockquote><table><tr><td>Ώρες</td><td>08:00–20:00</td></tr></table>${para}</article></body></html>`;
  const got = extractHtml(html);
  assert.ok(got?.kinds);
  const kindOf = (start: string) => got.kinds?.[got.paragraphs.findIndex((p) => p.startsWith(start))];
  assert.equal(kindOf("Τα νέα μέτρα"), "heading");
  assert.equal(kindOf("Πεζόδρομος"), "item");
  assert.equal(kindOf("Θα αλλάξει"), "quote");
  assert.equal(kindOf("Ώρες"), "cell");
  assert.equal(kindOf("Ο δήμος"), null);
});
