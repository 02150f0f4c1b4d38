import { strict as assert } from "node:assert";
import { test } from "node:test";
import { FeatureExtractor, flatten, shortShape, wordShape } from "./features.js";

test("word shapes mark capitals, accents and digits, Greek and Latin alike", () => {
  assert.equal(wordShape("Ρωσίας"), "Xxxáxx");
  assert.equal(wordShape("ΆΈΉΊΌΎΏ"), "ÁÁÁÁÁÁÁ");
  assert.equal(wordShape("ΐΰϊϋ"), "áááá");
  assert.equal(wordShape("ΗΠΑ"), "XXX");
  assert.equal(wordShape("G7"), "Xd");
  assert.equal(wordShape("2:3"), "d:d");
  assert.equal(shortShape("Xxxáxx"), "Xxáx");
});

test("feature keys depend on the word and its neighbours, deterministically", () => {
  const fx = new FeatureExtractor();
  const a = flatten(fx.extract(["Ο", "Ριαμπκόφ", "δήλωσε"]));
  const b = flatten(new FeatureExtractor().extract(["Ο", "Ριαμπκόφ", "δήλωσε"]));
  assert.deepEqual(a.keys, b.keys);
  assert.equal(a.offsets.length, 4);
  const keysOf = (f: { keys: Uint32Array; offsets: Uint32Array }, i: number) => new Set(f.keys.subarray(f.offsets[i], f.offsets[i + 1]));
  const c = flatten(fx.extract(["του", "Ριαμπκόφ", "δήλωσε"]));
  const mine = keysOf(a, 1);
  const other = keysOf(c, 1);
  const shared = [...mine].filter((k) => other.has(k)).length;
  assert.ok(shared > 0 && shared < mine.size, "same word, other left neighbour: some features shared, not all");
  assert.ok(![...a.keys].includes(0), "0 marks empty table slots and is never a key");
});

test("accented and unaccented spellings share fold-key features, not all features", () => {
  const fx = new FeatureExtractor();
  const accented = new Set(flatten(fx.extract(["Ρωσία"])).keys);
  const capitals = new Set(flatten(fx.extract(["ΡΩΣΙΑ"])).keys);
  const shared = [...accented].filter((k) => capitals.has(k)).length;
  assert.ok(shared >= 3, `fold, prefixes and context shared (${shared})`);
  assert.ok(shared < accented.size);
});

test("gazetteer and cluster labels become features", () => {
  const plain = flatten(new FeatureExtractor().extract(["Λεμεσός"])).keys.length;
  const rich = flatten(
    new FeatureExtractor({
    gazetteer: new Map([["λεμεσοσ", ["city"]]]),
    clusters: new Map([["λεμεσοσ", ["64:3", "256:17"]]]),
    }).extract(["Λεμεσός"]),
  ).keys.length;
  assert.equal(rich, plain + 3);
});
