import { strict as assert } from "node:assert";
import { test } from "node:test";
import iconv from "iconv-lite";
import { DecodeError, decodeBytes, isBinary, sniffSingleByte, stripControls } from "./decode.js";

const GREEK = "Η Άνοιξη ήρθε νωρίς στην Ύδρα· «Ώρα για ταξίδια;» ρώτησε ο Ίων — αϊτός, Ϊ, ΰ.";
const enc = (s: string, cs: string) => new Uint8Array(iconv.encode(s, cs));

test("UTF-8 with and without BOM", () => {
  const plain = new TextEncoder().encode(GREEK);
  assert.deepEqual(decodeBytes(plain), { text: GREEK, charset: "utf-8", decision: "sniffed", replaced: 0, removed: 0, warnings: [] });
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
  assert.deepEqual(decodeBytes(bom), { text: GREEK, charset: "utf-8", decision: "bom", replaced: 0, removed: 0, warnings: [] });
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
  assert.equal(d.decision, "corrected");
  assert.equal(d.declared, "utf-8");
  assert.match(d.warnings[0], /declares the character set "utf-8" but the bytes are windows-1253/);
});

test("an unknown charset is a clear error", () => {
  assert.throws(() => decodeBytes(new Uint8Array([0x41]), { declared: "klingon-8" }), DecodeError);
});

test("valid UTF-8 with a few bad bytes stays UTF-8: U+FFFD and a warning with the count", () => {
  const utf8 = (x: string) => [...new TextEncoder().encode(x)];
  const bad = new Uint8Array([...utf8(GREEK.slice(0, 10)), 0xff, ...utf8(GREEK.slice(10, 40)), 0xc0, 0xfe, ...utf8(GREEK.slice(40))]);
  for (const options of [{}, { declared: "utf-8" }]) {
    const d = decodeBytes(bad, options);
    assert.equal(d.charset, "utf-8");
    assert.equal(d.replaced, 3);
    assert.equal(d.text.replace(/\ufffd/g, ""), GREEK);
    assert.deepEqual(d.warnings, ["3 invalid UTF-8 sequences replaced by U+FFFD"]);
  }
});

test("a U+FFFD already in the text is not counted as a replacement", () => {
  const d = decodeBytes(new TextEncoder().encode(`${GREEK} \ufffd`));
  assert.equal(d.replaced, 0);
  assert.deepEqual(d.warnings, []);
});

test("Greek bytes under a declared Latin charset are corrected, with a warning", () => {
  const text = "Άρειος Πάγος: η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία και τις τράπεζες.";
  for (const [label, cs] of [["iso-8859-1", "windows-1253"], ["windows-1252", "iso-8859-7"]] as const) {
    const bytes = enc(text, cs);
    const page = new Uint8Array([...enc(`<meta charset="${label}">`, "latin1"), ...bytes]);
    for (const d of [decodeBytes(bytes, { declared: label }), decodeBytes(page, { html: true })]) {
      assert.equal(d.charset, cs);
      assert.equal(d.decision, "corrected");
      assert.ok(d.text.endsWith(text));
      assert.match(d.warnings[0], /declares the character set "windows-1252" but the bytes are/);
    }
  }
});

test("Latin text under a Latin charset is left alone", () => {
  const text = "Le ministère a annoncé des mesures économiques; à Zürich, Müller a déjà réagi. São Paulo está pronta.";
  const d = decodeBytes(enc(text, "windows-1252"), { declared: "iso-8859-1" });
  assert.equal(d.decision, "declared");
  assert.equal(d.text, text);
});

test("UTF-8 bytes under a declared single-byte charset are read as UTF-8", () => {
  const d = decodeBytes(new TextEncoder().encode(GREEK), { declared: "windows-1253" });
  assert.equal(d.charset, "utf-8");
  assert.equal(d.decision, "corrected");
  assert.equal(d.text, GREEK);
});

test("control characters are removed (tabs and line breaks kept), with a warning", () => {
  const d = decodeBytes(new TextEncoder().encode("a\u0000b\tc\r\nd\u001b[2Je\u000cf\u0085g"));
  assert.equal(d.text, "ab\tc\r\nd[2Je fg");
  assert.equal(d.removed, 3);
  assert.deepEqual(d.warnings, ["3 control characters removed"]);
  assert.deepEqual(stripControls("x\u0007y"), { text: "xy", removed: 1 });
});

test("binary: a NUL in the first 8 KB, or many NULs or control bytes later", () => {
  const text = new TextEncoder().encode("Καλημέρα κόσμε. ".repeat(2000));
  assert.equal(isBinary(text), false);
  assert.equal(isBinary(new Uint8Array([0x41, 0x00, 0x42])), true);
  const lateNuls = new Uint8Array(text);
  for (let i = 10_000; i < lateNuls.length; i += 50) lateNuls[i] = 0;
  assert.equal(isBinary(lateNuls), true);
  const oneLateNul = new Uint8Array(text);
  oneLateNul[20_000] = 0;
  assert.equal(isBinary(oneLateNul), false);
  const lateControls = new Uint8Array(text);
  for (let i = 10_000; i < lateControls.length; i += 20) lateControls[i] = 0x01;
  assert.equal(isBinary(lateControls), true);
  assert.equal(isBinary(new Uint8Array(iconv.encode("\ufeffHello", "utf-16le"))), false);
});
