import { strict as assert } from "node:assert";
import { test } from "node:test";
import { getLang } from "../lang/lang.js";
import { splitSentences } from "./sentences.js";
import { tokenize } from "./tokenize.js";

function split(text: string, code = "el"): string[] {
  const lang = getLang(code);
  const tokens = tokenize(text, { lang });
  return splitSentences(text, tokens, [{ start: 0, end: text.length }], { lang }).map((s) => text.slice(s.start, s.end));
}

test("splits at full stops before a capital", () => {
  assert.deepEqual(split("Η βροχή σταμάτησε. Ο ήλιος βγήκε."), ["Η βροχή σταμάτησε.", "Ο ήλιος βγήκε."]);
});

test("the Greek question mark ends a sentence", () => {
  assert.deepEqual(split("Τι συνέβη; Κανείς δεν ξέρει."), ["Τι συνέβη;", "Κανείς δεν ξέρει."]);
});

test("abbreviations do not end sentences", () => {
  assert.deepEqual(split("Ο κ. Γεωργίου είπε π.χ. ότι το κόστος είναι 5 εκατ. ευρώ. Όλοι συμφώνησαν."), [
    "Ο κ. Γεωργίου είπε π.χ. ότι το κόστος είναι 5 εκατ. ευρώ.",
    "Όλοι συμφώνησαν.",
  ]);
  assert.deepEqual(split("Dr. Jones met U.S. officials. They agreed.", "en"), ["Dr. Jones met U.S. officials.", "They agreed."]);
});

test("an abbreviation that may end a sentence ends one before a capital", () => {
  assert.deepEqual(split("Έφεραν φρούτα, λαχανικά κ.λπ. Μετά έφυγαν."), ["Έφεραν φρούτα, λαχανικά κ.λπ.", "Μετά έφυγαν."]);
});

test("initials do not end sentences", () => {
  assert.deepEqual(split("Ο Σ. Ιωάννου μίλησε. Μετά ο Ά. Νικολάου."), ["Ο Σ. Ιωάννου μίλησε.", "Μετά ο Ά. Νικολάου."]);
});

test("ellipsis inside a sentence does not split; before a capital it does", () => {
  assert.deepEqual(split("Είχαμε (…) με άλλες χώρες συμφωνίες. Τέλος."), ["Είχαμε (…) με άλλες χώρες συμφωνίες.", "Τέλος."]);
  assert.deepEqual(split("Περιμέναμε… Τίποτα δεν έγινε."), ["Περιμέναμε…", "Τίποτα δεν έγινε."]);
});

test("a quotation and its attribution stay one sentence", () => {
  const text = "«Δεν αλλάζει τίποτα και η συνεργασία θα συνεχιστεί», τόνισε ο Πετρόφ, όπως μετέδωσε το πρακτορείο TASS. «Είμαστε ανεξάρτητοι», πρόσθεσε.";
  assert.deepEqual(split(text), [
    "«Δεν αλλάζει τίποτα και η συνεργασία θα συνεχιστεί», τόνισε ο Πετρόφ, όπως μετέδωσε το πρακτορείο TASS.",
    "«Είμαστε ανεξάρτητοι», πρόσθεσε.",
  ]);
});

test("a multi-sentence quotation followed by its attribution is kept whole", () => {
  assert.deepEqual(split("«Ήρθαμε. Είδαμε. Νικήσαμε», είπε ο στρατηγός. Οι άλλοι σώπασαν."), [
    "«Ήρθαμε. Είδαμε. Νικήσαμε», είπε ο στρατηγός.",
    "Οι άλλοι σώπασαν.",
  ]);
  assert.deepEqual(split('"We came. We saw," he said. Then he left.', "en"), ['"We came. We saw," he said.', "Then he left."]);
});

test("a sentence ending inside a quotation closes after the closing mark", () => {
  assert.deepEqual(split("Δήλωσε: «Θα έρθω αύριο.» Και έφυγε."), ["Δήλωσε: «Θα έρθω αύριο.»", "Και έφυγε."]);
});

test("a lower-case word after a full stop does not start a sentence", () => {
  assert.deepEqual(split("Στις 3 μ.μ. ξεκίνησε η συνεδρίαση."), ["Στις 3 μ.μ. ξεκίνησε η συνεδρίαση."]);
});

test("no sentence crosses a block boundary", () => {
  const text = "Τίτλος χωρίς τελεία\n\nΠρώτη παράγραφος χωρίς τελεία\n\nΔεύτερη.";
  const lang = getLang("el");
  const tokens = tokenize(text, { lang });
  const blocks = [{ start: 0, end: 19 }, { start: 21, end: 50 }, { start: 52, end: text.length }];
  const got = splitSentences(text, tokens, blocks, { lang }).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(got, ["Τίτλος χωρίς τελεία", "Πρώτη παράγραφος χωρίς τελεία", "Δεύτερη."]);
});
