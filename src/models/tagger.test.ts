import { strict as assert } from "node:assert";
import { test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeModel } from "./format.js";
import { FeatureExtractor } from "./features.js";
import { encodeModel, MODEL_FORMAT } from "./format.js";
import { AveragedPerceptron } from "./linear.js";
import { SequenceTagger, trainTagger, type TaggedSentence } from "./tagger.js";

/** A toy NER task: a capitalised word after "ο"/"η" is a person, after "στη"/"στο" a place. */
const TRAIN: TaggedSentence[] = [
  ["ο Νίκος μίλησε στη Λεμεσό", "O B-PER O O B-LOC"],
  ["η Μαρία ήρθε στο Παρίσι", "O B-PER O O B-LOC"],
  ["ο Γιώργος έφυγε στη Λάρνακα", "O B-PER O O B-LOC"],
  ["η Ελένη έμεινε στο Λονδίνο", "O B-PER O O B-LOC"],
  ["ο Κώστας Παπαδόπουλος ταξίδεψε στη Ρώμη", "O B-PER I-PER O O B-LOC"],
  ["η Άννα Γεωργίου πήγε στο Βερολίνο", "O B-PER I-PER O O B-LOC"],
].map(([w, l]) => ({ words: w.split(" "), labels: l.split(" ") }));

const SETTINGS = { features: { affixes: 3, window: 1 }, decoder: "viterbi", constraints: "bio" } as const;

test("the averaged perceptron moves scores towards the gold class", () => {
  const p = new AveragedPerceptron(3);
  const feats = Uint32Array.from([11, 22]);
  p.update(feats, 0, 2, 2, 1);
  p.update(feats, 0, 2, 0, -1);
  p.tick();
  const out = new Float64Array(3);
  p.finalize().score(feats, 0, 2, out);
  assert.ok(out[2] > out[1] && out[1] > out[0]);
});

test("the sequence tagger learns a toy NER task and generalises to unseen names", () => {
  const tagger = trainTagger(TRAIN, new FeatureExtractor(SETTINGS.features), SETTINGS, { epochs: 8 });
  for (const s of TRAIN) assert.deepEqual(tagger.tag(s.words), s.labels);
  assert.deepEqual(tagger.tag("η Σοφία έφυγε στη Πάφο".split(" ")), ["O", "B-PER", "O", "O", "B-LOC"]);
});

test("cost-augmented training (a margin) learns the task too, with larger score gaps", () => {
  const plain = trainTagger(TRAIN, new FeatureExtractor(SETTINGS.features), SETTINGS, { epochs: 8 });
  const margin = trainTagger(TRAIN, new FeatureExtractor(SETTINGS.features), SETTINGS, { epochs: 8, margin: 2 });
  for (const s of TRAIN) assert.deepEqual(margin.tag(s.words), s.labels);
  const norm = (t: typeof plain) => t.model.weights.reduce((a, w) => a + Math.abs(w), 0);
  assert.ok(norm(margin) > norm(plain), "more updates: weights grow until the gold path wins by the margin");
});

test("training is deterministic for a given seed", () => {
  const a = trainTagger(TRAIN, new FeatureExtractor(SETTINGS.features), SETTINGS, { epochs: 3, seed: 5 });
  const b = trainTagger(TRAIN, new FeatureExtractor(SETTINGS.features), SETTINGS, { epochs: 3, seed: 5 });
  assert.deepEqual(a.model.weights, b.model.weights);
});

test("a model survives the save/load round trip (int16 weights)", () => {
  const tagger = trainTagger(TRAIN, new FeatureExtractor(SETTINGS.features), SETTINGS, { epochs: 5 });
  const file = encodeModel({ format: MODEL_FORMAT, featureVersion: 1, labels: tagger.labels, settings: { ...SETTINGS } }, tagger.model);
  const { header, model } = decodeModel(file);
  assert.deepEqual(header.labels, tagger.labels);
  assert.deepEqual(model.transitions, tagger.model.transitions);
  let max = 0;
  for (const v of tagger.model.weights) max = Math.max(max, Math.abs(v));
  const keys = tagger.model.rowKeys();
  for (let r = 0; r < keys.length; r++) {
    const loadedRow = model.row(keys[r]);
    for (let k = 0; k < model.classes; k++) {
      const original = tagger.model.weights[r * model.classes + k];
      const loaded = loadedRow < 0 ? 0 : model.weights[loadedRow * model.classes + k];
      assert.ok(Math.abs(original - loaded) <= max / 32767 + 1e-6);
    }
  }
  const reloaded = new SequenceTagger(header.labels, model, new FeatureExtractor(SETTINGS.features), SETTINGS);
  for (const s of TRAIN) assert.deepEqual(reloaded.tag(s.words), tagger.tag(s.words));
});

test("a damaged model file is refused", () => {
  assert.throws(() => decodeModel(Buffer.from("not a model")), /gzip/);
});

test("a model loads the same whatever the alignment of its arrays in the file; a cut file is refused", () => {
  const tagger = trainTagger(TRAIN, new FeatureExtractor(SETTINGS.features), SETTINGS, { epochs: 2 });
  const files = ["", "x", "xx", "xxx"].map((pad) => encodeModel({ format: MODEL_FORMAT, featureVersion: 1, labels: tagger.labels, settings: { ...SETTINGS, pad } }, tagger.model));
  const loaded = files.map((f) => decodeModel(f).model);
  for (const m of loaded) {
    assert.deepEqual(m.quantised, loaded[0].quantised);
    assert.deepEqual(m.rowKeys(), loaded[0].rowKeys());
  }
  const whole = gunzipSync(files[0]);
  assert.throws(() => decodeModel(gzipSync(whole.subarray(0, whole.length - 10))), /missing/);
  assert.throws(() => decodeModel(gzipSync(Buffer.concat([whole, Buffer.alloc(2)]))), /trailing/);
});
