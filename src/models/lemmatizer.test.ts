import { strict as assert } from "node:assert";
import { test } from "node:test";
import { applyRule, KEEP_ACCENT, learnRule, Lemmatizer, type LemmaExample } from "./lemmatizer.js";

test("edit rules: suffix change and accent placement", () => {
  assert.deepEqual(learnRule("ανθρώπου", "άνθρωπος"), { cut: "υ", add: "ς", accent: 3 });
  assert.deepEqual(learnRule("ποινές", "ποινή"), { cut: "ες", add: "η", accent: KEEP_ACCENT });
  const rule = learnRule("ανθρώπου", "άνθρωπος")!;
  assert.equal(applyRule(rule, "αγγέλου"), "άγγελος");
  assert.equal(applyRule(rule, "δρόμος"), null, "a rule applies only to forms with its suffix");
});

const ex = (form: string, upos: string, feats: string, lemma: string, initial = false): LemmaExample => ({ form, upos, feats, lemma, initial });
const GEN = "Case=Gen|Gender=Fem|Number=Sing";
const TRAIN: LemmaExample[] = [
  ex("Ρωσίας", "PROPN", GEN, "Ρωσία"),
  ex("Κύπρου", "PROPN", "Case=Gen|Gender=Fem|Number=Sing", "Κύπρος"),
  ex("Ιταλίας", "PROPN", GEN, "Ιταλία"),
  ex("Γαλλίας", "PROPN", GEN, "Γαλλία"),
  ex("Ριαμπκόφ", "PROPN", "Case=Nom|Gender=Masc|Number=Sing", "Ριαμπκόφ"),
  ex("Πούτιν", "PROPN", "Case=Gen|Gender=Masc|Number=Sing", "Πούτιν"),
  ex("λευκού", "ADJ", "Case=Gen|Gender=Masc|Number=Sing", "λευκός"),
  ex("μεγάλου", "ADJ", "Case=Gen|Gender=Masc|Number=Sing", "μεγάλος"),
  ex("οίκου", "NOUN", "Case=Gen|Gender=Masc|Number=Sing", "οίκος"),
  ex("δρόμου", "NOUN", "Case=Gen|Gender=Masc|Number=Sing", "δρόμος"),
  ex("Δήλωσε", "VERB", "Person=3", "δηλώνω", true),
  ex("δήλωσε", "VERB", "Person=3", "δηλώνω"),
  ex("έγραψε", "VERB", "Person=3", "γράφω"),
];

test("the lexicon answers for seen forms", () => {
  const lem = Lemmatizer.train(TRAIN);
  assert.equal(lem.lemmatize("Ρωσίας", "PROPN", GEN), "Ρωσία");
  assert.equal(lem.lemmatize("Ριαμπκόφ", "PROPN", "Case=Nom|Gender=Masc|Number=Sing"), "Ριαμπκόφ");
});

test("unseen names are lemmatised by rule and keep their capital", () => {
  const lem = Lemmatizer.train(TRAIN);
  assert.equal(lem.lemmatize("Ισπανίας", "PROPN", GEN), "Ισπανία");
  assert.equal(lem.lemmatize("Λευκού", "ADJ", "Case=Gen|Gender=Masc|Number=Sing"), "λευκός");
  assert.equal(lem.lemmatize("Οίκου", "NOUN", "Case=Gen|Gender=Masc|Number=Sing"), "οίκος");
  assert.equal(lem.lemmatize("νόμου", "NOUN", "Case=Gen|Gender=Masc|Number=Sing"), "νόμος");
});

test("a sentence-initial capital is lowered for common words", () => {
  const lem = Lemmatizer.train(TRAIN);
  assert.equal(lem.lemmatize("Έγραψε", "VERB", "Person=3", true), "γράφω");
});

test("the saved tables rebuild the same lemmatizer", () => {
  const lem = Lemmatizer.train(TRAIN);
  const copy = new Lemmatizer(JSON.parse(JSON.stringify(lem.toJSON())));
  for (const form of ["Ισπανίας", "Ρωσίας", "λευκού", "Ριαμπκόφ"]) {
    assert.equal(copy.lemmatize(form, "PROPN", GEN), lem.lemmatize(form, "PROPN", GEN));
  }
});
