import assert from "node:assert/strict";
import { test } from "node:test";
import { packText } from "./article-row.js";
import { inRow, packSpanText, rowSpanText, SHARED_SPAN_TEXT, spanColumns, spanTextFunction, spanTextSql, spanTextValue, withSpanTexts } from "./span-text.js";

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

test("the statement text names the function once per column, an event's shared text is its quotation's, and a back end that keeps the texts reads its column", () => {
  const sql = `SELECT ${spanTextSql("quotes", "q")} AS text, ${spanTextSql("events", "ev")} AS evidence FROM quotes q, events ev, articles a`;
  const quoteText = (q: string) => `CASE WHEN ${q}.text <> '' THEN ${q}.text ELSE span_text(a.text, ${q}.start_offset, ${q}.end_offset, ${q}.text) END`;
  assert.equal(
    sql,
    `SELECT ${quoteText("q")} AS text, CASE WHEN ev.evidence = X'' THEN (SELECT ${quoteText("shared_row")} FROM quotes shared_row WHERE shared_row.article_rowid = ev.article_rowid AND shared_row.start_offset = ev.start_offset AND shared_row.end_offset = ev.end_offset LIMIT 1) WHEN ev.evidence <> '' THEN ev.evidence ELSE span_text(a.text, ev.start_offset, ev.end_offset, ev.evidence) END AS evidence FROM quotes q, events ev, articles a`,
  );
  assert.equal(inRow(inRow(sql, "quotes", "q"), "events", "ev"), "SELECT q.text AS text, ev.evidence AS evidence FROM quotes q, events ev, articles a");
});

test("an event's evidence is written as its quotation's when that is the same text, else as its own", () => {
  assert.equal(rowSpanText("Η Μόσχα δεν θα υποκύψει.", "Η Μόσχα δεν θα υποκύψει."), SHARED_SPAN_TEXT);
  assert.equal(SHARED_SPAN_TEXT.length, 0);
  assert.equal(spanTextValue(rowSpanText("Η Μόσχα δεν θα υποκύψει.", "Η Μόσχα δεν θα")), "Η Μόσχα δεν θα υποκύψει.");
  assert.equal(rowSpanText("Moscow will not bow.", undefined), "Moscow will not bow.");
});

test("a copy of a table reads its span texts written out, an event's shared one from its quotation", () => {
  const written = (t: string, row: string, text: string) => `span_text((SELECT a.text FROM articles a WHERE a.rowid = ${row}.article_rowid), ${row}.start_offset, ${row}.end_offset, ${row}.${text})`;
  assert.deepEqual(spanColumns("quotes", ["article_rowid", "text", "start_offset"]), ["article_rowid", `${written("quotes", "quotes", "text")} AS text`, "start_offset"]);
  assert.deepEqual(spanColumns("events", ["evidence"]), [
    `CASE WHEN events.evidence = X'' THEN (SELECT ${written("quotes", "shared_row", "text")} FROM quotes shared_row WHERE shared_row.article_rowid = events.article_rowid AND shared_row.start_offset = events.start_offset AND shared_row.end_offset = events.end_offset LIMIT 1) ELSE ${written("events", "events", "evidence")} END AS evidence`,
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
