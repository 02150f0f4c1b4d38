import { strict as assert } from "node:assert";
import { test } from "node:test";
import { emptyTokens, type TokenColumns } from "../doc/doc.js";
import { TokenBlobError, decodeTokens, encodeTokens } from "./token-blob.js";

const tagged: TokenColumns = {
  length: 4,
  start: Uint32Array.from([0, 6, 6, 200000]),
  end: Uint32Array.from([5, 9, 8, 200010]),
  kind: Uint8Array.from([1, 1, 3, 2]),
  pos: Uint8Array.from([0, 1, 2, 0]),
  posTags: ["NOUN", "VERB", "PUNCT"],
  lemma: Uint32Array.from([1, 0, 2, 1]),
  lemmas: ["", "σπίτι", "είμαι"],
  feats: ["Case=Nom|Number=Sing", "_", "_", "Case=Nom|Number=Sing"],
};

test("token columns survive the blob: offsets (overlapping too), kinds, tags, lemmas and features", () => {
  assert.deepEqual(decodeTokens(encodeTokens(tagged)), tagged);
});

test("untagged and empty token columns survive the blob without the tagger columns", () => {
  const bare: TokenColumns = { length: 2, start: Uint32Array.from([0, 3]), end: Uint32Array.from([2, 7]), kind: Uint8Array.from([1, 3]) };
  assert.deepEqual(decodeTokens(encodeTokens(bare)), bare);
  assert.deepEqual(decodeTokens(encodeTokens(emptyTokens())), emptyTokens());
});

test("a cut blob is a clear error", () => {
  const blob = encodeTokens(tagged);
  assert.throws(() => decodeTokens(blob.subarray(0, blob.length - 3)), TokenBlobError);
});
