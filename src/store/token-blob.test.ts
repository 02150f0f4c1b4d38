import { strict as assert } from "node:assert";
import { test } from "node:test";
import { emptyTokens, type TokenColumns } from "../doc/doc.js";
import { TokenBlobError, decodeTokens, encodeTokens } from "./token-blob.js";

// «Οι Τούρκοι είναι» … far along the text, an overlapping token and a number.
const text = `Οι Τούρκοι είναι${" ".repeat(200000 - 16)}2022 και ΐ`;
const tagged: TokenColumns = {
  length: 5,
  start: Uint32Array.from([0, 3, 11, 11, 200000]),
  end: Uint32Array.from([2, 10, 16, 13, 200004]),
  kind: Uint8Array.from([1, 1, 1, 3, 2]),
  pos: Uint8Array.from([2, 0, 1, 2, 3]),
  posTags: ["NOUN", "VERB", "DET", "NUM"],
  lemma: Uint32Array.from([1, 2, 3, 0, 4]),
  lemmas: ["", "ο", "Τούρκος", "είμαι", "2022"],
  feats: ["Case=Nom|Number=Plur", "Case=Nom|Number=Plur", "_", "_", "_"],
};

/** Each token's lemma as a string: what a record shows (the table's order is the blob's own). */
const lemmaStrings = (t: TokenColumns) => Array.from(t.lemma ?? [], (id) => t.lemmas?.[id]);

test("token columns survive the blob: offsets (overlapping too), kinds, tags, features, and each token's lemma", () => {
  const back = decodeTokens(encodeTokens(tagged, text), text);
  assert.deepEqual({ ...back, lemma: undefined, lemmas: undefined }, { ...tagged, lemma: undefined, lemmas: undefined });
  assert.deepEqual(lemmaStrings(back), lemmaStrings(tagged));
  assert.deepEqual(lemmaStrings(back), ["ο", "Τούρκος", "είμαι", "", "2022"]);
  assert.equal(back.lemma?.[3], 0, "a token without a lemma keeps id 0");
});

test("lemmas are kept as edits of their tokens' texts: many tokens, few edits", () => {
  const n = 400;
  const long = "Τούρκοι ".repeat(n);
  const cols: TokenColumns = {
    length: n,
    start: Uint32Array.from({ length: n }, (_, i) => i * 8),
    end: Uint32Array.from({ length: n }, (_, i) => i * 8 + 7),
    kind: new Uint8Array(n).fill(1),
    lemma: new Uint32Array(n),
    lemmas: ["Τούρκος"],
  };
  const blob = encodeTokens(cols, long);
  assert.ok(!blob.includes(Buffer.from("Τούρκος")), "the lemma is not written out");
  assert.deepEqual(lemmaStrings(decodeTokens(blob, long)), new Array(n).fill("Τούρκος"));
});

test("untagged and empty token columns survive the blob without the tagger columns", () => {
  const bare: TokenColumns = { length: 2, start: Uint32Array.from([0, 3]), end: Uint32Array.from([2, 7]), kind: Uint8Array.from([1, 3]) };
  assert.deepEqual(decodeTokens(encodeTokens(bare, "Οι Τούρκοι"), "Οι Τούρκοι"), bare);
  assert.deepEqual(decodeTokens(encodeTokens(emptyTokens(), ""), ""), emptyTokens());
});

test("blobs written with a table of lemmas are still read", () => {
  // count 2, flags: POS and lemmas; the tables; gaps and lengths; kinds; POS ids; lemma ids
  const tables = Buffer.from(JSON.stringify({ posTags: ["DET", "NOUN"], lemmas: ["ο", "Τούρκος"] }));
  const legacy = Buffer.concat([Buffer.from([2, 3, tables.length]), tables, Buffer.from([0, 2, 2, 7, 1, 1, 0, 1, 0, 1])]);
  const t = decodeTokens(legacy, "Οι Τούρκοι");
  assert.deepEqual(Array.from(t.start), [0, 3]);
  assert.deepEqual(lemmaStrings(t), ["ο", "Τούρκος"]);
  assert.deepEqual(t.posTags, ["DET", "NOUN"]);
});

test("blobs that give every token's boundaries and analysis, with lemma edits, are still read", () => {
  // count 2, flags: POS, lemmas, features, lemma edits; the tables; gaps and lengths; kinds; POS ids; edit ids; feature ids
  const tables = Buffer.from(JSON.stringify({ posTags: ["DET", "NOUN"], lemmaEdits: [[2, "ο"], [2, "ος"]], feats: ["Case=Nom", "_"] }));
  const legacy = Buffer.concat([Buffer.from([2, 15, tables.length]), tables, Buffer.from([0, 2, 2, 7, 1, 1, 0, 1, 0, 1, 0, 1])]);
  const t = decodeTokens(legacy, "Οι Τούρκοι");
  assert.deepEqual([Array.from(t.start), Array.from(t.end)], [[0, 3], [2, 10]]);
  assert.deepEqual(lemmaStrings(t), ["ο", "Τούρκος"]);
  assert.deepEqual(t.feats, ["Case=Nom", "_"]);
});

test("the blob writes only what the text does not say: plain boundaries and a form's repeated analysis take a byte a token", () => {
  const sentence = "Ο κ. Ριαμπκόφ είπε ότι η Ρωσία (2,5%) δεν θα υποχωρήσει. ";
  const long = sentence.repeat(40);
  // the tokens a tagger would give: «κ.» and «2,5» are not plain segments
  const one = [...sentence.matchAll(/κ\.|2,5|[\p{L}]+|\S/gu)].map((m) => [m.index, m.index + m[0].length]);
  const n = one.length * 40;
  const at = (i: number) => one[i % one.length][0] + Math.floor(i / one.length) * sentence.length;
  const to = (i: number) => one[i % one.length][1] + Math.floor(i / one.length) * sentence.length;
  const cols: TokenColumns = {
    length: n,
    start: Uint32Array.from({ length: n }, (_, i) => at(i)),
    end: Uint32Array.from({ length: n }, (_, i) => to(i)),
    kind: Uint8Array.from({ length: n }, (_, i) => 1 + ((i % one.length) % 3)),
    pos: Uint8Array.from({ length: n }, (_, i) => i % one.length % 2),
    posTags: ["NOUN", "VERB"],
    lemma: Uint32Array.from({ length: n }, (_, i) => i % one.length),
    lemmas: one.map(([s, e]) => `λ${sentence.slice(s, e)}`),
    feats: Array.from({ length: n }, (_, i) => (i % one.length === 3 ? "Mood=Ind" : "_")),
  };
  // a form seen before with another analysis: the second «η» a verb
  const second = one.length + 5;
  assert.equal(long.slice(cols.start[second], cols.end[second]), "η");
  cols.pos![second] = 1;
  const blob = encodeTokens(cols, long);
  const back = decodeTokens(blob, long);
  assert.deepEqual({ ...back, lemma: undefined, lemmas: undefined }, { ...cols, lemma: undefined, lemmas: undefined });
  assert.deepEqual(lemmaStrings(back), lemmaStrings(cols));
  // a byte a token, the boundaries of «κ.» and «2,5», the tables and the first sentence's analyses (each token's own: over 5 bytes a token)
  assert.ok(blob.length < n * 2.5, `${blob.length} bytes for ${n} tokens`);
});

test("a cut blob, or one that does not fit its text, is a clear error", () => {
  const blob = encodeTokens(tagged, text);
  assert.throws(() => decodeTokens(blob.subarray(0, blob.length - 3), text), TokenBlobError);
  assert.throws(() => decodeTokens(blob, "Οι Τούρκοι"), TokenBlobError);
  // a text of the same length segmented otherwise (as a later Unicode might): refused, not read wrong
  const other = `Οι Τούρκ-οι είναι${" ".repeat(200000 - 17)}2022 και ΐ`;
  assert.equal(other.length, text.length);
  assert.throws(() => decodeTokens(blob, other), /do not fit the article's text/);
});
