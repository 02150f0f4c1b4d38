import { strict as assert } from "node:assert";
import { test } from "node:test";
import { jackknifedLexiconFeatures, NameLexicon } from "./names.js";

const DATA = [
  { words: ["Ο", "Ριαμπκόφ", "μίλησε"], labels: ["O", "B-PER", "O"] },
  { words: ["στη", "Μόσχα", "σήμερα"], labels: ["O", "B-LOC", "O"] },
  { words: ["Η", "Μόσχα", "απάντησε"], labels: ["O", "B-ORG", "O"] },
  { words: ["Ο", "Λαβρόφ", "είπε"], labels: ["O", "B-PER", "O"] },
];

test("the lexicon knows the names of the training data, by fold key", () => {
  const lex = NameLexicon.learn(DATA);
  assert.deepEqual(lex.data["μοσχα"][0], ["LOC", "LOC:U", "ORG", "ORG:U"]);
  const [article, name, verb] = lex.features(["Ο", "ΡΙΑΜΠΚΟΦ", "δήλωσε"]);
  assert.equal(verb.length, 0, "lower-case words get no lexicon features");
  assert.ok(name.length > 1, "a known name in capitals still hits");
  assert.equal(article.length, 1, "a capitalised word never seen in a name gets the 'miss' feature");
  const unseen = lex.features(["Πούτιν"])[0];
  assert.deepEqual([...unseen], [...article]);
});

test("jackknifed features do not see the names of their own fold", () => {
  const features = jackknifedLexiconFeatures(DATA, 4);
  const full = NameLexicon.learn(DATA).features(DATA[0].words);
  assert.equal(features[0][1].length, 1, "Ριαμπκόφ occurs only in fold 1: a miss there");
  assert.ok(full[1].length > 1);
  assert.ok(features[2][1].length > 1, "Μόσχα of fold 3 is known from fold 2");
});
