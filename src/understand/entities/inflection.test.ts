import { strict as assert } from "node:assert";
import { test } from "node:test";
import { combineMorph, determinersOf, firstName, inflectionOf, morphOfFeats, nominativeWord, restoreAccentMark, type Inflection } from "./inflection.js";

const el = inflectionOf("el") as Inflection;
const masc = (c: string) => ({ case: c, gender: "Masc", number: "Sing" });
const fem = (c: string) => ({ case: c, gender: "Fem", number: "Sing" });
const neut = (c: string) => ({ case: c, gender: "Neut", number: "Sing" });

test("a language without an inflection table has none; Greek has articles with their cases", () => {
  assert.equal(inflectionOf("en"), null);
  assert.deepEqual(determinersOf("el").get("της"), { case: ["Gen"], gender: ["Fem"], number: ["Sing"] });
  assert.equal(determinersOf("el").get("ή"), undefined, "the conjunction ή is not the article η");
});

test("an oblique ending becomes the nominative ending of its gender, final sigma included", () => {
  assert.equal(nominativeWord(el, "Μητσοτάκη", masc("Gen")), "Μητσοτάκης");
  assert.equal(nominativeWord(el, "Κυριάκο", masc("Acc")), "Κυριάκος");
  assert.equal(nominativeWord(el, "ΜΗΤΣΟΤΑΚΗ", masc("Acc")), "ΜΗΤΣΟΤΑΚΗΣ");
  assert.equal(nominativeWord(el, "Πυροσβεστικής", fem("Gen")), "Πυροσβεστική");
  assert.equal(nominativeWord(el, "Υπηρεσίας", fem("Gen")), "Υπηρεσία");
  assert.equal(nominativeWord(el, "Γενικού", neut("Gen")), "Γενικό");
  assert.equal(nominativeWord(el, "Τμήματος", neut("Gen")), "Τμήμα");
  assert.equal(nominativeWord(el, "Ολυμπιακούς", { case: "Acc", gender: "Masc", number: "Plur" }), "Ολυμπιακοί");
});

test("words whose ending is not listed for their case, and nominatives, do not change", () => {
  assert.equal(nominativeWord(el, "Χαριλάου", masc("Acc")), "Χαριλάου");
  assert.equal(nominativeWord(el, "Ερντογάν", masc("Gen")), "Ερντογάν");
  assert.equal(nominativeWord(el, "Ταλαεΐ", masc("Gen")), "Ταλαεΐ");
  assert.equal(nominativeWord(el, "Μητσοτάκης", masc("Nom")), "Μητσοτάκης");
  assert.equal(nominativeWord(el, "Μητσοτάκη", {}), "Μητσοτάκη", "no case known: as written");
});

test("the accent moves where the tagger's lemma has it, diaeresis kept", () => {
  assert.equal(nominativeWord(el, "Πανεπιστημίου", neut("Gen")), "Πανεπιστημίο");
  assert.equal(nominativeWord(el, "Πανεπιστημίου", neut("Gen"), "Πανεπιστήμιο"), "Πανεπιστήμιο");
  assert.equal(nominativeWord(el, "Κυπέλλου", neut("Gen"), "Κύπελλος"), "Κύπελλο");
  assert.equal(nominativeWord(el, "Προϊσταμένου", masc("Gen"), "Προϊστάμενος"), "Προϊστάμενος");
  assert.equal(nominativeWord(el, "Ευρωπαϊκού", neut("Gen"), "Ευρωπαϊκός"), "Ευρωπαϊκό", "an accented ending keeps its accent");
  assert.equal(nominativeWord(el, "Νίκου", masc("Gen"), "Νικου"), "Νίκος", "a lemma without an accent is not followed");
});

test("an accent mark before a capital vowel is its accent, for every accented capital", () => {
  const pairs = [["Ακης", "Άκης"], ["Ελλη", "Έλλη"], ["Ηρα", "Ήρα"], ["Ιων", "Ίων"], ["Ολγα", "Όλγα"], ["Υδρα", "Ύδρα"], ["Ωρα", "Ώρα"]];
  for (const [plain, accented] of pairs) assert.equal(restoreAccentMark(el, "'", plain), accented);
  assert.equal(restoreAccentMark(el, "΄", "Αρης"), "Άρης");
  assert.equal(restoreAccentMark(el, " ", "Ακης"), "Ακης");
  assert.equal(restoreAccentMark(el, "'", "Άκης"), "Άκης");
  assert.equal(restoreAccentMark(el, "'", "Γιάννης"), "Γιάννης");
});

test("first names give a name's gender and case, and their accents", () => {
  assert.deepEqual(firstName(el, "Γιωργος"), { morph: masc("Nom"), name: "Γιώργος" });
  assert.deepEqual(firstName(el, "Κυριάκο"), { morph: masc("Acc"), name: "Κυριάκος" });
  assert.deepEqual(firstName(el, "Νίκου"), { morph: masc("Gen"), name: "Νίκος" });
  assert.deepEqual(firstName(el, "Γλυκερίας"), { morph: fem("Gen"), name: "Γλυκερία" });
  assert.deepEqual(firstName(el, "ΑΓΛΑΪΑΣ"), { morph: fem("Gen"), name: "Αγλαΐα" });
  assert.deepEqual(firstName(el, "Άννα"), { morph: fem("Nom"), name: "Άννα" });
  assert.equal(firstName(el, "Ρομπέρτο"), null);
});

test("the article decides what it can, the tagger the rest", () => {
  assert.deepEqual(morphOfFeats("Case=Gen|Definite=Def|Gender=Fem|Number=Sing"), fem("Gen"));
  const to = determinersOf("el").get("το");
  assert.deepEqual(combineMorph(to, neut("Acc")), neut("Acc"));
  assert.deepEqual(combineMorph(to, masc("Gen")), neut("Nom"), "the tagger's case and gender outside what the article allows are dropped");
  assert.deepEqual(combineMorph(undefined, masc("Gen")), masc("Gen"));
});
