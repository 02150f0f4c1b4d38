import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fold, foldWord, nfc, removeInvisible } from "./normalize.js";

test("fold removes accents and diaeresis from accented capitals and lower case", () => {
  assert.equal(fold("Ά Έ Ή Ί Ό Ύ Ώ"), "α ε η ι ο υ ω");
  assert.equal(fold("ΐ ΰ ϊ ϋ"), "ι υ ι υ");
  assert.equal(fold("Ταλαεΐ"), "ταλαει");
});

test("fold turns final sigma into σ, in lower and upper case input", () => {
  assert.equal(fold("της Ρωσίας"), "τησ ρωσιασ");
  assert.equal(fold("ΡΩΣΙΑΣ"), "ρωσιασ");
  assert.equal(fold("Ρωσίας"), fold("ΡΩΣΊΑΣ"));
});

test("fold handles Latin text", () => {
  assert.equal(fold("Café Déjà-vu"), "cafe deja-vu");
});

test("nfc composes decomposed Greek", () => {
  const decomposed = "Ρωσι\u0301α";
  assert.notEqual(decomposed, "Ρωσία");
  assert.equal(nfc(decomposed), "Ρωσία");
});

test("foldWord maps Latin look-alikes inside Greek words", () => {
  // A Latin capital I inside a Greek word.
  assert.equal(foldWord("Iράν"), "ιραν");
  assert.equal(foldWord("Hράκλειο"), "ηρακλειο");
  // Pure Latin words are left as Latin.
  assert.equal(foldWord("Iran"), "iran");
});

test("invisible format characters are removed: soft hyphen, zero-width space, word joiner, BOM", () => {
  assert.equal(removeInvisible("Κυβέρ\u00adνηση"), "Κυβέρνηση");
  assert.equal(removeInvisible("news\u200bpaper\u2060s"), "newspapers");
  assert.equal(removeInvisible("\ufeffΆρθρο για την Ύδρα\ufeff"), "Άρθρο για την Ύδρα");
  assert.equal(removeInvisible("co\u200doperate and co\u200coperate"), "cooperate and cooperate");
  const plain = "nothing to remove here";
  assert.equal(removeInvisible(plain), plain);
});

test("joiners that shape text stay: emoji sequences and Arabic-script words", () => {
  const family = "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}";
  assert.equal(removeInvisible(`a ${family} b`), `a ${family} b`);
  const persian = "می\u200cخواهم";
  assert.equal(removeInvisible(persian), persian);
  assert.equal(removeInvisible("ΐ\u00adΰ ς"), "ΐΰ ς");
});
