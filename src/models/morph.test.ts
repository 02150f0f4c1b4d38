import { strict as assert } from "node:assert";
import { test } from "node:test";
import { FeatureExtractor } from "./features.js";
import { MorphTagger, splitFeats } from "./morph.js";

const NOM = "Case=Nom|Gender=Masc|Number=Sing";
const GEN = "Case=Gen|Gender=Masc|Number=Sing";
const ACC = "Case=Acc|Gender=Masc|Number=Sing";
const DATA = [
  ["ο δρόμος", "DET NOUN", [NOM, NOM]],
  ["του δρόμου", "DET NOUN", [GEN, GEN]],
  ["τον δρόμο", "DET NOUN", [ACC, ACC]],
  ["ο νόμος", "DET NOUN", [NOM, NOM]],
  ["του νόμου", "DET NOUN", [GEN, GEN]],
  ["τον νόμο", "DET NOUN", [ACC, ACC]],
  ["και", "CCONJ", ["_"]],
].map(([w, u, f]) => ({ words: (w as string).split(" "), upos: (u as string).split(" "), feats: f as string[] }));

test("FEATS strings split into attribute → value", () => {
  assert.deepEqual([...splitFeats(GEN)], [["Case", "Gen"], ["Gender", "Masc"], ["Number", "Sing"]]);
  assert.equal(splitFeats("_").size, 0);
});

test("the morphology tagger learns case from endings and picks only seen combinations", () => {
  const morph = MorphTagger.train(DATA, new FeatureExtractor({ affixes: 3, window: 1 }), { epochs: 6 });
  assert.deepEqual(morph.tag(["του", "ήλιου"], ["DET", "NOUN"]), [GEN, GEN]);
  assert.deepEqual(morph.tag(["τον", "ήλιο"], ["DET", "NOUN"]), [ACC, ACC]);
  assert.deepEqual(morph.tag(["και"], ["CCONJ"]), ["_"]);
});
