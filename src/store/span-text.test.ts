import assert from "node:assert/strict";
import { test } from "node:test";
import { packText } from "./article-row.js";
import { inRow, packSpanText, spanColumns, spanTextFunction, spanTextSql, spanTextValue, withSpanTexts } from "./span-text.js";

const TEXT = "Ο Ριαμπκόφ δήλωσε ότι «η συνεργασία συνεχίζεται». ΐ ΰ Ώ τέλος.";

test("the SQL function gives the stored text, else cuts it from the packed article text", () => {
  const spanText = spanTextFunction();
  const other = "Άλλο κείμενο, ΐ και ΰ, πολύ διαφορετικό.";
  const start = TEXT.indexOf("ΐ");
  assert.equal(spanText(packText(TEXT, "el"), start, start + 5, ""), "ΐ ΰ Ώ");
  assert.equal(spanText(packText(TEXT, "el"), start, start + 5, "kept"), "kept");
  // Texts unpacked before are reused only for the same packed bytes.
  assert.equal(spanText(packText(other, "el"), 0, 4, ""), "Άλλο");
  assert.equal(spanText(packText(TEXT, "el"), 0, 1, ""), "Ο");
  for (let i = 0; i < 20; i++) assert.equal(spanText(packText(`${i} ${other}`, "el"), 0, String(i).length, ""), String(i));
  assert.equal(spanText(null, 0, 1, ""), "");
});

test("the statement text names the function once per column, and a back end that keeps the texts reads its column", () => {
  const sql = `SELECT ${spanTextSql("quotes", "q")} AS text, ${spanTextSql("events", "ev")} AS evidence FROM quotes q, events ev, articles a`;
  assert.equal(sql, "SELECT CASE WHEN q.text <> '' THEN q.text ELSE span_text(a.text, q.start_offset, q.end_offset, q.text) END AS text, CASE WHEN ev.evidence <> '' THEN ev.evidence ELSE span_text(a.text, ev.start_offset, ev.end_offset, ev.evidence) END AS evidence FROM quotes q, events ev, articles a");
  assert.equal(inRow(inRow(sql, "quotes", "q"), "events", "ev"), "SELECT q.text AS text, ev.evidence AS evidence FROM quotes q, events ev, articles a");
});

test("a copy of a table reads its span texts written out", () => {
  assert.deepEqual(spanColumns("quotes", ["article_rowid", "text", "start_offset"]), [
    "article_rowid",
    "span_text((SELECT a.text FROM articles a WHERE a.rowid = quotes.article_rowid), start_offset, end_offset, text) AS text",
    "start_offset",
  ]);
  assert.deepEqual(spanColumns("entities", ["id", "name"]), ["id", "name"]);
});

test("a Greek span text is written in ISO 8859-7 and read back as it was; other texts stay text", () => {
  const packed = packSpanText(TEXT);
  assert.ok(Buffer.isBuffer(packed));
  assert.ok(packed.length < Buffer.byteLength(TEXT, "utf8") * 0.6);
  assert.equal(spanTextValue(packed), TEXT);
  assert.equal(packSpanText("Moscow will not bow to US pressure."), "Moscow will not bow to US pressure.", "ASCII is one byte a letter as text already");
  assert.equal(packSpanText("Η Μόσχα — «όχι»"), "Η Μόσχα — «όχι»", "a dash the charset has not: the text");
  assert.deepEqual(withSpanTexts([{ text: packed }, { text: "plain" }] as { text: string | Buffer }[], "text"), [{ text: TEXT }, { text: "plain" }]);
  assert.equal(spanTextFunction()(packText("x", "el"), 0, 1, packed), TEXT, "the SQL function reads a packed row's own text");
});
