// Finds quotations: direct ones between quote marks (with the speech verb and
// speaker after them, «…», τόνισε ο Ριαμπκόφ; before them, δήλωσε: «…»;
// "Name: “…”"; or none, when a quote opens a sentence and carries on from the
// previous speaker), reported ones after a cue and a complementizer (δήλωσε
// ότι …, said that …, or a bare clause in languages that allow it), and the
// content-first form («…πιέσεις, δήλωσε σήμερα ο …», "…, Xinhua reports.").
// Scare quotes and titles in quote marks are left out by length and position.
// A reporting frame around another reported statement becomes its `via`.
// Speakers are phrases here; speakers.ts resolves them to names.
import { TokenKind, type Span } from "../../doc/doc.js";
import type { CueEntry, QuoteLexicon } from "./lexicon.js";
import { pairMarks } from "./marks.js";
import { isFunctionWord, parsePhrase, phraseText, type SpeakerPhrase } from "./phrase.js";
import type { QuoteKind, QuoteStance } from "./types.js";
import { anyPhraseAt, isQuoteMark, isWord, sentenceBounds, tokenAtOrAfter, tokensText, type DocView } from "./view.js";

export interface DetectOptions {
  /** Fewest words of a quote without a cue (one that opens a sentence). */
  minUncuedWords?: number;
  /** Fewest words of a quote without a cue right after another quote of the paragraph. */
  minContinuationWords?: number;
  /** Fewest words of a headline quote. */
  minTitleWords?: number;
  /** Fewest words of a reported clause. */
  minClauseWords?: number;
  /** Most tokens between a cue and its complementizer (said on Thursday that). */
  maxComplementizerGap?: number;
  /** Most tokens looked back for a cue before a colon or a dash. */
  maxCueLookback?: number;
  /** Most tokens looked back for the subject of a cue. */
  maxSubjectLookback?: number;
}

const DEFAULTS: Required<DetectOptions> = {
  minUncuedWords: 6,
  minContinuationWords: 2,
  minTitleWords: 3,
  minClauseWords: 3,
  maxComplementizerGap: 6,
  maxCueLookback: 40,
  maxSubjectLookback: 40,
};

const LEAD_PUNCT = new Set([",", "-", "–", "—"]);
/** Most plain words of a subject without a lexicon word (οι ντόπιοι κάτοικοι). */
const MAX_PLAIN_WORDS = 3;
const CLAUSE_END = new Set([",", ".", ";", "!", "?", "…"]);
const INTRO_PUNCT = new Set([":", "-", "–", "—", ","]);
const DASHES = new Set([":", "-", "–", "—"]);
const SENTENCE_TERMINAL = /[.!?;…]\s*$/u;
const TRAILING_PUNCT = /[\s,.;:–—-]+$/u;
const LEADING_PUNCT = /^[\s,.;:–—-]+/u;
const VERB_TAGS = new Set(["VERB", "AUX"]);
const POSSESSIVE_MARKS = new Set(["'", "’"]);

/** A cue found at a token: its words [first, last) including auxiliaries. */
export interface CueMatch {
  first: number;
  head: number;
  last: number;
  entry: CueEntry;
  negated: boolean;
}

/** A quotation before its speaker is resolved. */
export interface QuoteCandidate extends Span {
  kind: QuoteKind;
  cue: CueMatch | null;
  /** The speaker phrase, or null for pro-drop / continuation. */
  phrase: SpeakerPhrase | null;
  /** For pro-drop and continuations: the nearest named subject before the quote, if any. */
  antecedent?: SpeakerPhrase | null;
  via: string | null;
  citing: string | null;
  inTitle: boolean;
}

interface State {
  v: DocView;
  lex: QuoteLexicon;
  o: Required<DetectOptions>;
  /** Tokens inside accepted direct quotes. */
  quoted: Uint8Array;
  /** Tokens of cues already used, and of source-chain phrases. */
  claimed: Uint8Array;
  /** Tokens inside reported clauses already found: not subjects of later cues. */
  reported: Uint8Array;
  /** Source-chain phrases and the outlet after each (όπως μετέδωσε το πρακτορείο RIA): never speakers by position. */
  sourced: Uint8Array;
  out: QuoteCandidate[];
}

export function matchCue(v: DocView, lex: QuoteLexicon, i: number): CueMatch | null {
  if (!isWord(v, i)) return null;
  const entries = lex.cues.get(v.fold[i]);
  if (!entries) return null;
  // A capital inside a sentence makes a name (United States), not a verb.
  if (v.cap[i] && !opensClause(v, i)) return null;
  for (const entry of entries) {
    let ok = true;
    for (let k = 1; k < entry.words.length && ok; k++) ok = v.fold[i + k] === entry.words[k];
    if (!ok) continue;
    let first = i;
    while (first > 0 && isWord(v, first - 1) && lex.auxiliaries.has(v.fold[first - 1]) && i - first < 2) first--;
    if (isWord(v, first - 1) && (lex.passives.has(v.fold[first - 1]) || (first === i && lex.notBeforeVerb.has(v.fold[i - 1])))) return null;
    // denied claims that …: the second form is a noun
    if (first === i && isWord(v, i - 1) && lex.cues.has(v.fold[i - 1]) && matchCue(v, lex, i - 1)) return null;
    const negated = isWord(v, first - 1) && lex.negations.has(v.fold[first - 1]);
    return { first, head: i, last: i + entry.words.length, entry, negated };
  }
  return null;
}

/** Is token i the first word of its sentence, or right after a quote mark or a dash? */
function opensClause(v: DocView, i: number): boolean {
  const [sentStart] = sentenceBounds(v, i);
  return i === sentStart || isQuoteMark(v, i - 1) || DASHES.has(v.text[i - 1]);
}

function wordCount(v: DocView, first: number, last: number): number {
  let n = 0;
  for (let i = first; i < last; i++) if (isWord(v, i)) n++;
  return n;
}

/** Skip adverbs (σήμερα, on Thursday) from token i. */
function skipAdverbs(s: State, i: number, limit: number): number {
  let j = i;
  for (;;) {
    const len = j < limit ? anyPhraseAt(s.v, j, s.lex.adverbs) : 0;
    // "last week's talks" is a subject, not an adverb
    if (!len || POSSESSIVE_MARKS.has(s.v.text[j + len])) return j;
    j += len;
  }
}

/** The phrase label: its name, else its text without the determiner. */
function label(s: State, p: SpeakerPhrase): string {
  return p.name ? tokensText(s.v, p.name[0], p.name[1]) : phraseText(s.v, s.lex, p);
}

function subjectStartOk(s: State, i: number, sentStart: number): boolean {
  const { v, lex } = s;
  if (!isWord(v, i)) return false;
  if (i > sentStart && isWord(v, i - 1) && lex.prepositions.has(v.fold[i - 1])) return false;
  if (lex.subjectDeterminers.has(v.fold[i])) return true;
  if (!v.cap[i] && !lex.pronouns.has(v.fold[i])) return false;
  if (i === sentStart) return true;
  const prev = v.text[i - 1];
  return !isWord(v, i - 1) || lex.conjunctions.has(v.fold[i - 1]) || prev === ",";
}

/** "Dr. Peter Hall, an economist, said": the name before a role in apposition, with that role. */
function namedBefore(s: State, apposition: SpeakerPhrase, sentStart: number): SpeakerPhrase | null {
  const comma = apposition.start - 1;
  if (s.v.text[comma] !== ",") return null;
  for (let i = comma - 1; i >= sentStart; i--) {
    if (!subjectStartOk(s, i, sentStart)) continue;
    const p = parsePhrase(s.v, s.lex, i, { subject: true, limit: comma });
    if (p?.name && p.end === comma) return { ...p, end: apposition.end, role: p.role ?? [apposition.start, apposition.end] };
  }
  return null;
}

/** The phrase, in any case, that ends right before token `end` (με τον Τούρκο υπουργό Εξωτερικών | να δηλώνει). */
function phraseEndingAt(s: State, end: number, sentStart: number): SpeakerPhrase | null {
  for (let i = end - 1; i >= Math.max(sentStart, end - s.o.maxSubjectLookback); i--) {
    if (!isWord(s.v, i) || !s.lex.determiners.has(s.v.fold[i])) continue;
    const p = parsePhrase(s.v, s.lex, i, { subject: false, limit: end });
    if (p && p.end === end && !p.pronoun) return p;
  }
  return null;
}

/**
 * A capitalised phrase that opens a sentence is a name when it has more than
 * one word, a role, a title or a source noun, or when its last word is
 * capitalised elsewhere in the document too (not «Ερωτηθείς», "Speaking").
 */
function knownName(v: DocView, p: SpeakerPhrase): boolean {
  if (p.role || p.described || p.end - p.start > 1) return true;
  return (v.capKeys.get(v.key[p.end - 1]) ?? 0) > 1;
}

/** A subject determiner and a few plain words right before the cue: «Οι κάτοικοι καταγγέλλουν», "The residents said". */
function plainSubject(s: State, cueFirst: number, sentStart: number): SpeakerPhrase | null {
  const { v, lex } = s;
  let i = cueFirst - 1;
  while (i >= sentStart && cueFirst - i <= MAX_PLAIN_WORDS && isWord(v, i) && !v.cap[i] && !isFunctionWord(lex, v.fold[i]) && !matchCue(v, lex, i)) i--;
  if (i === cueFirst - 1 || i < sentStart || !isWord(v, i) || !lex.subjectDeterminers.has(v.fold[i]) || s.quoted[i]) return null;
  return { start: i, end: cueFirst, pronoun: false, name: null, role: null, described: true };
}

/** A subject determiner and a few plain words that end the clause after the cue: «…», λένε οι καταναλωτές. */
function plainSubjectAfter(s: State, j: number, limit: number): SpeakerPhrase | null {
  const { v, lex } = s;
  if (!isWord(v, j) || !lex.subjectDeterminers.has(v.fold[j])) return null;
  let k = j + 1;
  while (k < limit && k - j <= MAX_PLAIN_WORDS && isWord(v, k) && !v.cap[k] && !isFunctionWord(lex, v.fold[k]) && !matchCue(v, lex, k)) k++;
  const ends = k >= limit || CLAUSE_END.has(v.text[k]);
  return k > j + 1 && ends ? { start: j, end: k, pronoun: false, name: null, role: null, described: true } : null;
}

/**
 * The subject of a cue in its sentence: a phrase that opens with a subject
 * determiner, follows a comma or a conjunction, or stands right before the cue
 * (or before a parenthesis that ends at the cue: "X, who spoke …, said").
 * Where case marks the subject (Greek nominative articles) the nearest wins;
 * where word order does (the cue's language says `subjectFirst`), the first.
 */
function subjectBefore(s: State, cue: CueMatch, sentStart: number): SpeakerPhrase | null {
  const { v, lex, o } = s;
  const cueFirst = cue.first;
  const from = Math.max(sentStart, cueFirst - o.maxSubjectLookback);
  const plain = plainSubject(s, cueFirst, sentStart);
  if (plain) return plain;
  if (lex.subjunctives.has(v.fold[cueFirst])) {
    const before = phraseEndingAt(s, cueFirst, sentStart);
    if (before) return before;
  }
  const parenthesis = v.text[cueFirst - 1] === ",";
  let first: SpeakerPhrase | null = null;
  for (let i = cueFirst - 1; i >= from; i--) {
    if (s.quoted[i] || s.reported[i] || s.sourced[i]) continue;
    if (!subjectStartOk(s, i, sentStart)) continue;
    const p = parsePhrase(v, lex, i, { subject: true, limit: cueFirst });
    if (!p) continue;
    const adjacent = p.end === cueFirst || (parenthesis && v.text[p.end] === "," && (i === sentStart || v.text[i - 1] === ","));
    const directlyBefore = p.end === cueFirst;
    if (adjacent && (directlyBefore || !p.pronoun) && (directlyBefore || i !== sentStart || lex.subjectDeterminers.has(v.fold[i]) || knownName(v, p))) {
      return p.name || p.pronoun ? p : (namedBefore(s, p, sentStart) ?? p);
    }
    const bareInitial = i === sentStart && !lex.subjectDeterminers.has(v.fold[i]);
    if (p.pronoun || (bareInitial && !p.role && !p.described)) continue;
    if (!cue.entry.subjectFirst) return p;
    first = p;
  }
  return first;
}

/** A subject right after the cue (δήλωσε σήμερα ο …), within a short gap. */
function subjectAfter(s: State, cue: CueMatch, limit: number): SpeakerPhrase | null {
  const { v, lex } = s;
  if (cue.entry.objectAfter) return null;
  const j = skipAdverbs(s, cue.last, limit);
  const direct = parsePhrase(v, lex, j, { subject: true, limit });
  if (direct && cue.entry.inversionAtEnd) {
    const next = skipAdverbs(s, direct.end, limit);
    return next >= limit || CLAUSE_END.has(v.text[next]) ? direct : null;
  }
  if (direct && (lex.subjectDeterminers.has(v.fold[j]) || v.cap[j] || direct.pronoun || direct.role || direct.described)) return direct;
  const plain = plainSubjectAfter(s, j, limit);
  if (plain) return plain;
  for (let k = j + 1; k < Math.min(limit, j + cue.entry.subjectGap); k++) {
    if (!isWord(v, k) || s.quoted[k] || matchCue(v, lex, k)) return null;
    if (!lex.subjectDeterminers.has(v.fold[k])) continue;
    const p = parsePhrase(v, lex, k, { subject: true, limit });
    if (p && !p.pronoun) return p;
  }
  return null;
}

interface Chain {
  via: string | null;
  citing: string | null;
}

/** Source-chain phrases (όπως μετέδωσε …, according to …, citing …) in [from, to). */
function chainIn(s: State, from: number, to: number, chain: Chain = { via: null, citing: null }): Chain {
  const { v, lex } = s;
  for (let i = from; i < to; i++) {
    if (s.quoted[i]) continue;
    for (const [list, field] of [[lex.via, "via"], [lex.citing, "citing"]] as const) {
      if (chain[field]) continue;
      const len = anyPhraseAt(v, i, list);
      if (!len) continue;
      const p = parsePhrase(v, lex, i + len, { subject: false, limit: to });
      if (!p || p.pronoun || !(p.name || p.described)) continue;
      // Whom a report cites is often more than a phrase: people familiar with the plans.
      chain[field] = field === "citing" ? citedText(s, i + len, to) : label(s, p);
    }
  }
  return chain;
}

function citedText(s: State, from: number, to: number): string {
  let end = from;
  while (end < to && !CLAUSE_END.has(s.v.text[end]) && !isQuoteMark(s.v, end)) end++;
  return tokensText(s.v, from, end);
}

/** Who was told, when the cue names them (δήλωσε … στα κρατικά μέσα ενημέρωσης; told Reuters). */
function addressee(s: State, cue: CueMatch, after: number, limit: number): string | null {
  const { v, lex } = s;
  if (cue.entry.objectAfter) {
    const p = parsePhrase(v, lex, cue.last, { subject: false, limit });
    return p && !p.pronoun && (p.name || p.described) ? label(s, p) : null;
  }
  if (!cue.entry.addressee || after >= limit || !lex.addresseePrepositions.has(v.fold[after])) return null;
  const p = parsePhrase(v, lex, after + 1, { subject: false, limit });
  return p && !p.pronoun && (p.name || p.described) ? label(s, p) : null;
}

export function stanceOf(cue: CueMatch | null): QuoteStance | null {
  if (!cue) return null;
  const flip = cue.negated ? (cue.entry.polarity === "positive" ? "negative" : "positive") : cue.entry.polarity;
  return { type: cue.entry.stance, polarity: flip };
}

function claim(s: State, first: number, last: number): void {
  for (let i = first; i < last; i++) s.claimed[i] = 1;
}

/** The end of the sentence holding token `from`, or the next quote mark. */
function frameEnd(s: State, from: number): number {
  const [, end] = sentenceBounds(s.v, from);
  for (let i = from; i < end; i++) if (isQuoteMark(s.v, i)) return i;
  return end;
}

function inTitle(s: State, offset: number): boolean {
  const t = s.v.doc.meta.title;
  return t !== undefined && offset >= t.start && offset < t.end;
}

/** The cue and speaker after a closing quote mark: «…», τόνισε ο Ριαμπκόφ / "…," he said. */
function frameAfter(s: State, afterClose: number, block: number): { cue: CueMatch; phrase: SpeakerPhrase | null; end: number } | null {
  const { v, lex } = s;
  let i = afterClose;
  let lead = 0;
  while (i < v.n && LEAD_PUNCT.has(v.text[i]) && lead < 2) {
    i++;
    lead++;
  }
  if (i >= v.n || v.block[i] !== block) return null;
  const limit = frameEnd(s, i);
  // «…», όπως σημείωσε ο Χ.
  if (isWord(v, i) && lex.sourceMarkers.has(v.fold[i]) && matchCue(v, lex, i + 1)) i++;
  let cue = matchCue(v, lex, i);
  let phrase: SpeakerPhrase | null = null;
  if (cue) phrase = subjectAfter(s, cue, limit);
  else {
    phrase = parsePhrase(v, lex, i, { subject: true, limit });
    if (!phrase) return null;
    cue = matchCue(v, lex, skipAdverbs(s, phrase.end, limit));
    if (!cue) return null;
  }
  return { cue, phrase, end: limit };
}

/** The cue and speaker before an opening mark: Ο Χ δήλωσε: «…» / Erdogan: "…" / said, "…". */
interface BeforeFrame {
  cue: CueMatch | null;
  phrase: SpeakerPhrase | null;
  start: number;
  /** The cue also introduces the reported clause before the dash (X says … - “…”). */
  shared: boolean;
}

function frameBefore(s: State, open: number): BeforeFrame | null {
  const { v, lex, o } = s;
  const p = open - 1;
  if (p < 0 || v.block[p] !== v.block[open]) return null;
  const [sentStart] = sentenceBounds(v, p);
  const introduced = INTRO_PUNCT.has(v.text[p]);
  const before = introduced ? p : open;
  const direct = matchCue(v, lex, before - 1);
  if (direct && direct.last === before && !s.claimed[direct.head]) {
    const phrase = subjectAfter(s, direct, before) ?? subjectBefore(s, direct, sentStart);
    return { cue: direct, phrase, start: sentStart, shared: false };
  }
  if (!introduced) return null;
  // Name: «…»
  if (v.text[p] === ":") {
    const blockStart = tokenAtOrAfter(v, v.blocks[v.block[open]].start);
    const lineStart = Math.max(sentStart, blockStart);
    const phrase = parsePhrase(v, lex, lineStart, { subject: true, limit: p });
    if (phrase && phrase.end === p) return { cue: null, phrase, start: lineStart, shared: false };
  }
  if (!DASHES.has(v.text[p])) return null;
  for (let i = p - 1; i >= Math.max(sentStart, p - o.maxCueLookback); i--) {
    if (s.quoted[i] || s.claimed[i]) continue;
    const cue = matchCue(v, lex, i);
    if (!cue || cue.head !== i) continue;
    const phrase = subjectAfter(s, cue, p) ?? subjectBefore(s, cue, sentStart);
    return { cue, phrase, start: sentStart, shared: true };
  }
  return null;
}

/** The nearest subject phrase before a headline quote: «Γκρεμίζει τις προσδοκίες ο Χ-«…»». */
function titleSubject(s: State, from: number, to: number): SpeakerPhrase | null {
  for (let i = to - 1; i >= from; i--) {
    if (!subjectStartOk(s, i, from)) continue;
    const p = parsePhrase(s.v, s.lex, i, { subject: true, limit: to });
    if (p && !p.pronoun) return p;
  }
  return null;
}

/** Does a quote opening at token `open` start a sentence? */
function opensSentence(s: State, open: number): boolean {
  const { v } = s;
  const offset = v.start[open];
  const block = v.blocks[v.block[open]];
  const before = v.doc.text.slice(block.start, offset);
  return before.trim() === "" || SENTENCE_TERMINAL.test(before) || isQuoteMark(v, open - 1);
}

function detectDirect(s: State): void {
  const { v, lex, o } = s;
  const spans = pairMarks(v.doc.text, v.blocks, lex.marks);
  let lastBlock = -1;
  for (const span of spans) {
    const open = tokenAtOrAfter(v, span.open);
    const first = tokenAtOrAfter(v, span.start);
    const last = tokenAtOrAfter(v, span.end);
    const words = wordCount(v, first, last);
    if (!words) continue;
    const afterClose = span.closed ? tokenAtOrAfter(v, span.close + 1) : last;
    const title = inTitle(s, span.open);
    const initial = opensSentence(s, open);
    const after = span.closed && (initial || title) ? frameAfter(s, afterClose, v.block[afterClose - 1]) : null;
    let cand: QuoteCandidate | null = null;
    if (after) {
      const chain = chainIn(s, after.cue.last, after.end);
      chain.via ??= addressee(s, after.cue, after.phrase ? after.phrase.end : after.cue.last, after.end);
      claim(s, after.cue.first, after.cue.last);
      cand = { kind: "direct", start: span.start, end: span.end, cue: after.cue, phrase: after.phrase, ...chain, inTitle: title };
    } else {
      const before = frameBefore(s, open);
      if (before) {
        const chain = chainIn(s, before.start, open);
        if (before.cue && !before.shared) claim(s, before.cue.first, before.cue.last);
        cand = { kind: "direct", start: span.start, end: span.end, cue: before.cue, phrase: before.phrase, ...chain, inTitle: title };
      } else if ((title && words >= o.minTitleWords) || (initial && words >= (lastBlock === v.block[open] ? o.minContinuationWords : o.minUncuedWords))) {
        const [sentStart] = sentenceBounds(v, open);
        const phrase = title ? titleSubject(s, sentStart, open) : null;
        cand = { kind: "direct", start: span.start, end: span.end, cue: null, phrase, via: null, citing: null, inTitle: title };
      }
    }
    if (!cand) continue;
    for (let i = first; i < last; i++) s.quoted[i] = 1;
    s.quoted[open] = 1;
    if (span.closed && afterClose - 1 >= 0) s.quoted[afterClose - 1] = 1;
    s.out.push(cand);
    lastBlock = v.block[open];
  }
}

/** Headline statements without marks: «Μόσχα: Δεν υποκύπτουμε …». */
function detectTitleStatement(s: State): void {
  const { v, lex, o } = s;
  const t = v.doc.meta.title;
  if (!t) return;
  const first = tokenAtOrAfter(v, t.start);
  const last = tokenAtOrAfter(v, t.end);
  for (let i = first + 1; i < last; i++) {
    if (v.text[i] !== ":") continue;
    if (isQuoteMark(v, i + 1) || s.quoted[i + 1]) return;
    const phrase = parsePhrase(v, lex, first, { subject: true, limit: i });
    if (!phrase || phrase.end !== i || phrase.pronoun || wordCount(v, i + 1, last) < o.minTitleWords) return;
    s.out.push({ kind: "direct", start: v.start[i + 1], end: t.end, cue: null, phrase, via: null, citing: null, inTitle: true });
    return;
  }
}

/** Where a reported clause starting at token `from` ends, and the subject of the cue that ends it. */
function clauseEnd(s: State, from: number, sentEnd: number): { end: number; next: SpeakerPhrase | null } {
  const { v, lex } = s;
  for (let j = from; j < sentEnd; j++) {
    if (anyPhraseAt(v, j, lex.clauseBreaks)) return { end: j, next: null };
    if (v.text[j] === "," && (anyPhraseAt(v, j + 1, lex.via) || anyPhraseAt(v, j + 1, lex.citing))) return { end: j, next: null };
    if (DASHES.has(v.text[j]) && isQuoteMark(v, j + 1) && s.quoted[j + 2]) return { end: j, next: null };
    if (s.quoted[j]) continue;
    const cue = matchCue(v, lex, j);
    if (!cue || cue.head !== j || cue.first < from) continue;
    let k = cue.first;
    if (subjectAfter(s, cue, sentEnd)) {
      while (k > from && (v.text[k - 1] === "," || lex.conjunctions.has(v.fold[k - 1]))) k--;
      return { end: k, next: null };
    }
    let next: SpeakerPhrase | null = null;
    for (let b = k - 1; b >= from; b--) {
      const p = subjectStartOk(s, b, from) ? parsePhrase(v, lex, b, { subject: true, limit: k }) : null;
      if (p && p.end === k && (b === from || v.text[b - 1] === "," || lex.conjunctions.has(v.fold[b - 1]))) {
        next = p;
        k = b;
        break;
      }
      if (!isWord(v, b) || !v.cap[b]) break;
    }
    while (k > from && (v.text[k - 1] === "," || lex.conjunctions.has(v.fold[k - 1]))) k--;
    return { end: k, next };
  }
  return { end: sentEnd, next: null };
}

/** «… and denied that …»: a cue after a conjunction shares the subject of the sentence's earlier cue. */
function coordinated(s: State, cue: CueMatch, sentStart: number): SpeakerPhrase | null {
  const { v, lex } = s;
  if (!isWord(v, cue.first - 1) || !lex.conjunctions.has(v.fold[cue.first - 1])) return null;
  for (let k = s.out.length - 1; k >= 0; k--) {
    const q = s.out[k];
    if (q.cue && q.cue.last <= cue.first && q.cue.first >= sentStart && q.phrase) return q.phrase;
  }
  return null;
}

function contentSpan(s: State, first: number, last: number): Span | null {
  const { v } = s;
  if (last <= first) return null;
  const text = v.doc.text;
  let start = v.start[first];
  let end = v.end[last - 1];
  const lead = LEADING_PUNCT.exec(text.slice(start, end));
  if (lead) start += lead[0].length;
  const trail = TRAILING_PUNCT.exec(text.slice(start, end));
  if (trail) end -= trail[0].length;
  return end > start ? { start, end } : null;
}

function hasVerb(s: State, first: number, last: number): boolean {
  const pos = s.v.pos;
  if (!pos) return true;
  for (let i = first; i < last; i++) if (VERB_TAGS.has(pos[i])) return true;
  return false;
}

/** Start of the content that precedes a cue in its sentence (after a colon or an earlier quote). */
function contentStartBefore(s: State, sentStart: number, cueFirst: number): number {
  let start = sentStart;
  for (let i = sentStart; i < cueFirst; i++) if (s.quoted[i] || s.v.text[i] === ":") start = i + 1;
  return start;
}

function pushIndirect(s: State, span: Span, cue: CueMatch, phrase: SpeakerPhrase | null, chain: Chain): void {
  s.out.push({ kind: "indirect", ...span, cue, phrase, ...chain, inTitle: inTitle(s, span.start) });
  claim(s, cue.first, cue.last);
  for (let i = tokenAtOrAfter(s.v, span.start); i < s.v.n && s.v.start[i] < span.end; i++) s.reported[i] = 1;
}

/** Quotes already found inside [first, last): a frame around them is their source. */
function framed(s: State, span: Span): QuoteCandidate[] {
  return s.out.filter((q) => q.start >= span.start && q.end <= span.end);
}

function detectIndirect(s: State): void {
  const { v, lex, o } = s;
  for (let i = 0; i < v.n; i++) {
    if (s.quoted[i] || s.claimed[i]) continue;
    const cue = matchCue(v, lex, i);
    if (!cue || cue.head !== i) continue;
    const [sentStart, sentEnd] = sentenceBounds(v, i);
    // 1. cue … complementizer: δήλωσε ότι, said on Thursday that
    let comp = -1;
    for (let j = cue.last; j < Math.min(sentEnd, cue.last + o.maxComplementizerGap + 1); j++) {
      if (s.quoted[j] || isQuoteMark(v, j) || (j > cue.last && matchCue(v, lex, j))) break;
      if (lex.complementizers.has(v.fold[j]) || (cue.entry.infinitival && lex.infinitival.has(v.fold[j]))) {
        comp = j;
        break;
      }
      if (!isWord(v, j) && v.text[j] !== ",") break;
    }
    if (comp >= 0) {
      const { end, next } = clauseEnd(s, comp + 1, sentEnd);
      const span = contentSpan(s, comp + 1, end);
      if (!span || wordCount(v, comp + 1, end) < o.minClauseWords) continue;
      const after = comp > cue.last ? parsePhrase(v, lex, skipAdverbs(s, cue.last, comp), { subject: true, limit: comp }) : null;
      const phrase = (after && !cue.entry.objectAfter ? after : null) ?? coordinated(s, cue, sentStart) ?? subjectBefore(s, cue, sentStart) ?? next;
      const chain = chainIn(s, sentStart, cue.first);
      chainIn(s, end, sentEnd, chain);
      chain.via ??= addressee(s, cue, cue.last, comp);
      pushIndirect(s, span, cue, phrase, chain);
      continue;
    }
    // 2. content first, subject after the cue: «…, δήλωσε σήμερα ο Ρώσος υφυπουργός …»
    const start = contentStartBefore(s, sentStart, cue.first);
    const inverted = !cue.entry.inversionAtEnd || v.text[cue.first - 1] === ",";
    const after = inverted ? subjectAfter(s, cue, sentEnd) : null;
    if (after && !after.pronoun && wordCount(v, start, cue.first) >= o.minClauseWords + 1 && hasVerb(s, start, cue.first)) {
      const span = contentSpan(s, start, cue.first);
      if (!span) continue;
      const inner = framed(s, span);
      const source = label(s, after);
      claim(s, cue.first, cue.last);
      if (inner.length) {
        for (const q of inner) q.via ??= source;
        continue;
      }
      const chain = chainIn(s, after.end, sentEnd);
      chain.via ??= addressee(s, cue, after.end, sentEnd);
      pushIndirect(s, span, cue, after, chain);
      continue;
    }
    // 3. content first, subject before the cue at the sentence's end: «…, Xinhua reports.»
    const before = subjectBefore(s, cue, sentStart);
    if (before && before.end === cue.first && v.text[before.start - 1] === ",") {
      const rest = skipAdverbs(s, cue.last, sentEnd);
      const tail = rest >= sentEnd - 1 || v.text[rest] === "," || v.text[rest] === ".";
      const span = tail ? contentSpan(s, start, before.start - 1) : null;
      if (span && wordCount(v, start, before.start) >= o.minClauseWords + 1) {
        const inner = framed(s, span);
        claim(s, cue.first, cue.last);
        if (inner.length) {
          for (const q of inner) q.via ??= before.pronoun ? null : label(s, before);
          continue;
        }
        pushIndirect(s, span, cue, before, chainIn(s, rest, sentEnd));
        continue;
      }
    }
    // 4. bare clause: Erdogan says he will not …
    if (cue.entry.bareClause && !cue.entry.objectAfter && before && (before.end === cue.first || v.text[cue.first - 1] === ",")) {
      const from = skipAdverbs(s, cue.last, sentEnd);
      // not "added 200 jobs", "said in a statement"
      const starts = isWord(v, from) && v.kind[from] !== TokenKind.Number && !lex.clauseBlockers.has(v.fold[from]);
      if (from < sentEnd && starts && !matchCue(v, lex, from)) {
        const { end } = clauseEnd(s, from, sentEnd);
        const span = contentSpan(s, from, end);
        if (span && wordCount(v, from, end) >= o.minClauseWords + 1 && hasVerb(s, from, end)) pushIndirect(s, span, cue, before, chainIn(s, end, sentEnd));
      }
    }
  }
}

/** «Όπως ανέφερε ο μετεωρολόγος Χ, τα φαινόμενα θα …», "As Smith said, …": a source marker and a cue open the sentence. */
function detectFrontedSources(s: State): void {
  const { v, lex, o } = s;
  for (const [sentStart, sentEnd] of v.sentenceTokens) {
    if (sentStart >= sentEnd || s.quoted[sentStart]) continue;
    if (!isWord(v, sentStart) || !lex.sourceMarkers.has(v.fold[sentStart])) continue;
    let cue = matchCue(v, lex, sentStart + 1);
    let phrase: SpeakerPhrase | null = null;
    let frameEnd = sentStart;
    if (cue) {
      phrase = parsePhrase(v, lex, skipAdverbs(s, cue.last, sentEnd), { subject: true, limit: sentEnd });
      frameEnd = phrase ? phrase.end : frameEnd;
    } else {
      phrase = parsePhrase(v, lex, sentStart + 1, { subject: true, limit: sentEnd });
      cue = phrase ? matchCue(v, lex, phrase.end) : null;
      frameEnd = cue ? cue.last : frameEnd;
    }
    if (!cue || !phrase || phrase.pronoun || v.text[frameEnd] !== ",") continue;
    const { end } = clauseEnd(s, frameEnd + 1, sentEnd);
    const span = contentSpan(s, frameEnd + 1, end);
    if (span && wordCount(v, frameEnd + 1, end) >= o.minClauseWords) pushIndirect(s, span, cue, phrase, { via: null, citing: null });
  }
}

/** Claim the tokens of source-chain phrases so their verbs (όπως μετέδωσε) are not taken as cues; mark them and their outlets. */
function claimChains(s: State): void {
  const { v, lex } = s;
  for (let i = 0; i < v.n; i++) {
    const len = anyPhraseAt(v, i, lex.via) || anyPhraseAt(v, i, lex.citing);
    if (!len) continue;
    claim(s, i, i + len);
    const outlet = parsePhrase(v, lex, i + len, { subject: false, limit: v.n });
    for (let k = i; k < (outlet ? outlet.end : i + len); k++) s.sourced[k] = 1;
  }
}

/** Shortest name taken as an antecedent, in characters (not an initial such as «Τ/κ»). */
const MIN_ANTECEDENT_CHARS = 2;

/**
 * The nearest named subject before token t, in its paragraph or the one before:
 * «Ο πρόεδρος Χ επισκέφθηκε … «…», είπε.» Where word order marks the subject,
 * only a phrase that opens a sentence counts.
 */
function antecedentBefore(s: State, t: number): SpeakerPhrase | null {
  const { v, lex } = s;
  const block = v.block[t];
  const firstBlock = block > 0 ? block - 1 : block;
  const from = tokenAtOrAfter(v, v.blocks[firstBlock]?.start ?? 0);
  const subjectFirst = lex.subjectFirstLangs.has(v.doc.lang);
  for (let i = t - 1; i >= from; i--) {
    if (s.quoted[i] || s.reported[i] || s.sourced[i]) continue;
    const [sentStart] = sentenceBounds(v, i);
    if (subjectFirst ? i !== sentStart : !lex.subjectDeterminers.has(v.fold[i]) && i !== sentStart) continue;
    const p = parsePhrase(v, lex, i, { subject: true, limit: t });
    if (p?.name && !p.pronoun && tokensText(v, p.name[0], p.name[1]).length >= MIN_ANTECEDENT_CHARS && (i !== sentStart || lex.subjectDeterminers.has(v.fold[i]) || knownName(v, p))) return p;
  }
  return null;
}

/** All quotation candidates of a document, in text order. */
export function detectQuotes(v: DocView, lex: QuoteLexicon, options: DetectOptions = {}): QuoteCandidate[] {
  const s: State = { v, lex, o: { ...DEFAULTS, ...options }, quoted: new Uint8Array(v.n + 2), claimed: new Uint8Array(v.n + 2), reported: new Uint8Array(v.n + 2), sourced: new Uint8Array(v.n + 2), out: [] };
  claimChains(s);
  detectDirect(s);
  detectTitleStatement(s);
  detectFrontedSources(s);
  detectIndirect(s);
  for (const q of s.out) if (!q.phrase || q.phrase.pronoun) q.antecedent = antecedentBefore(s, tokenAtOrAfter(v, q.start));
  return s.out.sort((a, b) => a.start - b.start);
}
