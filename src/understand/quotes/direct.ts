// Direct quotations: spans between quote marks, kept when a reporting frame
// follows them («…», τόνισε ο Ριαμπκόφ; "…," he said), introduces them (δήλωσε:
// «…»; "Name: “…”"; said, "…"; X says … - “…”), when they open a sentence and
// are long enough (continuations of the previous speaker), or stand in the
// headline, or the sentence after them points back to them and names their
// speaker («…». Έτσι χαρακτήρισε … ο Χ); headline statements without marks
// («Μόσχα: Δεν υποκύπτουμε …»).
// Scare quotes and titles in quote marks are left out by length and position.
import { tokenRange } from "../../doc/doc.js";
import { parsePhrase, type SpeakerPhrase } from "./phrase.js";
import type { CueMatch } from "./lexicon.js";
import { addQuote, addressee, chainIn, claim, complementizerAfter, DASHES, inTitle, markedSpans, matchCue, type QuoteCandidate, skipAdverbs, type State, wordCount } from "./state.js";
import { subjectAfter, subjectBefore, titleSubject } from "./subjects.js";
import { anyPhraseAt, isQuoteMark, isWordOrNumber, namedByTagger, sentenceBounds, tokenAtOrAfter } from "./view.js";

/** Punctuation between a closing mark and the frame after it («…», τόνισε). */
const LEAD_PUNCT = new Set([",", "-", "–", "—"]);
/** Punctuation between a frame and the opening mark after it (δήλωσε: «…»). */
const INTRO_PUNCT = new Set([":", "-", "–", "—", ","]);
/** Most words between a cue and an opening mark that may be the cue's object (ζήτησε από την πρόεδρο «…»). */
const MAX_OBJECT_WORDS = 5;
/** POS tags of verbs: none stands between a cue and a quote of its object. */
const VERB_TAGS = new Set(["VERB", "AUX"]);
/** Most words of a cue form («έκανε λόγο για», "pointed out"). */
const MAX_CUE_WORDS = 4;
/** Most tokens between a pointer back («Έτσι», "That was how") and its cue. */
const MAX_POINTER_GAP = 8;
/** Sentence terminals: a quote after one opens a sentence. */
const SENTENCE_TERMINALS = new Set([".", "!", "?", ";", "…"]);
const SPACE = /\s/u;

/** The end of the sentence holding token `from`, or the next quote mark. */
function frameEnd(s: State, from: number): number {
  const [, end] = sentenceBounds(s.v, from);
  for (let i = from; i < end; i++) if (isQuoteMark(s.v, i)) return i;
  return end;
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
  // «…», όπως σημείωσε ο Χ. (but «…», όπως μετέδωσε το ΑΠΕ is a channel, claimed as a chain)
  if (isWordOrNumber(v, i) && lex.sourceMarkers.has(v.fold[i]) && !s.claimed[i] && matchCue(v, lex, i + 1)) i++;
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

/** The speaker named by an attribution after a closing mark: "…," according to the ministry. */
function attributionAfter(s: State, afterClose: number): SpeakerPhrase | null {
  const { v, lex } = s;
  let i = afterClose;
  while (i < v.n && LEAD_PUNCT.has(v.text[i])) i++;
  const len = anyPhraseAt(v, i, lex.attribution);
  if (!len) return null;
  const p = parsePhrase(v, lex, i + len, { subject: false, limit: frameEnd(s, i) });
  return p && !p.pronoun ? p : null;
}

/**
 * The cue and speaker of the sentence after a quotation that points back to it
 * («…». Έτσι χαρακτήρισε τη συγκυρία ο Ύπατος Αρμοστής; "…" That was how the
 * minister put it), or null.
 */
function pointerAfter(s: State, afterClose: number): { cue: CueMatch; phrase: SpeakerPhrase } | null {
  const { v, lex } = s;
  let i = afterClose;
  while (i < v.n && !isWordOrNumber(v, i) && !isQuoteMark(v, i)) i++;
  const len = i < v.n ? anyPhraseAt(v, i, lex.pointersBack) : 0;
  if (!len || s.quoted[i]) return null;
  const [, sentEnd] = sentenceBounds(v, i);
  let cue: CueMatch | null = null;
  for (let j = i + len; j < Math.min(sentEnd, i + len + MAX_POINTER_GAP) && !cue; j++) cue = matchCue(v, lex, j);
  if (!cue || cue.first < i + len) return null;
  // a subject after the cue (Έτσι χαρακτήρισε … ο Χ) or between the pointer and the cue (That was how the minister described …)
  const before = cue.first > i + len ? parsePhrase(v, lex, i + len, { subject: true, limit: cue.first }) : null;
  const phrase = (before?.end === cue.first ? before : null) ?? subjectAfter(s, cue, sentEnd);
  return phrase && !phrase.pronoun ? { cue, phrase } : null;
}

/** The cue and speaker before an opening mark: Ο Χ δήλωσε: «…» / Erdogan: "…" / said, "…". */
interface BeforeFrame {
  cue: CueMatch | null;
  phrase: SpeakerPhrase | null;
  start: number;
  /** The cue also introduces the reported clause before the dash (X says … - “…”). */
  shared: boolean;
  /** The quote is the cue's reported clause (said that “…”): direct only when it is the whole clause. */
  clause?: boolean;
}

/**
 * The complementizer right before an opening mark (ότι «…», that “…”; one
 * article may stand between: ότι ο «πρέσβης …»), or -1.
 */
function complementizerBefore(s: State, open: number): number {
  const { v, lex } = s;
  let p = open - 1;
  if (isWordOrNumber(v, p) && lex.determiners.has(v.fold[p]) && v.block[p] === v.block[open]) p--;
  return isWordOrNumber(v, p) && v.block[p] === v.block[open] && lex.complementizers.has(v.fold[p]) ? p : -1;
}

/**
 * The frame of a quote that is a whole reported clause (δήλωσε ότι «…»; said
 * that “…”; ανέφερε πως «…» και πως «…», the second sharing the first's cue).
 */
function complementFrame(s: State, comp: number, sentStart: number): BeforeFrame | null {
  const { v, lex, o } = s;
  const [, sentEnd] = sentenceBounds(v, comp);
  // … πως «…» και πως «…»: the cue of the quote before the conjunction
  if (comp - 2 >= sentStart && lex.conjunctions.has(v.fold[comp - 1]) && isQuoteMark(v, comp - 2)) {
    const prev = s.out[s.out.length - 1];
    if (prev && prev.cue && prev.end <= v.start[comp - 2] && v.start[comp - 2] - prev.end <= 1) return { cue: prev.cue, phrase: prev.phrase, start: sentStart, shared: true, clause: true };
  }
  for (let k = comp - 1; k >= Math.max(sentStart, comp - o.maxComplementizerGap - 2); k--) {
    if (s.quoted[k] || s.claimed[k]) return null;
    const cue = matchCue(v, lex, k);
    if (!cue || cue.head !== k || complementizerAfter(s, cue, sentEnd) !== comp) continue;
    const phrase = subjectAfter(s, cue, comp) ?? subjectBefore(s, cue, sentStart);
    return { cue, phrase, start: sentStart, shared: false, clause: true };
  }
  return null;
}

/** Does the quote end its clause (a punctuation mark, a conjunction or the sentence's end after it)? */
function endsClause(s: State, afterClose: number, closed: boolean): boolean {
  const { v, lex } = s;
  if (!closed || afterClose >= v.n || v.block[afterClose] !== v.block[afterClose - 1]) return true;
  const [, sentEnd] = sentenceBounds(v, afterClose - 1);
  return afterClose >= sentEnd || !isWordOrNumber(v, afterClose) || lex.conjunctions.has(v.fold[afterClose]);
}

/** The cue whose words end right before token `end` («έκανε λόγο για «…»», said "…"), or null. */
function cueEndingAt(s: State, end: number): CueMatch | null {
  for (let i = end - 1; i >= Math.max(0, end - MAX_CUE_WORDS); i--) {
    const cue = matchCue(s.v, s.lex, i);
    if (cue && cue.head === i && cue.last === end) return cue;
  }
  return null;
}

function frameBefore(s: State, open: number): BeforeFrame | null {
  const { v, lex, o } = s;
  const p = open - 1;
  // a colon may end the paragraph before the quote (Erdogan said: ¶ “…”)
  if (p < 0 || (v.block[p] !== v.block[open] && v.text[p] !== ":")) return null;
  const [sentStart] = sentenceBounds(v, p);
  const comp = complementizerBefore(s, open);
  if (comp >= 0) return complementFrame(s, comp, sentStart);
  const introduced = INTRO_PUNCT.has(v.text[p]);
  const before = introduced ? p : open;
  const direct = cueEndingAt(s, before);
  if (direct && !s.claimed[direct.head]) {
    const phrase = subjectAfter(s, direct, before) ?? subjectBefore(s, direct, sentStart);
    return { cue: direct, phrase, start: sentStart, shared: false };
  }
  if (!introduced || v.text[p] === ",") {
    const object = cueBeforeObject(s, before, sentStart);
    if (object) return object;
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

/**
 * A cue and its object before an opening mark (ζήτησε από την πρόεδρο «…»;
 * described the plan as “…”): the words between hold no verb (by the taggers'
 * tags; without them they must open with a preposition or an article). The
 * quote is direct when it ends the clause.
 */
function cueBeforeObject(s: State, before: number, sentStart: number): BeforeFrame | null {
  const { v, lex } = s;
  for (let k = before - 1; k >= Math.max(sentStart, before - MAX_OBJECT_WORDS - 1); k--) {
    // a complementizer makes the quote part of a reported clause (πρόσθεσε ότι αρκετές «…» χώρες)
    if (!isWordOrNumber(v, k) || s.quoted[k] || s.claimed[k] || lex.complementizers.has(v.fold[k])) return null;
    if (v.pos && VERB_TAGS.has(v.pos[k]) && !matchCue(v, lex, k)) return null;
    const cue = matchCue(v, lex, k);
    if (!cue || cue.head !== k || cue.last >= before) continue;
    const first = v.fold[cue.last];
    if (!v.pos && !lex.prepositions.has(first) && !lex.addresseePrepositions.has(first) && !lex.determiners.has(first)) return null;
    const phrase = subjectAfter(s, cue, cue.last) ?? subjectBefore(s, cue, sentStart);
    return { cue, phrase, start: sentStart, shared: false, clause: true };
  }
  return null;
}

/** Does a quote opening at token `open` start a sentence? */
function opensSentence(s: State, open: number): boolean {
  const { v } = s;
  const text = v.doc.text;
  const block = v.blocks[v.block[open]];
  let i = v.start[open] - 1;
  while (i >= block.start && SPACE.test(text[i])) i--;
  return i < block.start || SENTENCE_TERMINALS.has(text[i]) || isQuoteMark(v, open - 1);
}

export function detectDirect(s: State): void {
  const { v, lex, o } = s;
  const spans = markedSpans(s);
  let lastBlock = -1;
  for (const span of spans) {
    const open = tokenAtOrAfter(v, span.open);
    const [first, last] = tokenRange(v.doc.layers.tokens, span);
    const words = wordCount(v, first, last);
    if (!words) continue;
    const afterClose = span.closed ? tokenAtOrAfter(v, span.close + 1) : last;
    const title = inTitle(s, span.open);
    const initial = opensSentence(s, open);
    const after = span.closed && (initial || title) ? frameAfter(s, afterClose, v.block[afterClose - 1]) : null;
    let cand: QuoteCandidate | null = null;
    let pointer: ReturnType<typeof pointerAfter> = null;
    if (after) {
      const chain = chainIn(s, after.cue.last, after.end);
      chain.via ??= addressee(s, after.cue, after.phrase ? after.phrase.end : after.cue.last, after.end);
      claim(s, after.cue.first, after.cue.last);
      cand = { kind: "direct", start: span.start, end: span.end, cue: after.cue, phrase: after.phrase, ...chain, inTitle: title };
    } else {
      const framedBefore = frameBefore(s, open);
      // a fragment inside a reported clause (said that it was “a dead end” for now) stays in that clause
      const before = framedBefore?.clause && !endsClause(s, afterClose, span.closed) ? null : framedBefore;
      if (before) {
        const chain = chainIn(s, before.start, open);
        if (before.cue && !before.shared) claim(s, before.cue.first, before.cue.last);
        cand = { kind: "direct", start: span.start, end: span.end, cue: before.cue, phrase: before.phrase, ...chain, inTitle: title };
      } else if (initial && span.closed && words >= o.minClauseWords && !title && (pointer = pointerAfter(s, afterClose))) {
        claim(s, pointer.cue.first, pointer.cue.last);
        cand = { kind: "direct", start: span.start, end: span.end, cue: pointer.cue, phrase: pointer.phrase, via: null, citing: null, inTitle: false };
      } else if ((title && words >= o.minTitleWords) || (initial && words >= (lastBlock === v.block[open] ? o.minContinuationWords : o.minUncuedWords))) {
        const [sentStart] = sentenceBounds(v, open);
        const attributed = span.closed ? attributionAfter(s, afterClose) : null;
        const phrase = title ? titleSubject(s, sentStart, open) : attributed;
        const chain = span.closed && !attributed ? chainIn(s, afterClose, frameEnd(s, afterClose)) : { via: null, citing: null };
        cand = { kind: "direct", start: span.start, end: span.end, cue: null, phrase, ...chain, inTitle: title };
      }
    }
    if (!cand) continue;
    for (let i = first; i < last; i++) s.quoted[i] = 1;
    s.quoted[open] = 1;
    if (span.closed && afterClose - 1 >= 0) s.quoted[afterClose - 1] = 1;
    addQuote(s, cand);
    lastBlock = v.block[open];
  }
}

/** Headline statements without marks: «Μόσχα: Δεν υποκύπτουμε …». */
export function detectTitleStatement(s: State): void {
  const { v, lex, o } = s;
  const t = v.doc.meta.title;
  if (!t) return;
  const [first, last] = tokenRange(v.doc.layers.tokens, t);
  for (let i = first + 1; i < last; i++) {
    if (v.text[i] !== ":") continue;
    if (isQuoteMark(v, i + 1) || s.quoted[i + 1]) return;
    const phrase = parsePhrase(v, lex, first, { subject: true, limit: i });
    if (!phrase || phrase.end !== i || phrase.pronoun || wordCount(v, i + 1, last) < o.minTitleWords) return;
    // a bare name must be a person, organisation or place the taggers found, not a label («ΆΡΘΡΟ:», "VIDEO:")
    if (!phrase.role && !phrase.described && phrase.name && !namedByTagger(v, phrase.name[0], phrase.name[1])) return;
    addQuote(s, { kind: "direct", start: v.start[i + 1], end: t.end, cue: null, phrase, via: null, citing: null, inTitle: true });
    return;
  }
}
