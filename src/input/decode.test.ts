import { strict as assert } from "node:assert";
import { test } from "node:test";
import iconv from "iconv-lite";
import { DecodeError, decodeBytes, sniffSingleByte } from "./decode.js";

const GREEK = "Η Άνοιξη ήρθε νωρίς στην Ύδρα· «Ώρα για ταξίδια;» ρώτησε ο Ίων — αϊτός, Ϊ, ΰ.";
const enc = (s: string, cs: string) => new Uint8Array(iconv.encode(s, cs));

test("UTF-8 with and without BOM", () => {
  const plain = new TextEncoder().encode(GREEK);
  assert.deepEqual(decodeBytes(plain), { text: GREEK, charset: "utf-8" });
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
  assert.deepEqual(decodeBytes(bom), { text: GREEK, charset: "utf-8" });
});

test("windows-1253 and ISO-8859-7 are sniffed apart and decoded to the same text", () => {
  const win = decodeBytes(enc(GREEK, "windows-1253"));
  assert.equal(win.charset, "windows-1253");
  assert.equal(win.text, GREEK);
  const isoText = GREEK.replace(/[«»—]/g, '"');
  const iso = decodeBytes(enc(isoText, "iso-8859-7"));
  assert.equal(iso.charset, "iso-8859-7");
  assert.equal(iso.text, isoText);
});

test("windows-1252 Latin text", () => {
  const text = "Café au lait, naïve déjà-vu — “quoted” text about the new résumé.";
  const d = decodeBytes(enc(text, "windows-1252"));
  assert.equal(d.charset, "windows-1252");
  assert.equal(d.text, text);
  assert.equal(sniffSingleByte(enc(text, "windows-1252")), "windows-1252");
});

test("a declared charset wins over sniffing; a BOM wins over both", () => {
  const bytes = enc("Καλημέρα", "iso-8859-7");
  assert.equal(decodeBytes(bytes, { declared: "ISO-8859-7" }).text, "Καλημέρα");
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Καλημέρα")]);
  assert.equal(decodeBytes(bom, { declared: "windows-1253" }).text, "Καλημέρα");
});

test("HTML meta charset is read", () => {
  const html = `<html><head><meta charset="windows-1253"></head><body>Άρθρο για την Ύδρα</body></html>`;
  const d = decodeBytes(enc(html, "windows-1253"), { html: true });
  assert.equal(d.charset, "windows-1253");
  assert.ok(d.text.includes("Άρθρο για την Ύδρα"));
});

test("a declared UTF-8 that is not UTF-8 falls back to sniffing", () => {
  const d = decodeBytes(enc(GREEK, "windows-1253"), { declared: "utf-8" });
  assert.equal(d.text, GREEK);
});

test("an unknown charset is a clear error", () => {
  assert.throws(() => decodeBytes(new Uint8Array([0x41]), { declared: "klingon-8" }), DecodeError);
});
