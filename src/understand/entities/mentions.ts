// Candidate mentions for the entity layer: the NER mentions when the taggers
// have run (with the repeats of their names that the tagger missed), else a
// fallback that takes runs of capitalised words; and the
// gazetteer's matches over every token: country and capital names (also when
// NER missed them) and nationality nouns and adjectives (ρωσική, Ρώσος).
import { charSpan, overlaps, type Doc, type Mention, type Span } from "../../doc/doc.js";
import { allQuoteMarks, getLang } from "../../lang/lang.js";
import { fold, foldWord } from "../../text/normalize.js";
import { wordView } from "../../text/words.js";
import { lexicon, triggerOf } from "../events/lexicon.js";
import { isTimeWord } from "../time/timex.js";
import { phoneticKey } from "../translit/translit.js";
import { gazetteer, nameKey, wordKey, type EntityWords, type PlaceKind } from "./gazetteer.js";
import type { EntityType } from "./types.js";

/** NER labels as entity types. */
const TYPE_OF_LABEL: Record<string, EntityType> = { PER: "PER", PERSON: "PER", ORG: "ORG", LOC: "LOC", GPE: "LOC", MISC: "MISC", NORP: "MISC" };
const UPPER_START = /^\p{Lu}/u;
const ALL_CAPS = /^[\p{Lu}\p{N}.&/-]{2,}$/u;
const LETTER = /\p{L}/u;
const FINAL_DOT = /\.$/u;
/** Dashes and the colon, after which a word starts a sentence or a quotation. */
const CLAUSE_OPENERS = ["—", "–", "-", ":"];
/** Marks after which a word starts a sentence or a quotation: quotation marks (lang/<code>/quote-marks.json) and CLAUSE_OPENERS. */
const QUOTE_MARKS = allQuoteMarks();
const OPENERS = new Set([...QUOTE_MARKS.opening, ...QUOTE_MARKS.symmetric, ...CLAUSE_OPENERS]);
/** Fallback names are at least this long (no stray initials: «Τ/κ»). */
const MIN_NAME_LENGTH = 2;
/** Tokens before a capital searched for an event trigger (drones sold «στη Μόσχα»). */
const TRIGGER_WINDOW = 6;
/** Words a state name may have beside the country's name: «Republic of» Turkey. */
const STATE_EXTRA_WORDS = 2;

export interface Candidate extends Span {
  text: string;
  type: EntityType;
  /** Token range [first, last). */
  first: number;
  last: number;
  words: string[];
  code?: string;
  place?: PlaceKind | "state";
  /** A capital read as the city rather than its government. */
  cityReading?: boolean;
  /** Given by the NER tagger (not by the gazetteer or the fallback). */
  fromNer: boolean;
}

interface Ctx {
  doc: Doc;
  words: EntityWords;
  /** The text of each token (the word view's column). */
  text: string[];
  /** The fold key of each token. */
  folds: string[];
  /** 1 for a word or abbreviation. */
  isWord: Uint8Array;
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  sentenceStart: Set<number>;
}

function context(doc: Doc): Ctx {
  const n = doc.layers.tokens.length;
  const view = wordView(doc);
  const { text, isWord } = view;
  const sentenceOf = view.sentence;
  const sentenceStart = new Set<number>();
  for (let i = 0; i < n; i++) if (sentenceOf[i] >= 0 && (i === 0 || sentenceOf[i - 1] !== sentenceOf[i])) sentenceStart.add(i);
  // A word after an opening quote, a dash or a terminal mark inside a sentence (a quotation kept whole) starts one too.
  const terminals = getLang(doc.lang).sentenceTerminals;
  for (let i = 1; i < n; i++) {
    const prev = text[i - 1];
    if (isWord[i] && (OPENERS.has(prev) || terminals.has(prev))) sentenceStart.add(i);
  }
  for (const i of [...sentenceStart]) {
    let j = i;
    while (j < n && !isWord[j] && sentenceOf[j] === sentenceOf[i]) j++;
    sentenceStart.add(j);
  }
  return { doc, words: gazetteer().wordsFor(doc.lang), text, folds: view.fold, isWord, sentenceOf, sentenceStart };
}

function candidate(c: Ctx, first: number, last: number, type: EntityType, fromNer: boolean): Candidate {
  const t = c.doc.layers.tokens;
  const words: string[] = [];
  for (let i = first; i < last; i++) if (c.isWord[i]) words.push(c.text[i]);
  const start = t.start[first];
  const end = t.end[last - 1];
  return { start, end, text: c.doc.text.slice(start, end), type, first, last, words, fromNer };
}

/** Does a place cue (folded words) end right before token i? */
function placeCueBefore(c: Ctx, i: number): boolean {
  return c.words.placeCues.some((cue) => {
    let j = i - 1;
    for (let k = cue.length - 1; k >= 0; k--, j--) {
      if (j < 0 || !c.isWord[j] || c.folds[j] !== cue[k]) return false;
    }
    return true;
  });
}

/**
 * Is the capital at token i the target of an event trigger before it in its
 * sentence, through a preposition that event allows («πουλά drones στη Μόσχα»:
 * a recipient, so the government; «συνάντηση στη Μόσχα» is the place)?
 */
function eventTarget(c: Ctx, i: number): boolean {
  const lex = lexicon(c.doc.lang);
  if (!lex || i === 0) return false;
  const cue = lex.prepositions.get(c.folds[i - 1]);
  if (!cue) return false;
  for (let j = i - 2; j >= 0 && j >= i - TRIGGER_WINDOW && c.sentenceOf[j] === c.sentenceOf[i]; j--) {
    const trigger = c.isWord[j] ? triggerOf(c.doc.lang, c.folds[j]) : null;
    if (trigger) return trigger.entry.target.includes(cue);
  }
  return false;
}

/** Gazetteer matches over all tokens, longest first. */
function gazetteerMatches(c: Ctx): Candidate[] {
  const g = gazetteer();
  const t = c.doc.layers.tokens;
  const out: Candidate[] = [];
  let i = 0;
  while (i < t.length) {
    if (!c.isWord[i]) {
      i++;
      continue;
    }
    // the lengths of the names and demonyms that start with this word: most words start none
    const upper = UPPER_START.test(c.text[i]);
    const nameLengths = upper ? (g.nameStarts.get(wordKey(c.text[i])) ?? 0) : 0;
    const demonymLengths = g.demonymStarts.get(c.folds[i]) ?? 0;
    let matched = 0;
    for (let n = g.maxWords; n >= 1 && !matched; n--) {
      if (!((nameLengths | demonymLengths) & (1 << n))) continue;
      const idx: number[] = [];
      for (let j = i; j < t.length && idx.length < n; j++) {
        if (!c.isWord[j]) break;
        idx.push(j);
      }
      if (idx.length < n) continue;
      const words = idx.map((j) => c.text[j]);
      const last = idx[idx.length - 1] + 1;
      const demonym = demonymLengths & (1 << n) ? g.demonyms.get(idx.map((j) => c.folds[j]).join(" ")) : undefined;
      if (demonym) {
        const cand = candidate(c, i, last, "MISC", false);
        out.push({ ...cand, code: demonym, place: "demonym" });
        matched = last - i;
        break;
      }
      if (!upper || !(nameLengths & (1 << n))) continue;
      const entry = g.byKey.get(nameKey(words));
      if (!entry || (entry.acronym && !words.every((w) => ALL_CAPS.test(w)))) continue;
      // υπουργός Γεωργίας: a portfolio (agriculture), not the country
      if (entry.kind !== "organisation" && i > 0 && c.words.portfolioHeads.has(c.folds[i - 1])) continue;
      const cand = candidate(c, i, last, entry.kind === "organisation" ? "ORG" : "LOC", false);
      cand.code = entry.code;
      cand.place = entry.kind;
      if (entry.kind === "capital") cand.cityReading = placeCueBefore(c, i) && !eventTarget(c, i);
      out.push(cand);
      matched = last - i;
    }
    i += matched || 1;
  }
  return out;
}

function isCapitalised(c: Ctx, i: number): boolean {
  if (!c.isWord[i]) return false;
  const w = c.text[i];
  const f = c.folds[i];
  return UPPER_START.test(w) && LETTER.test(w) && !c.words.functionWords.has(f) && !isTimeWord(c.doc.lang, f);
}

/** Fallback mentions: runs of capitalised words, split at titles, typed by cue words. */
function capitalisedRuns(c: Ctx, known: Set<string>): Candidate[] {
  const t = c.doc.layers.tokens;
  const out: Candidate[] = [];
  const w = c.words;
  const folded = (i: number) => c.folds[i].replace(FINAL_DOT, "");
  let i = 0;
  while (i < t.length) {
    if (!isCapitalised(c, i) || w.titleWords.has(folded(i))) {
      // A lower-case organisation head with a capitalised complement: «υπουργείο Εξωτερικών».
      if (c.isWord[i] && w.orgHeads.has(folded(i)) && i + 1 < t.length && isCapitalised(c, i + 1) && w.titleWords.has(folded(i + 1)) && !UPPER_START.test(c.text[i])) {
        let last = i + 2;
        while (last < t.length && isCapitalised(c, last) && w.titleWords.has(folded(last))) last++;
        out.push(candidate(c, i, last, "ORG", false));
      }
      i++;
      continue;
    }
    let last = i + 1;
    for (;;) {
      if (last < t.length && isCapitalised(c, last) && !w.titleWords.has(folded(last)) && c.sentenceOf[last] === c.sentenceOf[i]) last++;
      else if (last + 1 < t.length && c.isWord[last] && w.connectors.has(folded(last)) && isCapitalised(c, last + 1) && !w.titleWords.has(folded(last + 1))) last += 2;
      else break;
    }
    let first = i;
    // A sentence-initial word is a name only when the gazetteer or the rest of the article says so.
    if (c.sentenceStart.has(first) && !known.has(phoneticKey(c.text[first])) && !gazetteer().byKey.has(nameKey([c.text[first]]))) {
      first++;
      while (first < last && (!isCapitalised(c, first) || w.connectors.has(folded(first)))) first++;
    }
    if (first < last && c.doc.layers.tokens.end[last - 1] - c.doc.layers.tokens.start[first] >= MIN_NAME_LENGTH) {
      out.push(candidate(c, first, last, fallbackType(c, first, last), false));
    }
    i = last;
  }
  return out;
}

function fallbackType(c: Ctx, first: number, last: number): EntityType {
  const w = c.words;
  const words: string[] = [];
  for (let i = first; i < last; i++) if (c.isWord[i]) words.push(c.text[i]);
  const foldedWords = words.map(foldWord);
  if (foldedWords.some((f) => w.orgHeads.has(f))) return "ORG";
  if (foldedWords.some((f) => w.stateHeads.has(f))) return "LOC";
  if (words.length === 1 && ALL_CAPS.test(words[0])) return "ORG";
  let j = first - 1;
  while (j >= 0 && !c.isWord[j]) j--;
  const before = j >= 0 ? c.folds[j].replace(FINAL_DOT, "") : "";
  if (w.titles.has(before) || w.titleWords.has(before)) return "PER";
  if (w.orgHeads.has(before)) return "ORG";
  return words.length >= 2 ? "PER" : "MISC";
}

/** Phonetic keys of words seen capitalised away from the start of a sentence (Erdogan meets Ερντογάν). */
function knownNames(c: Ctx): Set<string> {
  const known = new Set<string>();
  for (let i = 0; i < c.doc.layers.tokens.length; i++) {
    if (!c.sentenceStart.has(i) && isCapitalised(c, i)) known.add(phoneticKey(c.text[i]));
  }
  return known;
}

function nerCandidates(c: Ctx, mentions: Mention[]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of mentions) {
    const range = charSpan(c.doc, m, "expand");
    if (!range) continue;
    const type = TYPE_OF_LABEL[m.type.toUpperCase()] ?? "MISC";
    // «Ύπατος Αρμοστής», "Prime Minister": a title alone names no person
    if (type === "PER" && onlyTitleWords(c, range.first, range.last)) continue;
    out.push(candidate(c, range.first, range.last, type, true));
  }
  return out;
}

/** Are the words of [first, last) all title words (articles aside)? */
function onlyTitleWords(c: Ctx, first: number, last: number): boolean {
  let words = 0;
  for (let i = first; i < last; i++) {
    if (!c.isWord[i] || c.words.articles.has(c.folds[i])) continue;
    if (!c.words.titleWords.has(c.folds[i]) && !c.words.titles.has(c.folds[i])) return false;
    words++;
  }
  return words > 0;
}

const inside = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end;

/** Is the mention a state's name built on the place: Κυπριακή Δημοκρατία, Republic of Turkey? */
function isStateName(c: Ctx, container: Candidate, p: Candidate): boolean {
  return p.place !== "capital" && container.words.some((x) => c.words.stateHeads.has(foldWord(x))) && container.words.length <= p.words.length + STATE_EXTRA_WORDS;
}

/** What is left of a fallback run around a place inside it, connectors trimmed. */
function pieces(c: Ctx, run: Candidate, p: Candidate): Candidate[] {
  const out: Candidate[] = [];
  for (let [first, last] of [[run.first, p.first], [p.last, run.last]]) {
    while (first < last && (!isCapitalised(c, first) || c.words.connectors.has(c.folds[first]))) first++;
    while (last > first && (!isCapitalised(c, last - 1) || c.words.connectors.has(c.folds[last - 1]))) last--;
    if (first < last) out.push(candidate(c, first, last, fallbackType(c, first, last), false));
  }
  return out;
}

/**
 * Merge the gazetteer's matches into the base mentions: a match with the same
 * span as a mention gives it its code; one inside a longer mention gives way
 * (a name that contains a country's name), unless the longer mention is a
 * state name (Κυπριακή Δημοκρατία, Republic of Turkey); others are added.
 */
function mergePlaces(c: Ctx, base: Candidate[], places: Candidate[]): Candidate[] {
  const out = [...base];
  for (const p of places) {
    const same = out.findIndex((m) => m.start === p.start && m.end === p.end);
    if (same >= 0) {
      const m = out[same];
      out[same] = { ...p, type: p.place === "demonym" ? "MISC" : p.place === "organisation" ? "ORG" : m.type === "PER" || m.type === "MISC" ? "LOC" : m.type };
      continue;
    }
    const container = out.find((m) => overlaps(m, p) && !(m.start === p.start && m.end === p.end));
    const organisation = container?.words.some((x) => c.words.orgHeads.has(foldWord(x)));
    if (container && inside(p, container) && !container.fromNer && !organisation && container.place !== "state" && !isStateName(c, container, p)) {
      // A fallback run that swallowed a place: «της Ρωσίας Σεργκέι Ριαμπκόφ» → Ρωσίας · Σεργκέι Ριαμπκόφ.
      out.splice(out.indexOf(container), 1, ...pieces(c, container, p));
      out.push(p);
      continue;
    }
    if (container && inside(p, container)) {
      if (isStateName(c, container, p) && container.code === undefined) {
        container.code = p.code;
        container.place = "state";
        container.type = "LOC";
      }
      continue;
    }
    if (container) {
      // Partial overlap: the gazetteer's name wins over a fallback run, gives way to NER.
      if (container.fromNer) continue;
      out.splice(out.indexOf(container), 1);
    }
    out.push(p);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Every candidate mention of the document, in text order. */
export function findCandidates(doc: Doc): Candidate[] {
  const c = context(doc);
  const places = gazetteerMatches(c);
  const runs = capitalisedRuns(c, knownNames(c));
  const base = doc.layers.mentions ? [...nerCandidates(c, doc.layers.mentions)] : runs;
  if (doc.layers.mentions) base.push(...propagated(base, runs));
  return mergePlaces(c, base, places);
}

/**
 * Capitalised runs the tagger missed that repeat one of its names in the same
 * article — the whole name or a person's surname («Ο Ταλαεΐ- Νικ πρόσθεσε»
 * after «Ρεζά Ταλαεΐ- Νικ») — typed as that name.
 */
function propagated(ner: Candidate[], runs: Candidate[]): Candidate[] {
  const typeOf = new Map<string, EntityType>();
  for (const m of ner) {
    typeOf.set(phoneticKey(m.words.join(" ")), m.type);
    if (m.type === "PER" && m.words.length > 1) typeOf.set(phoneticKey(m.words[m.words.length - 1]), "PER");
  }
  return runs
    .filter((r) => !ner.some((m) => overlaps(m, r)))
    .flatMap((r) => {
      const type = typeOf.get(phoneticKey(r.words.join(" ")));
      return type ? [{ ...r, type }] : [];
    });
}

/** The folded words of a candidate, articles stripped from both edges. */
export function coreWords(words: string[], lang: string): string[] {
  const w = gazetteer().wordsFor(lang);
  let a = 0;
  let b = words.length;
  while (a < b && w.articles.has(fold(words[a]))) a++;
  while (b > a && w.articles.has(fold(words[b - 1]))) b--;
  return words.slice(a, b);
}
