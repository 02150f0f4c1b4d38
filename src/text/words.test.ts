import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../doc/doc.js";
import { getLang } from "../lang/lang.js";
import { searchKey } from "./stem.js";
import { tokenize } from "./tokenize.js";
import { wordView } from "./words.js";

function doc(): Doc {
  const text = "Τίτλος\n\nΗ Ρωσία είπε 3 φορές. Ο ΟΗΕ απάντησε.";
  const tokens = tokenize(text, { lang: getLang("el") });
  const paragraphs = [{ start: 8, end: text.length }];
  return { id: "t", text, lang: "el", langConfidence: 1, meta: { title: { start: 0, end: 6 } }, layers: { paragraphs, sentences: [], tokens, related: [] } };
}

test("the word view gives each token's text, fold and search key, word and capital flags, and block", () => {
  const d = doc();
  const v = wordView(d);
  const at = (word: string) => v.text.indexOf(word);
  assert.equal(v.fold[at("Ρωσία")], "ρωσια");
  assert.equal(v.key[at("Ρωσία")], searchKey("Ρωσίας"));
  assert.equal(v.key[at(".")], ".");
  assert.deepEqual([v.isWord[at("είπε")], v.isWord[at("3")], v.isWord[at(".")]], [1, 0, 0]);
  assert.deepEqual([v.cap[at("Ρωσία")], v.cap[at("είπε")], v.cap[at("ΟΗΕ")]], [1, 0, 1]);
  assert.deepEqual([v.block[at("Τίτλος")], v.block[at("ΟΗΕ")]], [0, 1]);
  assert.equal(wordView(d), v);
});

test("the sentence columns follow the sentence layer; new tokens make a new view", () => {
  const d = doc();
  const v = wordView(d);
  assert.ok(v.sentence.every((s) => s === -1));
  const second = d.text.indexOf("Ο ΟΗΕ");
  d.layers.sentences = [{ start: 8, end: second - 1 }, { start: second, end: d.text.length }];
  assert.equal(v.sentence[v.text.indexOf("ΟΗΕ")], 1);
  assert.deepEqual(v.sentenceTokens[0], [1, v.text.indexOf("Ο")]);
  d.layers.tokens = tokenize(d.text, { lang: getLang("el") });
  assert.notEqual(wordView(d), v);
});

test("tokens read back from a store (no matched strings) give the same columns; punctuation and digits are their own fold and key", () => {
  const d = doc();
  const made = wordView(d);
  const stored: Doc = { ...d, layers: { ...d.layers, tokens: { ...d.layers.tokens } } };
  const read = wordView(stored);
  assert.deepEqual(read.text, made.text);
  assert.deepEqual(read.fold, made.fold);
  assert.deepEqual(read.key, made.key);
  assert.deepEqual([made.fold[made.text.indexOf("3")], made.key[made.text.indexOf(".")]], ["3", "."]);
  assert.equal(made.fold[made.text.indexOf("ΟΗΕ")], "οηε");
});
