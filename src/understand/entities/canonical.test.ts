import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../../doc/doc.js";
import { analyzeRaw } from "../../pipeline/analyze.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { analyzeFixture, fixtureText } from "../fixtures/fixtures.js";

const tagged = (text: string): Doc => analyzeRaw({ source: "fixture", mediaType: "text/plain", text, hints: { lang: "el" } }, defaultPipeline());
const names = (doc: Doc) => (doc.layers.entities ?? []).map((e) => e.names.el ?? e.name);

test("multi-word names in the nominative: head and agreeing adjectives declined, genitive complements kept", () => {
  const got = names(tagged(fixtureText("el-names.txt")));
  for (const name of ["Πυροσβεστική Υπηρεσία", "Αρχή Λιμένων Κύπρου", "Τμήμα Γεωλογικής Επισκόπησης", "υπουργείο Άμυνας", "Ευρωπαϊκό Πανεπιστήμιο", "Λεμεσός"]) {
    assert.ok(got.includes(name), `${name} in ${got.join(" · ")}`);
  }
});

test("people's names by gender: men's surnames decline, women's keep their form; first names keep their accents", () => {
  const doc = tagged(fixtureText("el-names.txt"));
  const got = names(doc);
  for (const name of ["Κυριάκος Μητσοτάκης", "Άννα Παπαδοπούλου", "Ντόρα Μπακογιάννη", "Γιώργος Ευαγγελάτος", "Αγλαΐα Ρουσάκη"]) assert.ok(got.includes(name), `${name} in ${got.join(" · ")}`);
  const pm = doc.layers.entities?.find((e) => e.name === "Κυριάκος Μητσοτάκης");
  assert.deepEqual(pm?.mentions.map((m) => doc.text.slice(m.start, m.end)), ["Κυριάκο Μητσοτάκη", "Μητσοτάκη"]);
  assert.ok(!got.some((n) => /Παπαδόπουλος|Μπακογιάννης|Γιωργος/u.test(n)));
});

test("a mention seen in the nominative is preferred to a derived name", () => {
  const text = "Τίτλος\n\nΗ ομιλία της Γλυκερίας Καλαϊτζή άρεσε. Η Γλυκερία Καλαϊτζή ευχαρίστησε το κοινό του 'Ακη Σκέρτσου.";
  const got = names(tagged(text));
  assert.ok(got.includes("Γλυκερία Καλαϊτζή"), got.join(" · "));
  assert.ok(got.includes("Άκης Σκέρτσος"), got.join(" · "));
});

test("without the taggers a phrase stays as written rather than half declined", () => {
  const doc = analyzeFixture(fixtureText("el-names.txt"), { lang: "el" });
  const got = names(doc);
  assert.ok(got.includes("Ευρωπαϊκού Πανεπιστημίου"), got.join(" · "));
  assert.ok(got.includes("Κυριάκος Μητσοτάκης"), "a listed first name still gives the case");
});

test("a hyphenated name written with a stray space is named without it", () => {
  const doc = tagged("Τίτλος\n\nΟ Ρεζά Ταλαεΐ- Νικ μίλησε. Ο Ταλαεΐ- Νικ πρόσθεσε ότι θα απαντήσουν.");
  const e = doc.layers.entities?.find((x) => x.type === "PER");
  assert.equal(e?.name, "Ρεζά Ταλαεΐ-Νικ");
  assert.equal(e?.mentions.length, 2);
  assert.deepEqual(e?.transliterated, ["en"]);
  assert.equal(e?.names.en, "Reza Talaei-Nik");
});

test("a form whose article gives its case is declined before a form the tagger alone calls nominative", () => {
  const doc = tagged("Τίτλος\n\nΦωτιά ξέσπασε στη Λεμεσό χθες το απόγευμα. Η αστυνομία έκλεισε τον δρόμο Πάχνας – Λεμεσού για ώρες.\n");
  assert.ok(names(doc).includes("Λεμεσός"), names(doc).join(" · "));
});
