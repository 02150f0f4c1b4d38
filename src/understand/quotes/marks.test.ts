import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Span } from "../../doc/doc.js";
import { buildLexicon } from "./lexicon.js";
import { pairMarks } from "./marks.js";
import { getLang } from "../../lang/lang.js";

const marks = buildLexicon([getLang("el"), getLang("en")]).marks;

/** Blocks separated by blank lines, as the document builder lays them out. */
function blocks(text: string): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const part of text.split("\n\n")) {
    out.push({ start: at, end: at + part.length });
    at += part.length + 2;
  }
  return out;
}

function contents(text: string): string[] {
  return pairMarks(text, blocks(text), marks).map((m) => text.slice(m.start, m.end));
}

test("nested quotes stay inside the outer quote", () => {
  assert.deepEqual(contents("Είπε: «Η φράση «ποτέ ξανά» ισχύει», και έφυγε."), ["Η φράση «ποτέ ξανά» ισχύει"]);
  assert.deepEqual(contents("He said: “The word ‘never’ stands.”"), ["The word ‘never’ stands."]);
});

test("apostrophes are not quote marks", () => {
  assert.deepEqual(contents("Turkey’s view, as Ward's aide put it, was “don’t wait”."), ["don’t wait"]);
});

test("a stray repeated opening mark is taken into the quote that one closing mark ends", () => {
  assert.deepEqual(contents("“They lied. “We will not forget,” he said."), ["They lied. “We will not forget,"]);
});

test("a quote continues over paragraphs that open with its mark (English) or its closing mark (Greek)", () => {
  const en = contents("“First part.\n\n“Second part,” she said.");
  assert.deepEqual(en, ["First part.\n\n“Second part,"]);
  const el = contents("«Πρώτο μέρος.\n\n»Δεύτερο μέρος», είπε.");
  assert.deepEqual(el, ["Πρώτο μέρος.\n\n»Δεύτερο μέρος"]);
});

test("a quote left open runs to the end of its paragraph", () => {
  assert.deepEqual(contents("«Ουδέποτε το δεχτήκαμε. Για να υπάρξει\n\nΆλλη παράγραφος."), ["Ουδέποτε το δεχτήκαμε. Για να υπάρξει"]);
});

test("straight quotes open before a word and close after one", () => {
  assert.deepEqual(contents(`Erdogan: "As long as I am here" and "never"`), ["As long as I am here", "never"]);
});
