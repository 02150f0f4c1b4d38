// Quotation and event texts in the SQLite store's rows. They are written in
// full: a page of quotations from many articles would otherwise unpack every
// article's text (~40 µs each), and a speaker's page would cost ~1–2 ms more
// the fuller it gets. Rows written with '' (a text that is exactly the
// article's words between the row's offsets, as stores of 3c99057 wrote them)
// are read through SPAN_TEXT_FUNCTION, which cuts them from the article's
// packed text. PostgreSQL reads its column itself (`inRow`); rows copied out
// of a SQLite store carry their texts (`spanColumns`). A Greek text is written
// in ISO 8859-7, a blob of one byte a letter where UTF-8 takes two (about a
// sixth of a generated article's rows); the rows' readers turn it back into
// text (`spanTextValue`).
import { unpackText } from "./article-row.js";
import { decodeGreek, encodeGreek } from "../text/iso-8859-7.js";

/** The SQL function of the SQLite store that gives a row's span text: (packed article text, start, end, stored text). */
export const SPAN_TEXT_FUNCTION = "span_text";

/** Texts of an article unpacked most recently, reused by the rows of one page (an article's quotations come together). */
const RECENT_TEXTS = 8;

/** The tables whose rows keep a span text, with its column and offsets. */
export const SPAN_TEXT_COLUMNS: Readonly<Record<string, { text: string; start: string; end: string }>> = {
  quotes: { text: "text", start: "start_offset", end: "end_offset" },
  events: { text: "evidence", start: "start_offset", end: "end_offset" },
};

/** The SQL expression of a row's span text (`row` the table's alias, `article` the articles table's). */
export function spanTextSql(table: keyof typeof SPAN_TEXT_COLUMNS, row: string, article = "a"): string {
  const c = SPAN_TEXT_COLUMNS[table];
  // the function (and the article's packed text it is handed) only for rows written with ''
  return `CASE WHEN ${row}.${c.text} <> '' THEN ${row}.${c.text} ELSE ${SPAN_TEXT_FUNCTION}(${article}.text, ${row}.${c.start}, ${row}.${c.end}, ${row}.${c.text}) END`;
}

/** A statement with its span text expressions read from the row's own column (a back end that stores the texts). */
export function inRow(sql: string, table: keyof typeof SPAN_TEXT_COLUMNS, row: string, article = "a"): string {
  return sql.replaceAll(spanTextSql(table, row, article), `${row}.${SPAN_TEXT_COLUMNS[table].text}`);
}

/** A span text as the SQLite store writes it: its ISO 8859-7 bytes when the charset has every character and they are fewer than UTF-8's, else the text. */
export function packSpanText(text: string): string | Buffer {
  const bytes = encodeGreek(text);
  return bytes && bytes.length < Buffer.byteLength(text, "utf8") ? bytes : text;
}

/** A span text as a row holds it (packSpanText), as text. */
export const spanTextValue = (value: string | Buffer): string => (typeof value === "string" ? value : decodeGreek(value));

/** Rows whose span text column (`column`) is made text, in place. */
export function withSpanTexts<T>(rows: T[], column: keyof T & string): T[] {
  for (const row of rows) (row as Record<string, unknown>)[column] = spanTextValue((row as Record<string, unknown>)[column] as string | Buffer);
  return rows;
}

/** The implementation of SPAN_TEXT_FUNCTION: the stored text, else the article's words between the offsets. */
export function spanTextFunction(): (packed: unknown, start: unknown, end: unknown, stored: unknown) => string {
  const recent: { packed: Buffer; text: string }[] = [];
  const textOf = (packed: Buffer): string => {
    const hit = recent.find((r) => r.packed.equals(packed));
    if (hit) return hit.text;
    const text = unpackText(packed);
    recent.unshift({ packed, text });
    if (recent.length > RECENT_TEXTS) recent.pop();
    return text;
  };
  return (packed, start, end, stored) => {
    if (Buffer.isBuffer(stored)) return spanTextValue(stored);
    if (typeof stored === "string" && stored !== "") return stored;
    if (!Buffer.isBuffer(packed)) return typeof stored === "string" ? stored : "";
    return textOf(packed).slice(Number(start), Number(end));
  };
}

/** The columns of a table as a copy of it reads them: span texts written out, so any back end can take the rows. */
export function spanColumns(table: string, columns: readonly string[]): string[] {
  const c = SPAN_TEXT_COLUMNS[table];
  if (!c) return [...columns];
  const packed = `(SELECT a.text FROM articles a WHERE a.rowid = ${table}.article_rowid)`;
  return columns.map((col) => (col === c.text ? `${SPAN_TEXT_FUNCTION}(${packed}, ${c.start}, ${c.end}, ${c.text}) AS ${c.text}` : col));
}
