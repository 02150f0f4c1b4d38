import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { Pipeline } from "../../pipeline/pipeline.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../../text/components.js";
import { findQuotes } from "./component.js";
import type { Quote } from "./types.js";

const textLayer = new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
const analyse = (page: string): Quote[] => findQuotes(textLayer.run(buildDoc(parseTextPage(page))));
const row = (q: Quote) => [q.kind, q.speaker ? (q.speaker.name ?? q.speaker.description) : null, q.cue, q.text];

test("a fragment characterised in the passive is a direct quotation of its agent", () => {
  const greek = analyse("Τίτλος\n\nΟι δύο ηγέτες συναντήθηκαν στην Άγκυρα τη Δευτέρα.\n\nΗ συνάντηση χαρακτηρίστηκε «εποικοδομητική» από τον υπουργό Εξωτερικών Γιώργο Γεραπετρίτη.\n");
  assert.deepEqual(greek.map(row), [["direct", "Γιώργο Γεραπετρίτη", "χαρακτηρίστηκε", "εποικοδομητική"]]);
  const english = analyse('Title\n\nThe two leaders met in Ankara on Monday.\n\nThe meeting was described as "constructive" by Foreign Minister George Gerapetritis.\n\nThe plan was labelled "a dead end" by the opposition.\n');
  assert.deepEqual(english.map(row), [
    ["direct", "George Gerapetritis", "described as", "constructive"],
    ["direct", "opposition", "labelled", "a dead end"],
  ]);
});

test("without an agent after it, or without the passive form before it, a fragment is not taken by this rule", () => {
  assert.equal(analyse('Title\n\nThe film, called "Heat", was shown at the festival on Monday night.\n').length, 0);
  assert.equal(analyse('Title\n\nThe bridge was called "the longest in Europe" in the brochure printed by the city.\n').length, 0);
});
