// Time expressions: absolute (15 Οκτωβρίου, τον Φεβρουάριο του 2022,
// 23/5/2020, Tuesday 15 October) and relative (σήμερα, πέρυσι, αυτόν τον μήνα,
// την περασμένη εβδομάδα, last week, three days ago), found over tokens with
// the tables of lang/<code>/dates.json (month and weekday names, numeric date
// order) and lang/<code>/time-expressions.json, and given TIMEX3-style
// values: resolved against the reference date (the publication date) when
// there is one, else left relative (REF-1Y, XXXX-06) and marked unanchored.
// An expression after a period-start word (since 2019, από το 2019) is marked
// as the start of a period: a point the text counts from. A whole date in
// another language's words (an English post quoted in a Greek article) counts.
import { TokenKind, type Doc } from "../../doc/doc.js";
import type { Timex } from "../../doc/layers.js";
import { getLang, knownLanguages } from "../../lang/lang.js";
import { wordView } from "../../text/words.js";

const TIME_TABLE = "time-expressions";
/** The numeric date order of a language's pages when no region is given. */
const DEFAULT_REGION = "default";
const NUMERIC_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/;
const YEAR = /^(1[89]\d\d|2[01]\d\d)$/;
const DAY = /^(0?[1-9]|[12]\d|3[01])$/;
const REFERENCE_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;
const TWO_DIGIT_YEAR_BASE = 2000;
/** A date without a year lies in the reference year unless it would be more than this far ahead. */
const FUTURE_WINDOW_DAYS = 45;
const MS_PER_DAY = 86_400_000;
const DAYS_PER_WEEK = 7;
/** Words before a weekday, and after it, in which a future word puts it in the future. */
const FUTURE_WORDS_BEFORE = 8;
const FUTURE_WORDS_AFTER = 5;
/** Parts of speech after a weekday that end the search for a future word: another verb, a subordinator or preposition (taggers tag "that" either way). */
const CLAUSE_ENDS = new Set(["VERB", "AUX", "SCONJ", "ADP"]);
const MONTHS_PER_YEAR = 12;
const UPPER_START = /^\p{Lu}/u;

export type Unit = "D" | "W" | "M" | "Y";

export type { Timex } from "../../doc/layers.js";

/** What an expression means before it is resolved. */
type Meaning =
  | { kind: "date"; y: number; m?: number; d?: number }
  | { kind: "partial"; m: number; d?: number }
  | { kind: "relative"; unit: Unit; offset: number }
  | { kind: "weekday"; weekday: number; direction: -1 | 0 | 1 };

interface TimeJson {
  days: Record<string, number>;
  years: Record<string, number>;
  modifiers: Record<string, number>;
  units: Record<string, Unit>;
  articles: string[];
  fillers: string[];
  yearCues: string[];
  ago: { before: string[]; after: string[] };
  numbers: Record<string, number>;
  future?: string[];
  periodStart?: string[];
}

interface Tables {
  months: Map<string, number>;
  weekdays: Map<string, number>;
  days: Map<string, number>;
  years: Map<string, number>;
  modifiers: Map<string, number>;
  units: Map<string, Unit>;
  articles: Set<string>;
  fillers: Set<string>;
  yearCues: string[][];
  agoBefore: string[][];
  agoAfter: Set<string>;
  numbers: Map<string, number>;
  /** Words that put the clause in the future (θα, will, expected): a weekday there is the next one. */
  future: Set<string>;
  /** Words before an expression that make it the start of a period running on (since, από). */
  periodStart: Set<string>;
  order: "dmy" | "mdy";
  /** The other languages' tables, for whole dates written in their words; filled on first use (withForeign). */
  foreign?: Tables[];
}

const tableCache = new Map<string, Tables | null>();

function tables(lang: string): Tables | null {
  if (tableCache.has(lang)) return tableCache.get(lang) ?? null;
  const data = getLang(lang);
  const j = data.tables[TIME_TABLE] as TimeJson | undefined;
  const t: Tables | null = j
    ? {
        months: data.dates.months,
        weekdays: data.dates.weekdays,
        days: new Map(Object.entries(j.days)),
        years: new Map(Object.entries(j.years)),
        modifiers: new Map(Object.entries(j.modifiers)),
        units: new Map(Object.entries(j.units)),
        articles: new Set(j.articles),
        fillers: new Set(j.fillers),
        yearCues: j.yearCues.map((c) => c.split(" ")),
        agoBefore: j.ago.before.map((c) => c.split(" ")),
        agoAfter: new Set(j.ago.after),
        numbers: new Map(Object.entries(j.numbers)),
        future: new Set(j.future ?? []),
        periodStart: new Set(j.periodStart ?? []),
        order: data.dates.numericOrder[DEFAULT_REGION],
      }
    : null;
  tableCache.set(lang, t);
  return t;
}

/** A language's tables with the other languages' beside them. */
function withForeign(lang: string): Tables | null {
  const t = tables(lang);
  if (t && !t.foreign) t.foreign = knownLanguages().filter((c) => c !== lang).flatMap((c) => tables(c) ?? []);
  return t;
}

/** Is the folded word a month or weekday name of the language (not an entity name)? */
export function isTimeWord(lang: string, folded: string): boolean {
  const t = tables(lang);
  return !!t && (t.months.has(folded) || t.weekdays.has(folded));
}

interface Tok {
  start: number;
  end: number;
  text: string;
  fold: string;
  kind: number;
}

interface Match {
  /** Token index after the expression. */
  next: number;
  meaning: Meaning;
}

/** The POS tag of token j, when the tagger ran. */
type PosAt = (j: number) => string | undefined;
type Matcher = (toks: Tok[], i: number, t: Tables, pos: PosAt) => Match | null;

const isNumber = (tok: Tok | undefined) => tok?.kind === TokenKind.Number;
const skipComma = (toks: Tok[], i: number) => (toks[i]?.text === "," ? i + 1 : i);

function yearAt(toks: Tok[], i: number): number | null {
  const tok = toks[i];
  return isNumber(tok) && YEAR.test(tok.text) ? Number(tok.text) : null;
}

function monthAt(toks: Tok[], i: number, t: Tables): number | null {
  const tok = toks[i];
  return tok && UPPER_START.test(tok.text) ? (t.months.get(tok.fold.replace(/\.$/, "")) ?? null) : null;
}

function dayAt(toks: Tok[], i: number): number | null {
  const tok = toks[i];
  return isNumber(tok) && DAY.test(tok.text) ? Number(tok.text) : null;
}

/** Year after a month: «του 2022», "of 2022", ", 2022", "2022". */
function yearAfter(toks: Tok[], i: number, t: Tables): [number, number] | null {
  let j = skipComma(toks, i);
  if (toks[j] && t.fillers.has(toks[j].fold)) j++;
  const y = yearAt(toks, j);
  return y !== null ? [y, j + 1] : null;
}

const numericDate: Matcher = (toks, i, t) => {
  const tok = toks[i];
  if (!isNumber(tok)) return null;
  const m = NUMERIC_DATE.exec(tok.text);
  if (!m) return null;
  let [a, b] = [Number(m[1]), Number(m[2])];
  if (t.order === "mdy" && a <= MONTHS_PER_YEAR) [a, b] = [b, a];
  if (b > MONTHS_PER_YEAR) [a, b] = [b, a];
  const y = m[3].length === 2 ? TWO_DIGIT_YEAR_BASE + Number(m[3]) : Number(m[3]);
  return b >= 1 && b <= MONTHS_PER_YEAR && a >= 1 && a <= 31 ? { next: i + 1, meaning: { kind: "date", y, m: b, d: a } } : null;
};

/** [weekday ,] day month [year] · month day [, year] · month [of] year · month. */
const calendarDate: Matcher = (toks, i, t) => {
  let j = i;
  const weekday = toks[j] && UPPER_START.test(toks[j].text) ? t.weekdays.get(toks[j].fold) : undefined;
  if (weekday !== undefined) j = skipComma(toks, j + 1);
  const d = dayAt(toks, j);
  if (d !== null) {
    const m = monthAt(toks, j + 1, t);
    if (m !== null) {
      const y = yearAfter(toks, j + 2, t);
      return y ? { next: y[1], meaning: { kind: "date", y: y[0], m, d } } : { next: j + 2, meaning: { kind: "partial", m, d } };
    }
  }
  const m = monthAt(toks, j, t);
  if (m === null) return null;
  const d2 = dayAt(toks, j + 1);
  if (d2 !== null && !yearAt(toks, j + 1)) {
    const y = yearAfter(toks, j + 2, t);
    return y ? { next: y[1], meaning: { kind: "date", y: y[0], m, d: d2 } } : { next: j + 2, meaning: { kind: "partial", m, d: d2 } };
  }
  if (weekday !== undefined) return null;
  const y = yearAfter(toks, j + 1, t);
  return y ? { next: y[1], meaning: { kind: "date", y: y[0], m } } : { next: j + 1, meaning: { kind: "partial", m } };
};

/**
 * A whole date (day, month and year) in another language's words: the date
 * line of an embedded post ("— ECB (@ecb) June 6, 2024" in a Greek article),
 * a quoted source's dateline. Only whole dates: a month name alone may be a
 * word of the page's language.
 */
const foreignDate: Matcher = (toks, i, t, posAt) => {
  for (const other of t.foreign ?? []) {
    const m = calendarDate(toks, i, other, posAt);
    if (m?.meaning.kind === "date" && m.meaning.d !== undefined) return m;
  }
  return null;
};

/**
 * Is the weekday at token i in a clause put in the future: a future word a few
 * words before it («θα μιλήσει για τα μέτρα την Πέμπτη»), or after it before
 * the clause's first other verb or subordinator ("On Thursday, the minister
 * will …", not "on Tuesday he said that he will …")? After it only with POS tags.
 */
function inFuture(toks: Tok[], i: number, t: Tables, posAt: PosAt): boolean {
  if (!t.future.size) return false;
  for (let j = i - 1, seen = 0; j >= 0 && seen < FUTURE_WORDS_BEFORE; j--) {
    if (toks[j].kind === TokenKind.Punct) break;
    if (toks[j].kind !== TokenKind.Word) continue;
    if (t.future.has(toks[j].fold)) return true;
    seen++;
  }
  for (let j = i + 1, seen = 0; j < toks.length && seen < FUTURE_WORDS_AFTER; j++) {
    const tok = toks[j];
    if (tok.kind === TokenKind.Punct && tok.text !== ",") break;
    if (tok.kind !== TokenKind.Word) continue;
    const pos = posAt(j);
    if (pos === undefined) break;
    if (t.future.has(tok.fold)) return true;
    if (CLAUSE_ENDS.has(pos)) break;
    seen++;
  }
  return false;
}

const weekdayAlone: Matcher = (toks, i, t, posAt) => {
  const tok = toks[i];
  const weekday = tok && UPPER_START.test(tok.text) ? t.weekdays.get(tok.fold) : undefined;
  return weekday !== undefined ? { next: i + 1, meaning: { kind: "weekday", weekday, direction: inFuture(toks, i, t, posAt) ? 1 : 0 } } : null;
};

const dayOrYearWord: Matcher = (toks, i, t) => {
  const f = toks[i]?.fold;
  if (f === undefined) return null;
  const d = t.days.get(f);
  if (d !== undefined) return { next: i + 1, meaning: { kind: "relative", unit: "D", offset: d } };
  const y = t.years.get(f);
  return y !== undefined ? { next: i + 1, meaning: { kind: "relative", unit: "Y", offset: y } } : null;
};

/** modifier [article] unit · modifier [article] weekday: «την περασμένη εβδομάδα», «αυτόν τον μήνα», "next Friday". */
const modified: Matcher = (toks, i, t) => {
  const offset = toks[i] ? t.modifiers.get(toks[i].fold) : undefined;
  if (offset === undefined) return null;
  let j = i + 1;
  if (toks[j] && t.fillers.has(toks[j].fold)) j++;
  const unit = toks[j] ? t.units.get(toks[j].fold) : undefined;
  if (unit) return { next: j + 1, meaning: { kind: "relative", unit, offset } };
  const weekday = toks[j] ? t.weekdays.get(toks[j].fold) : undefined;
  if (weekday !== undefined) return { next: j + 1, meaning: { kind: "weekday", weekday, direction: offset < 0 ? -1 : offset > 0 ? 1 : 0 } };
  return null;
};

function phraseAt(toks: Tok[], i: number, phrase: string[]): boolean {
  return phrase.every((w, k) => toks[i + k]?.fold === w);
}

/** «πριν (από) τρεις ημέρες», "three days ago". */
const ago: Matcher = (toks, i, t) => {
  const count = (tok: Tok | undefined) => (tok ? (isNumber(tok) && DAY.test(tok.text) ? Number(tok.text) : t.numbers.get(tok.fold)) : undefined);
  for (const before of t.agoBefore) {
    if (!phraseAt(toks, i, before)) continue;
    const n = count(toks[i + before.length]);
    const unit = toks[i + before.length + 1] ? t.units.get(toks[i + before.length + 1].fold) : undefined;
    if (n !== undefined && unit) return { next: i + before.length + 2, meaning: { kind: "relative", unit, offset: -n } };
  }
  const n = count(toks[i]);
  const unit = toks[i + 1] ? t.units.get(toks[i + 1].fold) : undefined;
  if (n !== undefined && unit && toks[i + 2] && t.agoAfter.has(toks[i + 2].fold)) return { next: i + 3, meaning: { kind: "relative", unit, offset: -n } };
  return null;
};

/** A bare year after a cue word: «το 2022», "in 2022". */
const cuedYear: Matcher = (toks, i, t) => {
  const y = yearAt(toks, i);
  if (y === null) return null;
  const cued = t.yearCues.some((cue) => phraseAt(toks, i - cue.length, cue));
  return cued ? { next: i + 1, meaning: { kind: "date", y } } : null;
};

const MATCHERS: Matcher[] = [numericDate, ago, calendarDate, foreignDate, modified, dayOrYearWord, weekdayAlone, cuedYear];

interface Reference {
  y: number;
  m?: number;
  d?: number;
}

/** The reference date of a `published` value (YYYY, YYYY-MM or an ISO date or date-time). */
function parseReference(published: string | undefined): Reference | null {
  const m = published ? REFERENCE_DATE.exec(published) : null;
  if (!m) return null;
  return { y: Number(m[1]), m: m[2] ? Number(m[2]) : undefined, d: m[3] ? Number(m[3]) : undefined };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDate = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

function isoWeek(date: Date): [number, number] {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || DAYS_PER_WEEK;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return [d.getUTCFullYear(), Math.ceil(((d.getTime() - yearStart) / MS_PER_DAY + 1) / DAYS_PER_WEEK)];
}

const sign = (n: number) => (n < 0 ? `-${-n}` : `+${n}`);

/** The value of a meaning, resolved against the reference when it has the detail needed. */
function resolve(meaning: Meaning, ref: Reference | null): { value: string; anchored: boolean } {
  switch (meaning.kind) {
    case "date": {
      const value = [pad(meaning.y, 4), meaning.m && pad(meaning.m), meaning.m && meaning.d && pad(meaning.d)].filter(Boolean).join("-");
      return { value, anchored: true };
    }
    case "partial": {
      const tail = meaning.d ? `-${pad(meaning.m)}-${pad(meaning.d)}` : `-${pad(meaning.m)}`;
      if (!ref || ref.m === undefined) return { value: `XXXX${tail}`, anchored: false };
      const refTime = Date.UTC(ref.y, ref.m - 1, ref.d ?? 1);
      const candidate = Date.UTC(ref.y, meaning.m - 1, meaning.d ?? 1);
      const year = candidate - refTime > FUTURE_WINDOW_DAYS * MS_PER_DAY ? ref.y - 1 : ref.y;
      return { value: `${pad(year, 4)}${tail}`, anchored: true };
    }
    case "relative": {
      const { unit, offset } = meaning;
      const needs = unit === "Y" ? 0 : unit === "M" ? 1 : 2;
      const have = ref ? (ref.d !== undefined ? 2 : ref.m !== undefined ? 1 : 0) : -1;
      if (!ref || have < needs) return { value: offset === 0 ? `REF` + (unit === "D" ? "" : `+0${unit}`) : `REF${sign(offset)}${unit}`, anchored: false };
      if (unit === "Y") return { value: pad(ref.y + offset, 4), anchored: true };
      if (unit === "M") {
        const months = ref.y * MONTHS_PER_YEAR + (ref.m! - 1) + offset;
        return { value: `${pad(Math.floor(months / MONTHS_PER_YEAR), 4)}-${pad((months % MONTHS_PER_YEAR) + 1)}`, anchored: true };
      }
      const day = new Date(Date.UTC(ref.y, ref.m! - 1, ref.d!) + offset * (unit === "W" ? DAYS_PER_WEEK : 1) * MS_PER_DAY);
      if (unit === "D") return { value: isoDate(day), anchored: true };
      const [wy, w] = isoWeek(day);
      return { value: `${wy}-W${pad(w)}`, anchored: true };
    }
    case "weekday": {
      if (!ref || ref.m === undefined || ref.d === undefined) return { value: `XXXX-WXX-${meaning.weekday}`, anchored: false };
      const refDate = new Date(Date.UTC(ref.y, ref.m - 1, ref.d));
      const refWeekday = refDate.getUTCDay() || DAYS_PER_WEEK;
      let delta = meaning.weekday - refWeekday;
      if (meaning.direction === 1) delta = delta <= 0 ? delta + DAYS_PER_WEEK : delta;
      else if (meaning.direction === -1) delta = delta >= 0 ? delta - DAYS_PER_WEEK : delta;
      else if (delta > 0) delta -= DAYS_PER_WEEK;
      return { value: isoDate(new Date(refDate.getTime() + delta * MS_PER_DAY)), anchored: true };
    }
  }
}

/** The time expressions of a document, resolved against `published` when given. */
export function findTimex(doc: Doc, published: string | undefined = doc.meta.published): Timex[] {
  const t = withForeign(doc.lang);
  if (!t) return [];
  const cols = doc.layers.tokens;
  // The document's shared word view: its texts and folds are made once for every layer.
  const { text, fold } = wordView(doc);
  const toks: Tok[] = new Array(cols.length);
  for (let i = 0; i < cols.length; i++) toks[i] = { start: cols.start[i], end: cols.end[i], text: text[i], fold: fold[i], kind: cols.kind[i] };
  const tags = cols.posTags;
  const posAt: PosAt = cols.pos && tags ? (j) => tags[cols.pos![j]] : () => undefined;
  const ref = parseReference(published);
  const out: Timex[] = [];
  let i = 0;
  while (i < toks.length) {
    let match: Match | null = null;
    for (const m of MATCHERS) if ((match = m(toks, i, t, posAt))) break;
    if (!match) {
      i++;
      continue;
    }
    const first = i > 0 && t.articles.has(toks[i - 1].fold) && !out.some((x) => x.end > toks[i - 1].start) ? i - 1 : i;
    const start = toks[first].start;
    const end = toks[match.next - 1].end;
    const timex: Timex = { start, end, text: doc.text.slice(start, end), ...resolve(match.meaning, ref) };
    if (first > 0 && t.periodStart.has(toks[first - 1].fold)) timex.periodStart = true;
    out.push(timex);
    i = match.next;
  }
  return out;
}
