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
// text (`spanTextValue`). An event whose evidence is the words of one of its
// article's quotations (a statement: most events of news) keeps SHARED_SPAN_TEXT
// and is read with that quotation's text (about 590 bytes of an article's 1,270
// of event rows, at 10,000 generated articles).
import { unpackText } from "./article-row.js";
import { decodeGreek, encodeGreek } from "../text/iso-8859-7.js";

/** The SQL function of the SQLite store that gives a row's span text: (packed article text, start, end, stored text). */
export const SPAN_TEXT_FUNCTION = "span_text";

/** Texts of an article unpacked most recently, reused by the rows of one page (an article's quotations come together). */
const RECENT_TEXTS = 8;

interface SpanTextColumns {
  text: string;
  start: string;
  end: string;
  /** The table whose row of the same article and offsets gives the text of a row written with SHARED_SPAN_TEXT. */
  sharedWith?: SpanTable;
}

type SpanTable = "quotes" | "events";

/** The tables whose rows keep a span text, with its column and offsets. */
export const SPAN_TEXT_COLUMNS: Readonly<Record<SpanTable, SpanTextColumns>> = {
  quotes: { text: "text", start: "start_offset", end: "end_offset" },
  events: { text: "evidence", start: "start_offset", end: "end_offset", sharedWith: "quotes" },
};

/**
 * The span text of a row whose text is that of the row of `sharedWith` with the
 * same article and offsets: an empty blob, which no text equals (a row written
 * with '' is another thing), so no row written before means it.
 */
export const SHARED_SPAN_TEXT = Buffer.alloc(0);
const SHARED_SQL = "X''";
/** The alias of the sharing row in the statements below. */
const SHARING_ROW = "shared_row";

const isSpanTable = (table: string): table is SpanTable => Object.hasOwn(SPAN_TEXT_COLUMNS, table);

/** The SQL of the row of `table`'s `sharedWith` holding the text of a row written with SHARED_SPAN_TEXT; `text` its text expression. */
function sharedTextSql(table: SpanTable, row: string, text: (shared: SpanTable, alias: string) => string): string | null {
  const c = SPAN_TEXT_COLUMNS[table];
  if (!c.sharedWith) return null;
  const s = SPAN_TEXT_COLUMNS[c.sharedWith];
  return `(SELECT ${text(c.sharedWith, SHARING_ROW)} FROM ${c.sharedWith} ${SHARING_ROW} WHERE ${SHARING_ROW}.article_rowid = ${row}.article_rowid AND ${SHARING_ROW}.${s.start} = ${row}.${c.start} AND ${SHARING_ROW}.${s.end} = ${row}.${c.end} LIMIT 1)`;
}

/** The SQL expression of a row's span text (`row` the table's alias, `article` the articles table's). */
export function spanTextSql(table: SpanTable, row: string, article = "a"): string {
  const c = SPAN_TEXT_COLUMNS[table];
  const shared = sharedTextSql(table, row, (t, alias) => spanTextSql(t, alias, article));
  // the function (and the article's packed text it is handed) only for rows written with ''
  return `CASE ${shared ? `WHEN ${row}.${c.text} = ${SHARED_SQL} THEN ${shared} ` : ""}WHEN ${row}.${c.text} <> '' THEN ${row}.${c.text} ELSE ${SPAN_TEXT_FUNCTION}(${article}.text, ${row}.${c.start}, ${row}.${c.end}, ${row}.${c.text}) END`;
}

/** What a row writes for its span `text`: SHARED_SPAN_TEXT when `sharedText`, the text of every row of its table's `sharedWith` at the same offsets, is the same, else packSpanText. */
export function rowSpanText(text: string, sharedText: string | undefined): string | Buffer {
  return sharedText === text ? SHARED_SPAN_TEXT : packSpanText(text);
}

/** A statement with its span text expressions read from the row's own column (a back end that stores the texts). */
export function inRow(sql: string, table: SpanTable, row: string, article = "a"): string {
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
  if (!isSpanTable(table)) return [...columns];
  const c = SPAN_TEXT_COLUMNS[table];
  const written = (t: SpanTable, row: string) => {
    const r = SPAN_TEXT_COLUMNS[t];
    return `${SPAN_TEXT_FUNCTION}((SELECT a.text FROM articles a WHERE a.rowid = ${row}.article_rowid), ${row}.${r.start}, ${row}.${r.end}, ${row}.${r.text})`;
  };
  const shared = sharedTextSql(table, table, written);
  const text = shared ? `CASE WHEN ${table}.${c.text} = ${SHARED_SQL} THEN ${shared} ELSE ${written(table, table)} END` : written(table, table);
  return columns.map((col) => (col === c.text ? `${text} AS ${c.text}` : col));
}
