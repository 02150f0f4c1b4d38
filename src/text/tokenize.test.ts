import { strict as assert } from "node:assert";
import { test } from "node:test";
import { TOKEN_KIND_NAMES } from "../doc/doc.js";
import { getLang } from "../lang/lang.js";
import { matchedTexts, tokenize, tokenStrings } from "./tokenize.js";

const el = getLang("el");
const en = getLang("en");

function toks(text: string, lang = el): string[] {
  return tokenStrings(text, tokenize(text, { lang }));
}

function kinds(text: string, lang = el): string[] {
  const t = tokenize(text, { lang });
  return Array.from(t.kind, (k) => TOKEN_KIND_NAMES[k]);
}

test("offsets index the original text", () => {
  const text = "Η Ρωσία, είπε.";
  const t = tokenize(text, { lang: el });
  for (let i = 0; i < t.length; i++) assert.ok(t.end[i] > t.start[i]);
  assert.equal(text.slice(t.start[1], t.end[1]), "Ρωσία");
});

test("numbers with thousands and decimal marks, dates and times stay whole", () => {
  assert.deepEqual(toks("1.500,50 ευρώ στις 15/10 και 18:48"), ["1.500,50", "ευρώ", "στις", "15/10", "και", "18:48"]);
  assert.deepEqual(kinds("1.500,50"), ["number"]);
  assert.deepEqual(toks("το 2022."), ["το", "2022", "."]);
});

test("a number glued to letters is one word", () => {
  assert.deepEqual(toks("του 26χρονου"), ["του", "26χρονου"]);
});

test("quote marks, ellipsis and the Greek question mark are tokens", () => {
  assert.deepEqual(toks("«Τι έγινε;» „Nein“ “yes” ‘no’ (…)"), ["«", "Τι", "έγινε", ";", "»", "„", "Nein", "“", "“", "yes", "”", "‘", "no", "’", "(", "…", ")"]);
  assert.deepEqual(kinds("«Α»"), ["quote", "word", "quote"]);
});

test("hyphenated names, also with a stray space after the hyphen", () => {
  assert.deepEqual(toks("ο Ταλαεΐ- Νικ δήλωσε"), ["ο", "Ταλαεΐ- Νικ", "δήλωσε"]);
  assert.deepEqual(toks("Talaei-Nik said"), ["Talaei-Nik", "said"]);
  // A dash between words with spaces on both sides is punctuation.
  assert.deepEqual(toks("Αθήνα - Λευκωσία"), ["Αθήνα", "-", "Λευκωσία"]);
});

test("English clitics are tokens of their own; quote marks around words are not clitics", () => {
  assert.deepEqual(toks("Russia's army and they're here", en), ["Russia", "'s", "army", "and", "they", "'re", "here"]);
  assert.deepEqual(toks("Iran’s drones", en), ["Iran", "’s", "drones"]);
  assert.deepEqual(toks("'sorry' she said", en), ["'", "sorry", "'", "she", "said"]);
  assert.deepEqual(kinds("Iran's", en), ["word", "word"]);
});

test("URLs, e-mail addresses and hashtags", () => {
  assert.deepEqual(toks("Δες https://example.org/a?b=1. Γράψε στο info@example.org #Κύπρος @user"), [
    "Δες", "https://example.org/a?b=1", ".", "Γράψε", "στο", "info@example.org", "#Κύπρος", "@user",
  ]);
  assert.deepEqual(kinds("https://example.org x@y.gr #tag"), ["url", "email", "hashtag"]);
});

test("abbreviations from the language tables keep their dot", () => {
  assert.deepEqual(toks("ο κ. Παπαδόπουλος, π.χ. 3 εκατ. ευρώ κ.λπ."), ["ο", "κ.", "Παπαδόπουλος", ",", "π.χ.", "3", "εκατ.", "ευρώ", "κ.λπ."]);
  assert.deepEqual(toks("Dr. Smith of the U.S. Army", en), ["Dr.", "Smith", "of", "the", "U.S.", "Army"]);
  // Without the table the dot is punctuation.
  assert.deepEqual(toks("Dr. Smith", el), ["Dr", ".", "Smith"]);
});

test("the matched strings are each token's text, also where an abbreviation's dot was taken or given back", () => {
  for (const [text, lang] of [["ο κ. Παπαδόπουλος, π.χ. 3 εκατ. ευρώ κ.λπ. και Α.Β.Γ. τέλος", el], ["Dr. Smith of the U.S. Army, e.g. Xy.Zw. here", en]] as const) {
    const t = tokenize(text, { lang });
    assert.deepEqual(matchedTexts(t), tokenStrings(text, t));
  }
  const part = tokenize("αα ββ. γγ", { lang: el }, 3, 6);
  assert.deepEqual(matchedTexts(part), ["ββ", "."]);
  assert.equal(matchedTexts({ ...part }), undefined, "columns not made here (read from a store) have none");
});

test("accented capitals and diaeresis are word letters", () => {
  assert.deepEqual(toks("Άρης Έλενα Ήρα Ίων Όλγα Ύδρα Ώρα ΐ ΰ ϊϋ"), ["Άρης", "Έλενα", "Ήρα", "Ίων", "Όλγα", "Ύδρα", "Ώρα", "ΐ", "ΰ", "ϊϋ"]);
});

test("an empty text has no tokens", () => {
  assert.equal(tokenize("", { lang: el }).length, 0);
  assert.equal(tokenize("   \n ", { lang: el }).length, 0);
});
