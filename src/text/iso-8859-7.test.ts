import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeGreek, encodeGreek } from "./iso-8859-7.js";

test("Greek letters, accented capitals, diaeresis and final sigma take one byte each and read back", () => {
  for (const text of ["Ά Έ Ή Ί Ό Ύ Ώ", "ΐ ΰ Ϊ Ϋ ϊ ϋ", "ο υπουργός της Άμυνας", "«Δεν στείλαμε όπλα», 5€ και 3%.", "ASCII only"]) {
    const bytes = encodeGreek(text);
    assert.ok(bytes, text);
    assert.equal(bytes.length, text.length);
    assert.equal(decodeGreek(bytes), text);
  }
  assert.deepEqual([...encodeGreek("ςσΣ")!], [0xf2, 0xf3, 0xd3]);
});

test("a character the charset has not gives null, never a wrong byte", () => {
  for (const text of ["a — b", "“quoted”", "Ελλάδα 😀", "ä", "\u0085"]) assert.equal(encodeGreek(text), null, text);
});
