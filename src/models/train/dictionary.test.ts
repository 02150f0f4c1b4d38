import { strict as assert } from "node:assert";
import { test } from "node:test";
import { deflateRawSync } from "node:zlib";
import { segmentDictionary, wordDictionary } from "./dictionary.js";

/** Samples that share a long stretch (a record's keys) among bytes of their own. */
function samples(n: number, from = 0): Buffer[] {
  const shared = '{"type":"PER","names":{"el":"Κυριάκος Μητσοτάκης","en":"Kyriakos Mitsotakis"},"global":true,"mentions":[';
  return Array.from({ length: n }, (_, i) => Buffer.from(`${"x".repeat((i + from) % 7)}${(i + from) * 7919}${shared}{"start":${(i + from) * 13},"end":${(i + from) * 13 + 9}}]}${"q".repeat((i + from) % 5)}`));
}

test("a segment dictionary holds what the samples share, not what one sample has alone, within its size", () => {
  const dictionary = segmentDictionary(samples(40), 256);
  assert.ok(dictionary.length <= 256);
  assert.ok(dictionary.includes(Buffer.from('"names":{"el":"Κυριάκος')), dictionary.toString());
  assert.ok(!dictionary.includes(Buffer.from(String(3 * 7919))));
  // It helps a sample it has not seen.
  const [unseen] = samples(1, 1000);
  assert.ok(deflateRawSync(unseen, { dictionary }).length < deflateRawSync(unseen).length - 20);
});

test("a segment dictionary is the same for the same samples, and empty for samples that share nothing", () => {
  assert.deepEqual(segmentDictionary(samples(30), 512), segmentDictionary(samples(30), 512));
  assert.equal(segmentDictionary([Buffer.from("a".repeat(100)), Buffer.from("b".repeat(100))], 512).length, 0);
  assert.equal(segmentDictionary([], 512).length, 0);
});

test("a word dictionary lists the words that save most last, each in three samples or more, within its size", () => {
  const texts = ["Η κυβέρνηση και ο υπουργός", "η κυβέρνηση και το υπουργείο", "κυβέρνηση και Βουλή", "μόνο μία φορά"];
  const dictionary = wordDictionary(texts, 64).toString("utf8");
  assert.equal(dictionary, " και κυβέρνηση ");
  assert.ok(Buffer.byteLength(wordDictionary(texts, 20)) <= 20);
  assert.equal(wordDictionary(texts, 20).toString("utf8"), " κυβέρνηση ");
});
