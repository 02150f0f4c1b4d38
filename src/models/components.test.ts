// Runs the committed models (models/, part of the repository) on sentences of our own.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { emptyTokens, tokens, type Doc } from "../doc/doc.js";
import { getLang } from "../lang/lang.js";
import { tokenize } from "../text/tokenize.js";
import { mentionLemma, nerComponent, posComponent } from "./components.js";
import { hasModel } from "./runtime.js";

function doc(text: string, lang: string): Doc {
  const d: Doc = {
    id: "t",
    text,
    lang,
    langConfidence: 1,
    meta: {},
    layers: { paragraphs: [{ start: 0, end: text.length }], sentences: [{ start: 0, end: text.length }], tokens: emptyTokens(), related: [] },
  };
  d.layers.tokens = tokenize(text, { lang: getLang(lang) });
  return d;
}

const GREEK =
  "Ο Ρώσος υφυπουργός Εξωτερικών Σεργκέι Ριαμπκόφ δήλωσε ότι η Ρωσία δεν θα υποκύψει στις πιέσεις του Λευκού Οίκου και ότι η συνεργασία της Ρωσίας με το Ιράν θα συνεχιστεί.";

test("Greek: POS, lemmas and entities on a sentence of our own", { skip: !hasModel("pos", "el") || !hasModel("ner", "el") }, () => {
  const d = doc(GREEK, "el");
  posComponent().run(d);
  nerComponent().run(d);
  const toks = [...tokens(d)];
  const byText = new Map(toks.map((t) => [t.text, t]));
  assert.equal(byText.get("δήλωσε")?.pos, "VERB");
  assert.equal(byText.get("δήλωσε")?.lemma, "δηλώνω");
  assert.equal(byText.get("Ρωσία")?.pos, "PROPN");
  assert.equal(byText.get("Ριαμπκόφ")?.lemma, "Ριαμπκόφ");
  assert.equal(byText.get("Ρωσίας")?.lemma, "Ρωσία");
  assert.equal(byText.get("στις")?.pos, "ADP+DET");
  const mentions = d.layers.mentions ?? [];
  const person = mentions.find((m) => m.text.includes("Ριαμπκόφ"));
  assert.equal(person?.type, "PER");
  assert.equal(mentions.find((m) => m.text === "Ρωσία")?.type, "LOC");
  const house = mentions.find((m) => m.text === "Λευκού Οίκου");
  assert.ok(house, JSON.stringify(mentions));
  assert.equal(mentionLemma(d, house), "Λευκός Οίκος");
  for (const m of mentions) assert.equal(d.text.slice(m.start, m.end), m.text);
});

test("English: entities and UPOS on a sentence of our own", { skip: !hasModel("pos", "en") || !hasModel("ner", "en") }, () => {
  const d = doc("Foreign Minister Sergei Lavrov met officials from the European Union in Geneva on Monday.", "en");
  posComponent().run(d);
  nerComponent().run(d);
  const types = Object.fromEntries((d.layers.mentions ?? []).map((m) => [m.text, m.type]));
  assert.equal(types["Sergei Lavrov"], "PER");
  assert.equal(types["Geneva"], "LOC");
  assert.equal(types["European Union"], "ORG");
  const met = [...tokens(d)].find((t) => t.text === "met");
  assert.equal(met?.pos, "VERB");
  assert.equal(met?.lemma, "meet");
});

test("documents in a language without models pass through untouched", () => {
  const d = doc("Der Minister sprach in Berlin.", "de");
  posComponent().run(d);
  nerComponent().run(d);
  assert.equal(d.layers.tokens.pos, undefined);
  assert.equal(d.layers.mentions, undefined);
});
