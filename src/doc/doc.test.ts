import { strict as assert } from "node:assert";
import { test } from "node:test";
import { TokenKind, blocks, charSpan, overlaps, type Doc } from "./doc.js";

/** "Η Μόσχα, είπε." as tokens Η | Μόσχα | , | είπε | . */
function doc(): Doc {
  const text = "Τίτλος\n\nΗ Μόσχα, είπε.";
  const starts = [0, 8, 10, 15, 17, 21];
  const ends = [6, 9, 15, 16, 21, 22];
  const kinds = [TokenKind.Word, TokenKind.Word, TokenKind.Word, TokenKind.Punct, TokenKind.Word, TokenKind.Punct];
  const tokens = { length: starts.length, start: Uint32Array.from(starts), end: Uint32Array.from(ends), kind: Uint8Array.from(kinds) };
  const paragraphs = [{ start: 8, end: text.length }];
  return { id: "t", text, lang: "el", langConfidence: 1, meta: { title: { start: 0, end: 6 } }, layers: { paragraphs, sentences: [], tokens, related: [] } };
}

test("charSpan: strict needs token edges, contract keeps the tokens inside, expand takes every token touched", () => {
  const d = doc();
  assert.deepEqual(charSpan(d, { start: 10, end: 15 }), { first: 2, last: 3 });
  assert.deepEqual(charSpan(d, { start: 8, end: 16 }, "strict"), { first: 1, last: 4 });
  assert.equal(charSpan(d, { start: 11, end: 15 }, "strict"), null);
  assert.equal(charSpan(d, { start: 11, end: 15 }, "contract"), null);
  assert.deepEqual(charSpan(d, { start: 9, end: 18 }, "contract"), { first: 2, last: 4 });
  assert.deepEqual(charSpan(d, { start: 11, end: 18 }, "expand"), { first: 2, last: 5 });
  assert.equal(charSpan(d, { start: 6, end: 8 }, "expand"), null);
});

test("overlaps and blocks", () => {
  assert.equal(overlaps({ start: 0, end: 5 }, { start: 4, end: 9 }), true);
  assert.equal(overlaps({ start: 0, end: 5 }, { start: 5, end: 9 }), false);
  assert.deepEqual(blocks(doc()), [{ start: 0, end: 6 }, { start: 8, end: 22 }]);
});
