// What an article says about the event it reports, in the form the story
// assignment compares: content words of its language (search keys of nouns,
// names, adjectives and verbs), and keys every language shares — the entities
// it names (country codes, a consonant skeleton of the phonetic key: a
// surname for a person), its cities and regions again as places, the numbers
// it gives (separators aside, so 3,75 and 3.75 meet), the calendar dates it
// resolves (a period's start, "since 2019", keyed apart: it dates nothing),
// the speakers it quotes — plus its publication day. Computed from the
// document's layers, nothing stored. A number given as the size of a change
// (cut by 0.25) is keyed apart from levels (to 2.75): the step recurs from one
// event of a series to the next, so it is no figure of the event.
import { derive } from "../doc/derived.js";
import { TokenKind, tokenRange, type Doc } from "../doc/doc.js";
import type { Entity } from "../doc/layers.js";
import { unionOfLangs } from "../lang/lang.js";
import { fold } from "../text/normalize.js";
import { wordView } from "../text/words.js";

/** Universal POS tags whose words carry the content of an article. */
const CONTENT_POS = new Set(["NOUN", "PROPN", "ADJ", "VERB"]);
/** Shortest search key kept as a content term. */
const MIN_TERM_LENGTH = 3;
/** Weight of a headline word or entity mention beside a body one. */
const HEADLINE_WEIGHT = 2;
/** Weight of a nationality word (Greek, Τούρκος) beside a mention of the country by name. */
const NATIONALITY_WEIGHT = 0.5;
const ENTITY_PREFIX = "e:";
const PLACE_PREFIX = "p:";
/** The entity type of places. */
const PLACE_TYPE = "LOC";
/** Numbers with fewer significant digits than this say little (1, 2 … 9). */
const MIN_NUMBER_DIGITS = 2;
/** The table of lang/<code>/ naming the words that make the number after them the size of a change. */
const FIGURES_TABLE = "story-figures";
/** Marks the key of a change's size (n:+0.25): a number key, but not a figure (assign.ts FIGURE). */
const CHANGE_MARK = "+";
const VOWELS_AFTER_FIRST = /(?<=.)[aeiou]/g;
/** Consonants that transcriptions of one name write differently (Ρετζέπ ~ Recep, Χριστίν ~ Christine, Άγκυρα ~ Ankara). */
const CONSONANT_CLASSES: [RegExp, string][] = [
  [/n(?=[gk])/g, ""],
  [/[gkjhc]/g, "k"],
  [/[zs]/g, "s"],
  [/[dt]/g, "t"],
  [/[bp]/g, "p"],
  [/(.)\1+/g, "$1"],
];
const MIN_SKELETON = 2;
const DIGITS = /\p{Nd}/gu;
const GROUP_SEPARATORS = /[.,]/u;
/** Clock times and numeric dates (17:30, 15/10): not figures of the event. */
const TIME_OR_DATE = /[:/]/u;
/** A number's group after its last separator: three digits are thousands (146.635), fewer or more a fraction (45,47). */
const THOUSANDS_GROUP = 3;
/** Calendar values of time expressions kept as keys: a year, a month of a year, a day, or a month and day without a year. */
const DATE_KEY = /^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|XXXX-\d{2}-\d{2})$/u;
/** A calendar day, whose month is a key too (a day meets a text that names only its month). */
const DAY_VALUE = /^(\d{4}-\d{2})-\d{2}$/u;
/** Weight of the month key a named day adds. */
const MONTH_OF_DAY_WEIGHT = 0.5;
/** Marks the date key of the start of a period (t:>2019, "since 2019"): it meets the same start elsewhere, but dates nothing (assign.ts). */
const PERIOD_START_MARK = ">";
const PUBLISHED = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/u;
const MS_PER_DAY = 86_400_000;
/** Longest label taken from the body of an article without a headline. */
const LABEL_MAX = 120;
const SPACES = /\s+/gu;

export type DatePrecision = "day" | "month" | "year";

export interface PublicationDay {
  /** Days since 1970-01-01 of the date (its first day, for a month or a year). */
  day: number;
  precision: DatePrecision;
}

export interface ArticleFeatures {
  lang: string;
  published: PublicationDay | null;
  /** Content words of the article's language by search key, headline words counted twice. */
  terms: Map<string, number>;
  /** Keys every language shares: `e:` entity, `n:` number, `t:` date, `s:` quoted speaker, `p:` place (an entity too). */
  keys: Map<string, number>;
}

let changeWords: Set<string> | undefined;

/** Words before the size of a change, in every language: a page quotes other languages' sources (an English post in a Greek article). */
function changeBy(): Set<string> {
  changeWords ??= new Set(unionOfLangs((l) => ((l.tables[FIGURES_TABLE] as { changeBy: string[] } | undefined)?.changeBy ?? []).map(fold)));
  return changeWords;
}

function add(map: Map<string, number>, key: string, weight: number): void {
  map.set(key, (map.get(key) ?? 0) + weight);
}

/** A coarse key of one phonetic-key word, so that transcriptions of one name in two scripts meet. */
export function skeleton(word: string): string {
  let s = word.replace(VOWELS_AFTER_FIRST, "");
  for (const [re, to] of CONSONANT_CLASSES) s = s.replace(re, to);
  return s;
}

/** The cross-language key of an entity: its country code, else the skeleton of its surname (a person) or whole name (a capital keeps its own: Athens is not Ankara). */
export function entityKey(e: Entity): string | null {
  if (e.code) return `${ENTITY_PREFIX}${e.code}`;
  const words = e.key.split(" ").filter((w) => w !== "");
  if (!words.length) return null;
  const s = skeleton(e.type === "PER" ? words[words.length - 1] : words.join(""));
  return s.length >= MIN_SKELETON ? `${ENTITY_PREFIX}${s}` : null;
}

/**
 * A number as written without its grouping: a last group of three digits is
 * thousands (146.635 ~ 146,635 → 146635), a shorter or longer one a fraction
 * (3,75 ~ 3.75 → 3.75; 8,40 → 8.4); null for a lone digit, a clock time or a numeric date.
 */
export function numberKey(text: string): string | null {
  if (TIME_OR_DATE.test(text)) return null;
  const groups = text.split(GROUP_SEPARATORS).map((g) => g.match(DIGITS)?.join("") ?? "");
  const last = groups[groups.length - 1];
  let key: string;
  if (groups.length > 1 && last.length !== THOUSANDS_GROUP) {
    const fraction = last.replace(/0+$/u, "");
    key = `${groups.slice(0, -1).join("").replace(/^0+(?=\d)/u, "")}${fraction ? `.${fraction}` : ""}`;
  } else key = groups.join("").replace(/^0+(?=\d)/u, "");
  return key.replace(/\D/gu, "").replace(/^0+/u, "").length >= MIN_NUMBER_DIGITS ? key : null;
}

/** The publication day of an ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD), or null. */
export function publicationDay(published: string | undefined | null): PublicationDay | null {
  const m = published ? PUBLISHED.exec(published) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  const ms = Date.UTC(year, month - 1, day);
  if (Number.isNaN(ms)) return null;
  return { day: Math.floor(ms / MS_PER_DAY), precision: m[3] ? "day" : m[2] ? "month" : "year" };
}

/** The features of an analysed document (made once per document: doc/derived.ts). */
export function articleFeatures(doc: Doc): ArticleFeatures {
  return derive(doc, "story.features", featuresOf);
}

function featuresOf(doc: Doc): ArticleFeatures {
  const terms = new Map<string, number>();
  const keys = new Map<string, number>();
  const tok = doc.layers.tokens;
  const view = wordView(doc);
  const headlineEnd = doc.meta.title?.end ?? 0;
  const inTimex = new Uint8Array(tok.length);
  for (const t of doc.layers.timex ?? []) {
    const [first, last] = tokenRange(tok, t);
    inTimex.fill(1, first, last);
    const mark = t.periodStart ? PERIOD_START_MARK : "";
    if (DATE_KEY.test(t.value)) add(keys, `t:${mark}${t.value}`, 1);
    const day = DAY_VALUE.exec(t.value);
    if (day) add(keys, `t:${mark}${day[1]}`, MONTH_OF_DAY_WEIGHT);
  }
  // A name is counted once, as its entity: the content words are what is said of the named.
  const inName = new Uint8Array(tok.length);
  for (const e of doc.layers.entities ?? []) {
    for (const m of e.mentions) {
      const [first, last] = tokenRange(tok, m);
      inName.fill(1, first, last);
    }
  }
  for (let i = 0; i < tok.length; i++) {
    const weight = tok.start[i] < headlineEnd ? HEADLINE_WEIGHT : 1;
    if (tok.kind[i] === TokenKind.Number) {
      const n = inTimex[i] ? null : numberKey(view.text[i]);
      if (n) add(keys, `n:${i > 0 && changeBy().has(view.fold[i - 1]) ? CHANGE_MARK : ""}${n}`, weight);
      continue;
    }
    const pos = tok.pos && tok.posTags ? tok.posTags[tok.pos[i]] : undefined;
    if (inName[i] || !view.isWord[i] || (pos !== undefined && !CONTENT_POS.has(pos))) continue;
    const key = view.key[i];
    if (key.length >= MIN_TERM_LENGTH) add(terms, key, weight);
  }
  const entityKeys = new Map<string, string>();
  for (const e of doc.layers.entities ?? []) {
    const key = entityKey(e);
    if (!key) continue;
    entityKeys.set(e.id, key);
    let w = 0;
    for (const m of e.mentions) w += (m.role === "nationality" ? NATIONALITY_WEIGHT : 1) * (m.start < headlineEnd ? HEADLINE_WEIGHT : 1);
    add(keys, key, w);
    // A located entity that is not a country (a city, a region) is also a place of the article.
    if (e.type === PLACE_TYPE && !e.code) add(keys, `${PLACE_PREFIX}${key.slice(ENTITY_PREFIX.length)}`, w);
  }
  for (const q of doc.layers.quotes ?? []) {
    const key = q.speaker?.entityId ? entityKeys.get(q.speaker.entityId) : undefined;
    if (key) add(keys, `s:${key.slice(ENTITY_PREFIX.length)}`, 1);
  }
  return { lang: doc.lang, published: publicationDay(doc.meta.published), terms, keys };
}

export function hasHeadline(doc: Doc): boolean {
  return Boolean(doc.meta.title && doc.meta.title.end > doc.meta.title.start);
}

/** The headline of a document, else the start of its first sentence (a label for what it reports). */
export function headline(doc: Doc): string {
  const t = doc.meta.title;
  if (t && hasHeadline(doc)) return doc.text.slice(t.start, t.end).replace(SPACES, " ").trim();
  const first = doc.layers.sentences.find((s) => !t || s.start >= t.end);
  const text = first ? doc.text.slice(first.start, first.end).replace(SPACES, " ").trim() : "";
  return text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1).trimEnd()}…` : text;
}
