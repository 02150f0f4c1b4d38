import { strict as assert } from "node:assert";
import { test } from "node:test";
import { identifyLanguage } from "./langid.js";

test("Greek text is el with high confidence", () => {
  const g = identifyLanguage("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των νοικοκυριών και των μικρών επιχειρήσεων.");
  assert.equal(g.lang, "el");
  assert.ok(g.confidence > 0.9, String(g.confidence));
});

test("English text is en, even with Greek names in it", () => {
  const g = identifyLanguage("The minister said on Thursday that the government would support households, Κώστας Παπαδόπουλος told reporters in the capital city.");
  assert.equal(g.lang, "en");
  assert.ok(g.confidence > 0.8, String(g.confidence));
});

test("other languages are labelled with their ISO 639-1 code", () => {
  const g = identifyLanguage("Die Regierung hat heute neue Maßnahmen zur Unterstützung der Haushalte und der kleinen Unternehmen angekündigt.");
  assert.equal(g.lang, "de");
});

test("too little text is und with no confidence", () => {
  assert.deepEqual(identifyLanguage("12 34 !!"), { lang: "und", confidence: 0 });
});

test("short texts get a lower confidence than long ones", () => {
  const short = identifyLanguage("Η βροχή σταμάτησε νωρίς");
  const long = identifyLanguage("Η βροχή σταμάτησε νωρίς το πρωί και οι δρόμοι άνοιξαν ξανά για την κυκλοφορία των οχημάτων.");
  assert.equal(short.lang, "el");
  assert.ok(short.confidence < long.confidence);
});
