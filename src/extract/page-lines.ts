// The lines of a scraped plain-text page and what a reader sees in each: its
// length and shape, final punctuation, dates and times, capitals, separators,
// furniture patterns of the language tables (lang/<code>/page-furniture.json),
// repetition, position and distance to the first long paragraph, and the same
// shape of its neighbours. Bylines glued to the first word («ΣύνταξηΗ
// κυβέρνηση», "John SmithTuesday, …") and bylines glued to the end of a
// related headline ("Talks endJane Doe - Aug 10, 2020") become lines of their
// own. The features are names with value 1, scored by page-structure.ts.
import { allLangs, type LangData } from "../lang/lang.js";
import { fold } from "../text/normalize.js";
import { trimEdges } from "./trim.js";

/** The kinds of furniture patterns in page-furniture.json, each one feature. */
export const FURNITURE_KINDS = ["navigation", "byline", "credit", "caption", "trailing", "advert"] as const;
export type FurnitureKind = (typeof FURNITURE_KINDS)[number];

/**
 * A line break. Lines are cut at the breaks this finds, not matched by a
 * `[^\r\n]*` pattern: under the u flag such a pattern keeps backtracking state
 * per character, which overflows the stack on a line of millions of characters.
 */
const BREAK = /\r\n|\r|\n/gu;
/** What dateStarts knows of a first character. */
const UNKNOWN = 0;
const MAY = 1;
const NEVER_DATE = 2;
const UTF16_UNITS = 0x10000;
/** UTF-16 surrogate halves. */
const SURROGATES_FROM = 0xd800;
const SURROGATES_TO = 0xdfff;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
const LETTER = /\p{L}/u;
/** A lower-case letter: a line holding one is not all capitals. */
const LOWER_LETTER = /\p{Ll}/u;
/** Three letters, whatever stands between them (a line with fewer is not read as all capitals). */
const THREE_LETTERS = /\p{L}\P{L}*\p{L}\P{L}*\p{L}/u;
/** Characters at a line's end that its end patterns read (a pattern anchored at the end still tries every start). */
const END_PROBE_CHARS = 32;
const UPPER_START = /^\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;
const SENTENCE_END = /[.!?](?:["'»”’)\]]*)$/u;
const ELLIPSIS_END = /(?:…|\.\.\.)(?:["'»”’)\]]*)$/u;
const CLOSING_QUOTE_END = /["'»”’]$/u;
const OPENING_QUOTE_START = /^["'«“‘„]/u;
const BULLET_START = /^[•·▪►»>|*–—-]\s*/u;
const PIPE = /\s[|│]\s|\s[|│]$|^[|│]\s/u;
const NUMERIC_DATE = /(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})(?!\d)/u;
const CLOCK_TIME = /(?<!\d)\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?![\d.]\d)/iu;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/u;
const URLISH = /(?:https?:\/\/|www\.|\.(?:com|gr|cy|org|net|co\.uk)(?:\/|$|\s))/iu;
const EMAIL = /[\w.+-]{1,64}@[\w-]{1,64}\.[\w.]{1,64}/u;
/** A lower-case letter run glued to a capital of the same script: the seam of two texts joined without a space. */
const GLUE = /(\p{Ll}{2,})(\p{Lu})/gu;
/** Whether a text holds such a seam at all (most lines do not: no iterator is made for them). */
const GLUED = /\p{Ll}{2}\p{Lu}/u;
/** A parenthesised note closing a paragraph: "… this year. (Reporting by …)". */
const CLOSING_NOTE = /[.!?»”"]\s*(\([^()]{5,160}\))$/u;
/** Characters at a line's end that CLOSING_NOTE reads (the longest note and what precedes it). */
const CLOSING_NOTE_REACH = 200;
const SEPARATED_TAIL = /^\p{Lu}[\p{L}.'’ -]{0,40}?\s[-–—|]\s/u;
const GREEK = /\p{Script=Greek}/u;

export interface PageLinesOptions {
  /** A line of at least this many words ending a sentence is a long paragraph. */
  paragraphWords?: number;
  /** A line of at least this many words is a long paragraph whatever its end. */
  paragraphWordsAnyEnd?: number;
  /** How far into a line (characters) a glued byline may reach. */
  maxGluedPrefixChars?: number;
  /** Most words of a glued byline. */
  maxGluedPrefixWords?: number;
  /** Longest byline-and-date tail glued to a related headline. */
  maxGluedTailChars?: number;
  /** Longest line tested against the furniture patterns and markers: longer lines are text. */
  maxFurnitureChars?: number;
  /** Language tables (default: all). */
  langs?: LangData[];
}

const DEFAULTS: Required<Omit<PageLinesOptions, "langs">> = {
  paragraphWords: 15,
  paragraphWordsAnyEnd: 40,
  maxGluedPrefixChars: 40,
  maxGluedPrefixWords: 4,
  maxGluedTailChars: 50,
  maxFurnitureChars: 300,
};

/** Length buckets (characters, upper bounds) and word-count buckets. */
const LENGTH_BUCKETS = [3, 12, 30, 60, 100, 160, 300];
const WORD_BUCKETS = [1, 3, 7, 15, 30];
/** Characters of a line its features read: far beyond any furniture line or headline. */
const WORD_SCAN_CHARS = 2000;
/** Characters of a long line's end read with its beginning (how it ends). */
const LINE_TAIL_CHARS = 200;
const MOST_CAPITALISED = 0.6;
const HIGH_DIGIT_SHARE = 0.3;
const PARAGRAPH_DISTANCES = 4;

export interface PageLine {
  text: string;
  /** Offsets of the line in the page text. */
  start: number;
  end: number;
  /**
   * Split off a glued byline ("prefix" is the byline, "rest" the text after it), a glued tail ("head" the
   * headline, "tail" the byline and date) or a credit note closing a paragraph ("text", "note").
   */
  glued?: "prefix" | "rest" | "head" | "tail" | "text" | "note";
}

export interface FurnitureTables {
  patterns: Record<FurnitureKind, RegExp[]>;
  /** Folded byline words that may be glued to the first word of the body. */
  bylineWords: Set<string>;
  /** Folded labels that lead another story's headline after a separator. */
  relatedLeads: string[];
  /** Folded related-block markers (related-markers.json: related and exact). */
  markers: string[];
  /** Folded month and weekday names. */
  dateWords: Set<string>;
  /** By the code of a word's first UTF-16 unit: whether the word may fold to a date word (MAY, NEVER_DATE; filled as codes are met). */
  dateStarts: Uint8Array;
  /** Furniture lines of boilerplate.json (lines and headers), folded patterns. */
  boilerplate: RegExp[];
}

interface PageFurnitureJson {
  patterns: Record<FurnitureKind, string[]>;
  bylineWords: string[];
  relatedLeads: string[];
}

let defaultTables: FurnitureTables | undefined;

/** The furniture tables of the given languages merged (all languages by default, cached). */
export function furnitureTables(langs?: LangData[]): FurnitureTables {
  if (!langs && defaultTables) return defaultTables;
  const list = langs ?? allLangs();
  const patterns = Object.fromEntries(FURNITURE_KINDS.map((k) => [k, [] as RegExp[]])) as Record<FurnitureKind, RegExp[]>;
  const bylineWords = new Set<string>();
  const relatedLeads = new Set<string>();
  const dateWords = new Set<string>();
  for (const lang of list) {
    const json = lang.tables["page-furniture"] as PageFurnitureJson | undefined;
    if (json) {
      for (const k of FURNITURE_KINDS) patterns[k].push(...json.patterns[k].map((p) => new RegExp(p, "u")));
      for (const w of json.bylineWords) bylineWords.add(fold(w));
      for (const w of json.relatedLeads) relatedLeads.add(fold(w));
    }
    for (const m of lang.dates.months.keys()) dateWords.add(m);
    for (const w of lang.dates.weekdays.keys()) dateWords.add(w);
  }
  const tables: FurnitureTables = {
    patterns,
    bylineWords,
    relatedLeads: [...relatedLeads].sort((a, b) => b.length - a.length),
    markers: [...new Set(list.flatMap((l) => [...l.relatedMarkers.related, ...l.relatedMarkers.exact]))].sort((a, b) => b.length - a.length),
    dateWords,
    dateStarts: new Uint8Array(UTF16_UNITS),
    boilerplate: list.flatMap((l) => [...l.boilerplate.lines, ...l.boilerplate.headers]),
  };
  if (!langs) defaultTables = tables;
  return tables;
}

const wordsOf = (s: string): string[] => s.match(WORD) ?? [];

/**
 * Does the word fold to a month or weekday name (a final dot aside)? A word's fold begins with
 * the fold of its first character (lower-casing and decomposing keep base letters in order), so
 * only words whose first character folds to a date word's first letter are folded whole.
 */
function isDateWord(w: string, t: FurnitureTables): boolean {
  const c = w.charCodeAt(0);
  let may = t.dateStarts[c];
  if (may === UNKNOWN) {
    // A surrogate half is no letter of its own: such words are always folded.
    const first = fold(String.fromCharCode(c))[0];
    may = (c >= SURROGATES_FROM && c <= SURROGATES_TO) || [...t.dateWords].some((d) => d[0] === first) ? MAY : NEVER_DATE;
    t.dateStarts[c] = may;
  }
  if (may === NEVER_DATE) return false;
  const k = fold(w);
  return t.dateWords.has(k.endsWith(".") ? k.slice(0, -1) : k);
}

/** Words in a line, counted up to `max`: a page-long line is not split into an array of its words. */
function countWords(s: string, max: number): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (n < max && WORD.exec(s)) n++;
  WORD.lastIndex = 0;
  return n;
}

function sameScript(a: string, b: string): boolean {
  return GREEK.test(a) === GREEK.test(b);
}

/** Splits a byline glued to the first word ("ΣύνταξηΗ κυβέρνηση …") off the line, or a byline-and-date tail glued to a headline. */
function splitGlued(line: PageLine, t: FurnitureTables, o: Required<Omit<PageLinesOptions, "langs">>): PageLine[] {
  const { text, start } = line;
  // Only the line's first and last characters can hold a glued byline: the scans stay short on long lines.
  const head = text.slice(0, o.maxGluedPrefixChars + 1);
  for (const m of GLUED.test(head) ? head.matchAll(GLUE) : []) {
    const at = (m.index ?? 0) + m[1].length;
    if (at > o.maxGluedPrefixChars) break;
    const prefix = text.slice(0, at);
    const rest = text.slice(at);
    if (!sameScript(m[1], m[2])) continue;
    const words = wordsOf(prefix);
    const lastWord = fold(words[words.length - 1] ?? "");
    const isName = words.length >= 2 && words.length <= o.maxGluedPrefixWords && words.every((w) => UPPER_START.test(w));
    if ((isName || t.bylineWords.has(lastWord)) && countWords(rest, 3) >= 3) {
      return [
        { text: prefix.trim(), start, end: start + at, glued: "prefix" },
        { text: rest.trim(), start: start + at, end: line.end, glued: "rest" },
      ];
    }
  }
  const tailFrom = Math.max(0, text.length - o.maxGluedTailChars - 2);
  const tailText = text.slice(tailFrom);
  for (const m of GLUED.test(tailText) ? tailText.matchAll(GLUE) : []) {
    const at = tailFrom + (m.index ?? 0) + m[1].length;
    if (text.length - at > o.maxGluedTailChars || !sameScript(m[1], m[2])) continue;
    const tail = text.slice(at);
    if (SEPARATED_TAIL.test(tail) && (YEAR.test(tail) || NUMERIC_DATE.test(tail))) {
      return [
        { text: text.slice(0, at).trim(), start, end: start + at, glued: "head" },
        { text: tail.trim(), start: start + at, end: line.end, glued: "tail" },
      ];
    }
  }
  const noteFrom = Math.max(0, text.length - CLOSING_NOTE_REACH);
  const note = CLOSING_NOTE.exec(noteFrom ? text.slice(noteFrom) : text);
  if (note) {
    const at = text.length - note[1].length;
    const inside = fold(note[1].slice(1, -1)).trim();
    if (t.patterns.credit.some((re) => re.test(fold(note[1])) || re.test(inside))) {
      return [
        { text: text.slice(0, at).trim(), start, end: start + at, glued: "text" },
        { text: note[1], start: start + at, end: line.end, glued: "note" },
      ];
    }
  }
  return [line];
}

/** The non-empty lines of a page, trimmed, with glued bylines split off; `from` skips a leading part (an archive's metadata). */
export function pageLines(input: string, from = 0, options: PageLinesOptions = {}): PageLine[] {
  const o = { ...DEFAULTS, ...options };
  const t = furnitureTables(options.langs);
  const lines: PageLine[] = [];
  let at = from;
  while (at < input.length) {
    BREAK.lastIndex = at;
    const m = BREAK.exec(input);
    const end = m ? m.index : input.length;
    const raw = input.slice(at, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== "") lines.push(...splitGlued({ text: trimmed, start: at + lead, end: at + lead + trimmed.length }, t, o));
    at = m ? end + m[0].length : input.length;
  }
  BREAK.lastIndex = 0;
  return lines;
}

/** What one line looks like on its own: the features its neighbours also lend. */
interface Shape {
  /** What tells repeated lines: a short line folded, a longer one as it is (one longer than WORD_SCAN_CHARS: its sample and its length). */
  key: string;
  chars: number;
  words: number;
  prose: boolean;
  longParagraph: boolean;
  titleLike: boolean;
  marker: boolean;
  furniture: FurnitureKind[];
  names: string[];
}

function bucket(value: number, bounds: number[]): number {
  const i = bounds.findIndex((b) => value <= b);
  return i < 0 ? bounds.length : i;
}

/** A marker line, or a marker or lead label followed by a separator and a headline; `f` is the folded line. */
export function markerOf(line: string, t: FurnitureTables, f = fold(line)): { marker: string; rest: string } | null {
  const bare = trimEdges(f);
  for (const m of t.markers) {
    if (bare === m) return { marker: line, rest: "" };
  }
  for (const m of [...t.markers, ...t.relatedLeads]) {
    if (!f.startsWith(m)) continue;
    const sep = /^\s*[:|│]\s*/u.exec(line.slice(m.length));
    if (sep) return { marker: line.slice(0, m.length + sep[0].length).trim(), rest: line.slice(m.length + sep[0].length).trim() };
  }
  return null;
}

/** Whether a UTF-16 unit is one of the characters \s matches. */
function isSpace(c: number): boolean {
  // Tested from the commonest characters up: ASCII, then the letters of most scripts below U+1680, in two comparisons.
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x1680) return c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Characters read between checks whether the rest of a line could still make it mostly digits. */
const DIGIT_CHECK_EVERY = 64;

/**
 * Are more than `share` of the characters that are not white space ASCII digits? One pass,
 * stopped as soon as the rest of the line, were it all digits, could not lift the share above it.
 */
function mostlyDigits(text: string, share: number): boolean {
  let digits = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (!isSpace(c)) other++;
    if (i % DIGIT_CHECK_EVERY === DIGIT_CHECK_EVERY - 1) {
      const most = digits + text.length - 1 - i;
      if (most / Math.max(1, most + other) <= share) return false;
    }
  }
  return digits / Math.max(1, digits + other) > share;
}

function shapeOf(full: string, t: FurnitureTables, o: Required<Omit<PageLinesOptions, "langs">>): Shape {
  const chars = full.length;
  // A line longer than WORD_SCAN_CHARS is read by its beginning and its end: every feature is
  // settled there (a page-long line is prose), and the cost of a line stays bounded.
  const long = chars > WORD_SCAN_CHARS;
  const text = long ? `${full.slice(0, WORD_SCAN_CHARS)} ${full.slice(-LINE_TAIL_CHARS)}` : full;
  const words = wordsOf(text);
  const wordCount = words.length;
  const short = chars <= o.maxFurnitureChars;
  // Only a short line's folded form is matched against patterns; a longer line's key (read for
  // repeats only) is its text as it is, a long line's its sample and its length.
  const f = short ? fold(text) : long ? `${text}\u0000${chars}` : text;
  const folded = short ? trimEdges(f) : f;
  const names: string[] = [];
  names.push(`len${bucket(chars, LENGTH_BUCKETS)}`, `words${bucket(wordCount, WORD_BUCKETS)}`);
  const end = text.length > END_PROBE_CHARS ? text.slice(-END_PROBE_CHARS) : text;
  const sentence = SENTENCE_END.test(end);
  const ellipsis = ELLIPSIS_END.test(end);
  if (ellipsis) names.push("end:ellipsis");
  else if (sentence) names.push("end:sentence");
  else if (/[;;]$/u.test(end)) names.push("end:question");
  else if (/:$/u.test(end)) names.push("end:colon");
  else if (CLOSING_QUOTE_END.test(end)) names.push("end:quote");
  else if (/[\p{L}\p{N}]$/u.test(end)) names.push("end:open");
  else names.push("end:other");
  if (LOWER_START.test(text)) names.push("start:lower");
  if (OPENING_QUOTE_START.test(text)) names.push("start:quote");
  if (BULLET_START.test(text)) names.push("start:bullet");
  if (/^\d/u.test(text)) names.push("start:digit");
  if (PIPE.test(text)) names.push("sep:pipe");
  const dateWord = words.some((w) => isDateWord(w, t));
  if (NUMERIC_DATE.test(text) || (dateWord && YEAR.test(text))) names.push("date");
  if (dateWord) names.push("dateword");
  if (CLOCK_TIME.test(text)) names.push("time");
  if (!LETTER.test(text)) names.push("noletters");
  if (mostlyDigits(text, HIGH_DIGIT_SHARE)) names.push("digits");
  if (!LOWER_LETTER.test(text) && THREE_LETTERS.test(text) && text === text.toLocaleUpperCase() && text !== text.toLocaleLowerCase()) names.push("caps:all");
  const capitalised = words.filter((w) => UPPER_START.test(w)).length;
  if (wordCount >= 3 && capitalised / wordCount >= MOST_CAPITALISED) names.push("caps:most");
  if (URLISH.test(text)) names.push("url");
  if (text.includes("@") && EMAIL.test(text)) names.push("email");
  const furniture = short ? FURNITURE_KINDS.filter((k) => t.patterns[k].some((re) => re.test(folded) || re.test(f))) : [];
  for (const k of furniture) names.push(`pat:${k}`);
  if (short && t.boilerplate.some((re) => re.test(folded))) names.push("boilerplate");
  const marker = short ? markerOf(text, t, f) : null;
  if (marker) names.push(marker.rest ? "marker:lead" : "marker");
  const longParagraph = (wordCount >= o.paragraphWords && sentence) || wordCount >= o.paragraphWordsAnyEnd;
  const prose = sentence && wordCount >= 4;
  const titleLike = wordCount >= 3 && wordCount <= 30 && !sentence && !ellipsis && UPPER_START.test(text.replace(OPENING_QUOTE_START, ""));
  if (prose) names.push("prose");
  if (titleLike) names.push("titlelike");
  if (longParagraph) names.push("paragraph");
  return { key: f, chars, words: wordCount, prose, longParagraph, titleLike, marker: marker !== null, furniture, names };
}

/** The features of every line, in order: names with value 1. */
export function lineFeatures(lines: PageLine[], options: PageLinesOptions = {}): string[][] {
  const o = { ...DEFAULTS, ...options };
  const t = furnitureTables(options.langs);
  const shapes = lines.map((l) => shapeOf(l.text, t, o));
  // The first long paragraph anchors the page; a short page's first sentence stands in for it.
  const firstLong = shapes.findIndex((s) => s.longParagraph);
  const firstParagraph = firstLong >= 0 ? firstLong : shapes.findIndex((s) => s.prose);
  const counts = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const s of shapes) counts.set(s.key, (counts.get(s.key) ?? 0) + 1);
  // The longest line before the first long paragraph: the headline, as a rule.
  let longestBefore = -1;
  for (let k = 0; k < firstParagraph; k++) if (longestBefore < 0 || shapes[k].chars > shapes[longestBefore].chars) longestBefore = k;
  return lines.map((line, k) => {
    const s = shapes[k];
    const names = ["bias", ...s.names];
    if (line.glued) names.push(`glued:${line.glued}`);
    const key = s.key;
    if ((counts.get(key) ?? 0) > 1) names.push((seen.get(key) ?? 0) === 0 ? "repeat:first" : "repeat:later");
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (k === 0) names.push("pos:first");
    if (k === lines.length - 1) names.push("pos:last");
    names.push(`pos:q${Math.min(3, Math.floor((4 * k) / Math.max(1, lines.length)))}`);
    if (firstParagraph < 0) names.push("para:none");
    else if (k < firstParagraph) names.push(`para:before${Math.min(PARAGRAPH_DISTANCES, firstParagraph - k)}`);
    else if (k === firstParagraph) names.push("para:first");
    else names.push(k - firstParagraph === 1 ? "para:after1" : "para:after");
    if (k === longestBefore) names.push("para:longestbefore");
    for (const [prefix, n] of [["p:", shapes[k - 1]], ["n:", shapes[k + 1]]] as const) {
      if (!n) {
        names.push(`${prefix}none`);
        continue;
      }
      names.push(`${prefix}len${bucket(n.chars, LENGTH_BUCKETS)}`);
      if (n.prose) names.push(`${prefix}prose`);
      if (n.longParagraph) names.push(`${prefix}paragraph`);
      if (n.titleLike) names.push(`${prefix}titlelike`);
      if (n.marker) names.push(`${prefix}marker`);
      if (n.furniture.length > 0) names.push(`${prefix}furniture`);
    }
    return names;
  });
}
