// The spans of an article's stored record (article-row.ts), written the way
// they deflate best: in every list of spans (paragraphs, sentences, mentions,
// quotations, times, an entity's mentions …) a span's start is written as its
// distance from the end of the span before it in the list (the first one's from
// 0) and its end as its length, and a span's `text` that is exactly the
// article's words between its offsets as SPAN_TEXT (restored from the text when
// read). Offsets that grow with the text become small numbers that repeat:
// about 140 of a generated article's 2,460 deflated record bytes. A span that
// is not in a list (a quotation's speaker mention, an event's trigger) keeps its
// offsets. The transformation is the same for any list whose items all have a
// numeric start and end, whatever their layer, and its inverse reads the list
// by the same test, so every record comes back as it was written. A record
// written relative says so (RELATIVE_SPANS); one written before is read as it is.

/** What a span's `text` is stored as when it is exactly the text it covers. */
export const SPAN_TEXT = 0;
/** The stored record's key that says its lists of spans are relative (no layer is named so). */
export const RELATIVE_SPANS = "~spans";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Span = JsonObject & { start: number; end: number };

function isSpan(v: Json): v is Span {
  return v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.start === "number" && typeof v.end === "number";
}

/** A list that the relative form writes span by span: one of spans only. */
const isSpanList = (list: Json[]): boolean => list.length > 0 && list.every(isSpan);

/** A copy of `value` in the stored form: its lists of spans relative, the texts of its spans that are the article's own words written as SPAN_TEXT. */
function stored(value: Json, text: string): Json {
  if (Array.isArray(value)) {
    if (!isSpanList(value)) return value.map((v) => stored(v, text));
    let before = 0;
    return value.map((span) => {
      const { start, end } = span as Span;
      const out = stored(span, text) as Span;
      out.start = start - before;
      out.end = end - start;
      before = end;
      return out;
    });
  }
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === "text" && isSpan(value) && v === text.slice(value.start, value.end) ? SPAN_TEXT : stored(v, text);
  }
  return out;
}

/** `value` (in place) with its lists of spans absolute again and its spans' SPAN_TEXT restored from the article's text. */
function restored(value: Json, text: string, relative: boolean): void {
  if (Array.isArray(value)) {
    if (relative && isSpanList(value)) {
      let before = 0;
      for (const span of value as Span[]) {
        span.start += before;
        span.end += span.start;
        before = span.end;
      }
    }
    for (const v of value) restored(v, text, relative);
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (isSpan(value) && value.text === SPAN_TEXT) value.text = text.slice(value.start, value.end);
  for (const v of Object.values(value)) restored(v, text, relative);
}

/** The JSON text a record (without its text) is stored as, given the article's text. */
export function storedRecordJson(record: object, text: string): string {
  return JSON.stringify({ ...(stored(record as JsonObject, text) as JsonObject), [RELATIVE_SPANS]: 1 });
}

/** The record of `storedRecordJson` (or of a record stored before the relative form), its spans absolute and their texts restored. */
export function parseStoredRecord<T>(json: string, text: string): T {
  const record = JSON.parse(json) as JsonObject;
  const relative = RELATIVE_SPANS in record;
  delete record[RELATIVE_SPANS];
  restored(record, text, relative);
  return record as T;
}
