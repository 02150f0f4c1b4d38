import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Child } from "hono/jsx";
import { layerOf, markText, type Mark } from "./marked-text.js";

const html = (children: Child[]) => String(<>{children}</>);
const mark = (start: number, end: number, tag: string): Mark => ({ start, end, wrap: (c, last) => (last ? <b class={tag}>{c}</b> : <i class={tag}>{c}</i>) });

test("layers nest, the first outermost; a mark cut by an outer one is drawn in pieces, the last one told so", () => {
  const text = "Ο Νίκος Δημητρίου δήλωσε «όλα καλά» σήμερα.";
  const quote = layerOf([mark(25, 35, "q")]);
  const name = layerOf([mark(2, 17, "e")]);
  assert.equal(html(markText(text, 0, text.length, [quote, name])), 'Ο <b class="e">Νίκος Δημητρίου</b> δήλωσε <b class="q">«όλα καλά»</b> σήμερα.');
  // An entity that starts inside a quotation and ends after it: cut at the quotation's end.
  const cut = layerOf([mark(30, 42, "e")]);
  assert.equal(html(markText(text, 0, text.length, [quote, cut])), 'Ο Νίκος Δημητρίου δήλωσε <b class="q">«όλα <i class="e">καλά»</i></b><b class="e"> σήμερα</b>.');
  // A block that ends inside a mark draws the mark's first piece only.
  assert.equal(html(markText(text, 0, 7, [name])), 'Ο <i class="e">Νίκος</i>');
});

test("overlapping marks of one layer: the first (then the longer) wins; empty marks are dropped", () => {
  const layer = layerOf([mark(4, 8, "b"), mark(0, 5, "a"), mark(0, 3, "short"), mark(6, 6, "empty"), mark(8, 10, "c")]);
  assert.deepEqual(
    layer.map((m) => [m.start, m.end]),
    [
      [0, 5],
      [8, 10],
    ],
  );
  assert.equal(html(markText("abcdefghij", 0, 10, [layer])), '<b class="a">abcde</b>fgh<b class="c">ij</b>');
});

test("the text is escaped, whatever it holds", () => {
  const text = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
  const out = html(markText(text, 0, text.length, [layerOf([mark(0, 8, "e")])]));
  assert.ok(!out.includes("<script>") && !out.includes("<img"), out);
  assert.ok(out.startsWith('<b class="e">&lt;script&gt;</b>'));
});

test("work is linear: many marks over a long text", () => {
  const words = 20_000;
  const text = "λέξη ".repeat(words);
  const marks = Array.from({ length: words }, (_, i) => mark(i * 5, i * 5 + 4, "w"));
  const started = performance.now();
  const out = markText(text, 0, text.length, [layerOf(marks.filter((_, i) => i % 7 === 0)), layerOf(marks)]);
  assert.ok(out.length > words / 7);
  assert.ok(performance.now() - started < 2000);
});
