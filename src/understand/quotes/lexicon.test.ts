import { strict as assert } from "node:assert";
import { test } from "node:test";
import { allLangs } from "../../lang/lang.js";
import { buildLexicon, quoteLexicon } from "./lexicon.js";

const WORD_LISTS = ["subjectDeterminers", "determiners", "linkers", "conjunctions", "roles", "portfolios", "describedSources", "modifiers", "pronouns", "prepositions"];
const POLARITIES = new Set(["positive", "negative"]);

test("every language with quotation tables gives cues with a stance and a polarity", () => {
  const withTables = allLangs().filter((l) => l.tables["quote-cues"]);
  assert.ok(withTables.length >= 2);
  for (const lang of withTables) {
    const cues = (lang.tables["quote-cues"] as { cues: { lemma: string; stance: string; polarity: string; forms: string[] }[] }).cues;
    for (const c of cues) {
      assert.ok(c.forms.length > 0, `${lang.code} ${c.lemma} has no forms`);
      assert.ok(POLARITIES.has(c.polarity), `${lang.code} ${c.lemma}: polarity ${c.polarity}`);
      assert.ok(c.stance, `${lang.code} ${c.lemma} has no stance`);
    }
  }
});

test("word lists hold single words (phrases belong in the phrase tables)", () => {
  for (const lang of allLangs()) {
    const speakers = lang.tables["quote-speakers"] as Record<string, unknown> | undefined;
    if (!speakers) continue;
    for (const list of WORD_LISTS) {
      for (const w of (speakers[list] as string[] | undefined) ?? []) assert.doesNotMatch(w, /\s/u, `${lang.code} ${list}: «${w}»`);
    }
  }
});

test("cue forms are found folded, whatever their accents and case", () => {
  const lex = quoteLexicon();
  for (const form of ["δηλωσε", "παραδεχθηκε", "αρνειται", "said", "pointed"]) assert.ok(lex.cues.has(form), form);
  assert.equal(lex.cues.get("pointed")?.[0].words.join(" "), "pointed out");
  assert.equal(lex.cues.get("αρνειται")?.[0].polarity, "negative");
});

test("a lexicon of no language knows no cue", () => {
  assert.equal(buildLexicon([]).cues.size, 0);
});
