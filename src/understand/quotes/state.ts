// Shared state and helpers of the quotation rules: the detection options, the
// working state of one document (which tokens are quoted, claimed, reported,
// sources), cue matching with auxiliaries and negation, adverbs, and the
// source chains (via, citing, who was told) found around a quote.
import type { Span } from "../../doc/doc.js";
import type { CueMatch, QuoteLexicon } from "./lexicon.js";
import { pairMarks, type MarkedSpan } from "./marks.js";
import { parsePhrase, phraseText, possessiveLength, type SpeakerPhrase } from "./phrase.js";
import type { QuoteKind, QuoteStance } from "./types.js";
import { anyPhraseAt, type DocView, isQuoteMark, isWordOrNumber, sentenceBounds, tokenAtOrAfter, tokensText } from "./view.js";

/** The tagger's tag of a common noun: a cue form it tags so after a preposition, determiner, adjective or number (in remarks, the reports) is a noun, not a speech verb. */
const NOUN = "NOUN";
const NOUN_PHRASE_BEFORE = new Set(["ADP", "DET", "ADJ", "NUM"]);

/** Thresholds of the rules (defaults in DEFAULTS). */
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

export const DEFAULTS: Required<DetectOptions> = {
  minUncuedWords: 6,
  minContinuationWords: 2,
  minTitleWords: 3,
  minClauseWords: 3,
  maxComplementizerGap: 6,
  maxCueLookback: 40,
  maxSubjectLookback: 40,
};

/** Punctuation that ends a clause. */
export const CLAUSE_END = new Set([",", ".", ";", "!", "?", "…"]);
/** Marks that introduce a quote after its frame (a colon and dashes). */
export const DASHES = new Set([":", "-", "–", "—"]);


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
  /** The speaker is an outlet or institution a statement is attributed to (according to …): not the speaker a later pronoun or pro-drop refers to. */
  channel?: boolean;
}

/** The working state of the rules over one document. */
export interface State {
  v: DocView;
  lex: QuoteLexicon;
  o: Required<DetectOptions>;
  /** Tokens inside accepted direct quotes. */
  quoted: Uint8Array;
  /** Tokens of cues already used, and of source-chain phrases. */
  claimed: Uint8Array;
  /** Tokens inside reported clauses already found: not subjects of later cues. */
  reported: Uint8Array;
  /** For each token, a token at or before the next one not yet reported (a union-find over marked runs). */
  reportedNext: Int32Array;
  /** Source-chain phrases and the outlet after each (όπως μετέδωσε το πρακτορείο RIA): never speakers by position. */
  sourced: Uint8Array;
  out: QuoteCandidate[];
  /** Indexes into `out` by the token at or after each quote's start. */
  outByStart: Map<number, number[]>;
  /** The keys of `outByStart` as bits (token t is bit t % 32 of word t / 32): a span's quotes without a scan of its tokens. */
  outStartBits: Uint32Array;
  /** Tokens where a source-chain phrase (όπως μετέδωσε, according to, citing) starts, in order. */
  chainStarts: Int32Array;
  /** Indexes into `out` by the first token of each quote's cue. */
  outByCue: Map<number, number[]>;
  /** The document's quoted spans, paired once (markedSpans). */
  spans?: MarkedSpan[];
  /** The outlet a sentence opens with when a report of its own follows («Σύμφωνα με το Reuters, ο υπουργός ανέφερε ότι …»), by the sentence's first token: that report's channel. */
  frontedVia: Map<number, string>;
}

/** A new state over a document: nothing quoted, claimed or found yet. */
export function newState(v: DocView, lex: QuoteLexicon, o: Required<DetectOptions>): State {
  const flags = () => new Uint8Array(v.n + 2);
  const chainStarts: number[] = [];
  for (let i = 0; i < v.n; i++) if (isWordOrNumber(v, i) && anyPhraseAt(v, i, lex.chains)) chainStarts.push(i);
  const reportedNext = new Int32Array(v.n + 3);
  for (let i = 0; i < reportedNext.length; i++) reportedNext[i] = i;
  return {
    v, lex, o, quoted: flags(), claimed: flags(), reported: flags(), reportedNext, sourced: flags(),
    out: [], outByStart: new Map(), outStartBits: new Uint32Array((v.n >>> 5) + 1), outByCue: new Map(), frontedVia: new Map(), chainStarts: Int32Array.from(chainStarts),
  };
}

/** Number of entries of the sorted `xs` below `x`. */
export function countBelow(xs: Int32Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function addTo(index: Map<number, number[]>, key: number, k: number): void {
  const list = index.get(key);
  if (list) list.push(k);
  else index.set(key, [k]);
}

/** Add a quote to `out` and to its indexes. */
export function addQuote(s: State, q: QuoteCandidate): void {
  const k = s.out.push(q) - 1;
  const t = tokenAtOrAfter(s.v, q.start);
  addTo(s.outByStart, t, k);
  s.outStartBits[t >>> 5] |= 1 << (t & 31);
  if (q.cue) addTo(s.outByCue, q.cue.first, k);
}

/**
 * The cue whose (first) word is token i, extended back over auxiliaries (έχει
 * παραδεχθεί), with the negation before it; null for a passive (it is recalled)
 * or a noun that looks like a cue (the report, denied claims).
 */
export function matchCue(v: DocView, lex: QuoteLexicon, i: number): CueMatch | null {
  if (!isWordOrNumber(v, i)) return null;
  if (v.cues?.lex !== lex) v.cues = { lex, at: new Array<CueMatch | null | undefined>(v.n) };
  return (v.cues.at[i] ??= cueAt(v, lex, i));
}

/** The cue at token i, worked out afresh. */
function cueAt(v: DocView, lex: QuoteLexicon, i: number): CueMatch | null {
  const entries = lex.cues.get(v.fold[i]);
  if (!entries) return null;
  // A capital inside a sentence makes a name (United States), not a verb; a noun the tagger sees inside a noun phrase is no verb either (in remarks that …).
  if ((v.cap[i] && !opensClause(v, i)) || (v.pos !== null && i > 0 && v.pos[i] === NOUN && NOUN_PHRASE_BEFORE.has(v.pos[i - 1]))) return null;
  for (const entry of entries) {
    let ok = true;
    for (let k = 1; k < entry.words.length && ok; k++) ok = v.fold[i + k] === entry.words[k];
    if (!ok) continue;
    let first = i;
    while (first > 0 && isWordOrNumber(v, first - 1) && lex.auxiliaries.has(v.fold[first - 1]) && i - first < 2) first--;
    if (isWordOrNumber(v, first - 1) && (lex.passives.has(v.fold[first - 1]) || (first === i && lex.notBeforeVerb.has(v.fold[i - 1])))) return null;
    // denied claims that …: the second form is a noun
    if (first === i && isWordOrNumber(v, i - 1) && lex.cues.has(v.fold[i - 1]) && matchCue(v, lex, i - 1)) return null;
    const negated = isWordOrNumber(v, first - 1) && lex.negations.has(v.fold[first - 1]);
    return { first, head: i, last: i + entry.words.length, entry, negated };
  }
  return null;
}

/** The complementizer (or, after a question's cue, the interrogative) a few tokens after the cue (δήλωσε ότι, said on Thursday that), or -1. */
export function complementizerAfter(s: State, cue: CueMatch, sentEnd: number): number {
  const { v, lex, o } = s;
  for (let j = cue.last; j < Math.min(sentEnd, cue.last + o.maxComplementizerGap + 1); j++) {
    if (s.quoted[j] || isQuoteMark(v, j) || (j > cue.last && matchCue(v, lex, j))) return -1;
    // said they were concerned that …: the bare clause starts at the pronoun
    if (cue.entry.bareClause && lex.pronouns.has(v.fold[j])) return -1;
    if (lex.complementizers.has(v.fold[j]) || (cue.entry.infinitival && lex.infinitival.has(v.fold[j])) || (cue.entry.question && lex.interrogatives.has(v.fold[j]))) return j;
    if (!isWordOrNumber(v, j) && v.text[j] !== ",") return -1;
  }
  return -1;
}

/** Is token i the first word of its sentence, or right after a quote mark or a dash? */
function opensClause(v: DocView, i: number): boolean {
  const [sentStart] = sentenceBounds(v, i);
  return i === sentStart || isQuoteMark(v, i - 1) || DASHES.has(v.text[i - 1]);
}

export function wordCount(v: DocView, first: number, last: number): number {
  const a = Math.min(Math.max(first, 0), v.n);
  const b = Math.min(Math.max(last, 0), v.n);
  return b > a ? v.wordsBefore[b] - v.wordsBefore[a] : 0;
}

/** Skip adverbs (σήμερα, on Thursday) from token i. */
export function skipAdverbs(s: State, i: number, limit: number): number {
  let j = i;
  for (;;) {
    const len = j < limit ? anyPhraseAt(s.v, j, s.lex.adverbs) : 0;
    // "last week's talks" is a subject, not an adverb
    if (!len || possessiveLength(s.v, j + len)) return j;
    j += len;
  }
}

/** The phrase label: its name, else its text without the determiner. */
export function label(s: State, p: SpeakerPhrase): string {
  return p.name ? tokensText(s.v, p.name[0], p.name[1]) : phraseText(s.v, s.lex, p);
}

export interface Chain {
  via: string | null;
  citing: string | null;
}

/** Source-chain phrases (όπως μετέδωσε …, according to …, citing …) in [from, to). */
/** The document's quoted spans (marks.ts), paired once for every rule that reads them. */
export function markedSpans(s: State): MarkedSpan[] {
  return (s.spans ??= pairMarks(s.v.doc.text, s.v.blocks, s.lex.marks));
}

export function chainIn(s: State, from: number, to: number, chain: Chain = { via: null, citing: null }): Chain {
  const { v, lex, chainStarts } = s;
  for (let k = countBelow(chainStarts, from); k < chainStarts.length && chainStarts[k] < to; k++) {
    const i = chainStarts[k];
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
export function addressee(s: State, cue: CueMatch, after: number, limit: number): string | null {
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

/** Mark the tokens [first, last) as reported, each token once over all calls (overlapping clauses cost their new tokens). */
export function markReported(s: State, first: number, last: number): void {
  const next = s.reportedNext;
  const find = (i: number): number => {
    while (next[i] !== i) {
      next[i] = next[next[i]];
      i = next[i];
    }
    return i;
  };
  for (let i = find(Math.max(first, 0)); i < last; i = find(i + 1)) {
    s.reported[i] = 1;
    next[i] = i + 1;
  }
}

export function claim(s: State, first: number, last: number): void {
  for (let i = first; i < last; i++) s.claimed[i] = 1;
}

export function inTitle(s: State, offset: number): boolean {
  const t = s.v.doc.meta.title;
  return t !== undefined && offset >= t.start && offset < t.end;
}
