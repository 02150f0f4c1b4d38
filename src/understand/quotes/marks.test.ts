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

test("a quote runs on over paragraphs without marks when the next mark closes it", () => {
  const el = contents("Είπε: «Η ομάδα έπαιξε καλά.\n\nΤο επόμενο παιχνίδι είναι δύσκολο».\n\nΗ συνέντευξη τελείωσε.");
  assert.deepEqual(el, ["Η ομάδα έπαιξε καλά.\n\nΤο επόμενο παιχνίδι είναι δύσκολο"]);
  const en = contents("She said that “the plan works.\n\nWe will keep it.\n\nNothing changes”.\n\nThe talks ended.");
  assert.deepEqual(en, ["the plan works.\n\nWe will keep it.\n\nNothing changes"]);
});

test("a quote runs on when a later paragraph opens with its mark, and to a cut-off end", () => {
  assert.deepEqual(contents("“We start now.\n\nThe rest follows.\n\n“Then we stop,” he said."), ["We start now.\n\nThe rest follows.\n\n“Then we stop,"]);
  assert.deepEqual(contents("He replied that “we are ready.\n\nWe will talk to anyone at any ti"), ["we are ready.\n\nWe will talk to anyone at any ti"]);
  assert.deepEqual(contents("«Δεν τελειώσαμε.\n\nΆλλη παράγραφος.\n\nΕίπε «νέο» και έφυγε."), ["Δεν τελειώσαμε.", "νέο"]);
});

test("two single marks in a row stand for a double mark", () => {
  assert.deepEqual(contents("‘’We will win,’’ the coach said."), ["We will win,"]);
  assert.deepEqual(contents("‘’First part.\n\n“Second part,’’ she said."), ["First part.\n\n“Second part,"]);
  assert.deepEqual(contents("It isn’t ‘fair’, he said."), ["fair"]);
});

test("a single closing guillemet closes «", () => {
  assert.deepEqual(contents("Δήλωσε ότι «η είδηση ήταν λάθος› και έφυγε."), ["η είδηση ήταν λάθος"]);
});
