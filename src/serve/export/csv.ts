// CSV as RFC 4180 describes it: a header row, CRLF line ends, a field quoted
// (quotes doubled) when it holds a comma, a quote or a line break. A text cell
// a spreadsheet would read as a formula (starting with = + - @, a tab or a
// carriage return) is prefixed with a single quote, so exported article text
// cannot run in the analyst's spreadsheet (CSV injection). Numbers are written
// as they are.
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  name: string;
  value: (row: T) => CsvCell;
}

export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8; header=present";
const LINE_END = "\r\n";
/** What makes a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/u;
const FORMULA_GUARD = "'";
const NEEDS_QUOTES = /[",\r\n]/u;
const QUOTE = /"/gu;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? FORMULA_GUARD + value : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return columns.map((c) => csvCell(c.name)).join(",") + LINE_END;
}

export function csvLine<T>(columns: readonly CsvColumn<T>[], row: T): string {
  return columns.map((c) => csvCell(c.value(row))).join(",") + LINE_END;
}
