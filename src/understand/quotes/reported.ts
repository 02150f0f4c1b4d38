// Reported speech: a cue and a complementizer (δήλωσε ότι …, said that …), a
// bare clause where the verb and language allow one (says he will …), the
// content-first form («…πιέσεις, δήλωσε σήμερα ο …», "…, Xinhua reports."),
// a fronted source («Όπως ανέφερε ο Χ, …») and a bare reporting clause set off
// by commas inside the content («Αυτή, είπε, είναι …»), and a second complement
// after a direct quotation that was the first (ότι «…» και ότι …). A reporting
// frame around a statement already found becomes that statement's `via`.
import { type Span, TokenKind, tokenRange } from "../../doc/doc.js";
import { parsePhrase, type SpeakerPhrase } from "./phrase.js";
import type { CueMatch } from "./lexicon.js";
import { addQuote, addressee, type Chain, chainIn, claim, complementizerAfter, DASHES, inTitle, label, markReported, matchCue, type QuoteCandidate, skipAdverbs, type State, wordCount } from "./state.js";
import { coordinated, subjectAfter, subjectBefore, subjectStartOk } from "./subjects.js";
import { anyPhraseAt, isQuoteMark, isWordOrNumber, sentenceBounds, tokenAtOrAfter } from "./view.js";

/** Punctuation trimmed from the ends of a reported clause (one character each; every \s is one UTF-16 unit). */
const EDGE_PUNCT = /^[\s,.;:–—-]$/u;
/** Most tokens of a parenthesis between a subject and its cue. */
const MAX_PARENTHESIS = 16;
/** Most words after an impersonal cue before the comma of a fronted source (όπως τονίζεται στην ανακοίνωση,). */
const MAX_IMPERSONAL_TAIL = 6;
/** POS tags of a finite verb, checked in a clause when the taggers ran. */
const VERB_TAGS = new Set(["VERB", "AUX"]);
const PRONOUN = "PRON";
const CLOSE_BRACKET = ")";

/** Where a reported clause starting at token `from` ends, and the subject of the cue that ends it. */
export function clauseEnd(s: State, from: number, sentEnd: number): { end: number; next: SpeakerPhrase | null } {
  const { v, lex } = s;
  for (let j = from; j < sentEnd; j++) {
    if (anyPhraseAt(v, j, lex.clauseBreaks)) return { end: j, next: null };
    if (v.text[j] === "," && anyPhraseAt(v, j + 1, lex.chains)) return { end: j, next: null };
    if (DASHES.has(v.text[j]) && isQuoteMark(v, j + 1) && s.quoted[j + 2]) return { end: j, next: null };
    if (s.quoted[j]) continue;
    const cue = matchCue(v, lex, j);
    // a cue inside quote marks or the clause's own verb (the alliance would respond) is content
    if (!cue || cue.head !== j || cue.first < from || isQuoteMark(v, cue.first - 1)) continue;
    let k = cue.first;
    const boundary = (t: number) => t > from && (v.text[t - 1] === "," || lex.conjunctions.has(v.fold[t - 1]));
    const backOff = (t: number) => {
      while (boundary(t)) t--;
      return t;
    };
    // ότι ο πρόεδρος δήλωσε ότι …: a report of a report, whose subject opens this clause, is part of its content
    const inner = parsePhrase(v, lex, from, { subject: true, limit: k });
    if (inner && !inner.pronoun && afterParenthesis(s, skipAdverbs(s, inner.end, k), k) === k && complementizerAfter(s, cue, sentEnd) >= 0) continue;
    if (subjectAfter(s, cue, sentEnd)) return { end: backOff(k), next: null };
    // the subject's words back from the cue: capitalised, or — after a comma only — with roles and descriptions among them (…, UN spokesman Stephane Dujarric said)
    let lower = false;
    for (let b = k - 1; b >= from; b--) {
      const p = subjectStartOk(s, b, from) ? parsePhrase(v, lex, b, { subject: true, limit: k }) : null;
      if (p && p.end === k && ((b === from && !lower) || boundary(b))) return { end: backOff(b), next: p };
      if (!isWordOrNumber(v, b)) break;
      if (!v.cap[b]) {
        if (!lex.roles.has(v.key[b]) && !lex.described.has(v.key[b])) break;
        lower = true;
      }
    }
    if (boundary(k) || opensReportedClause(s, cue, sentEnd)) return { end: backOff(k), next: null };
  }
  return { end: sentEnd, next: null };
}

/** Past a parenthesis set off by commas at token i (οι ΗΠΑ, δια του πρέσβη τους, απείλησαν) that ends right before `to`; else i. */
function afterParenthesis(s: State, i: number, to: number): number {
  if (s.v.text[i] !== "," || to - i > MAX_PARENTHESIS) return i;
  for (let j = i + 1; j < to; j++) if (s.v.text[j] === "," || s.quoted[j]) return j === to - 1 && s.v.text[j] === "," ? to : i;
  return i;
}

/** Is a complementizer right after the cue (… stressed that …)? */
function opensReportedClause(s: State, cue: CueMatch, sentEnd: number): boolean {
  const { v, lex, o } = s;
  for (let j = cue.last; j < Math.min(sentEnd, cue.last + o.maxComplementizerGap + 1); j++) {
    if (lex.complementizers.has(v.fold[j])) return true;
    if (!isWordOrNumber(v, j)) return false;
  }
  return false;
}

export function contentSpan(s: State, first: number, last: number): Span | null {
  const { v } = s;
  if (last <= first) return null;
  const text = v.doc.text;
  let start = v.start[first];
  let end = v.end[last - 1];
  while (start < end && EDGE_PUNCT.test(text[start])) start++;
  while (end > start && EDGE_PUNCT.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/** Does the span hold a verb? Unknown without POS tags, or when most of its words are foreign to the tagger. */
export function hasVerb(s: State, first: number, last: number): boolean {
  const { pos, foreign } = s.v;
  if (!pos) return true;
  let words = 0;
  let foreignWords = 0;
  for (let i = first; i < last; i++) {
    if (VERB_TAGS.has(pos[i])) return true;
    if (isWordOrNumber(s.v, i)) words++;
    foreignWords += foreign[i];
  }
  return foreignWords * 2 > words;
}

/** After each token, the token after the last colon or quoted token before it (0 when none): direct quotes are all found. */
function afterStops(s: State): Uint32Array {
  const after = new Uint32Array(s.v.n + 1);
  // a dateline's dash after the agency's brackets ends it too: ATHENS, Greece (AP) — …
  for (let i = 0; i < s.v.n; i++) after[i + 1] = s.quoted[i] || s.v.text[i] === ":" || (DASHES.has(s.v.text[i]) && s.v.text[i - 1] === CLOSE_BRACKET) ? i + 1 : after[i];
  return after;
}

/** Start of the content that precedes a cue in its sentence (after a colon, an earlier quote or a dateline). */
function contentStartBefore(stops: Uint32Array, sentStart: number, cueFirst: number): number {
  return Math.max(sentStart, stops[cueFirst]);
}

export function pushIndirect(s: State, span: Span, cue: CueMatch, phrase: SpeakerPhrase | null, chain: Chain): void {
  addQuote(s, { kind: "indirect", ...span, cue, phrase, ...chain, inTitle: inTitle(s, span.start) });
  claim(s, cue.first, cue.last);
  const [first, last] = tokenRange(s.v.doc.layers.tokens, span);
  markReported(s, first, last);
}

/** Quotes already found inside the span, in the order found: a frame around them is their source. */
function framed(s: State, span: Span): QuoteCandidate[] {
  const found: number[] = [];
  const first = tokenAtOrAfter(s.v, span.start);
  const last = tokenAtOrAfter(s.v, span.end);
  for (let w = first >>> 5; w <= last >>> 5; w++) {
    for (let bits = s.outStartBits[w]; bits; bits &= bits - 1) {
      const t = (w << 5) + 31 - Math.clz32(bits & -bits);
      if (t < first || t > last) continue;
      for (const k of s.outByStart.get(t) ?? []) if (s.out[k].start >= span.start && s.out[k].end <= span.end) found.push(k);
    }
  }
  return found.sort((a, b) => a - b).map((k) => s.out[k]);
}

/** Rule 1, cue … complementizer: «ο Χ δήλωσε ότι …», "X said on Thursday that …". */
function afterComplementizer(s: State, cue: CueMatch, comp: number, [sentStart, sentEnd]: [number, number]): void {
  const { v, lex, o } = s;
  // "Asked whether …, the spokesman said": a question put to the subject by someone unnamed, not the subject's words
  if (cue.entry.question && cue.first === sentStart) return;
  // a reported question keeps its interrogative (αναρωτήθηκε πώς …); a complementizer is left out
  const from = cue.entry.question && lex.interrogatives.has(v.fold[comp]) ? comp : comp + 1;
  const { end, next } = clauseEnd(s, from, sentEnd);
  const span = contentSpan(s, from, end);
  if (!span || wordCount(v, from, end) < o.minClauseWords) return;
  // δήλωσε σήμερα ο υπουργός ότι …; where a subject after the cue must end the sentence, a phrase here is the object (urged the company to …)
  const after = comp > cue.last && !cue.entry.inversionAtEnd && !cue.entry.impersonal ? parsePhrase(v, lex, skipAdverbs(s, cue.last, comp), { subject: true, limit: comp }) : null;
  const phrase = (after && !cue.entry.objectAfter ? after : null) ?? coordinated(s, cue, sentStart) ?? subjectBefore(s, cue, sentStart) ?? (cue.entry.impersonal ? null : next);
  const chain = chainIn(s, sentStart, cue.first);
  chainIn(s, end, sentEnd, chain);
  chain.via ??= addressee(s, cue, cue.last, comp) ?? s.frontedVia.get(sentStart) ?? null;
  pushIndirect(s, span, cue, phrase, chain);
}

/**
 * The content before a reporting frame, as a quote — or, when the content
 * already holds quotes, the frame's speaker becomes their `via` (", Reuters reports").
 */
function contentFirst(s: State, span: Span, cue: CueMatch, speaker: SpeakerPhrase, chain: Chain): void {
  claim(s, cue.first, cue.last);
  const inner = framed(s, span);
  if (!inner.length) pushIndirect(s, span, cue, speaker, chain);
  else if (!speaker.pronoun) for (const q of inner) q.via ??= label(s, speaker);
}

/** Rule 2, content first with the subject after the cue: «…πιέσεις, δήλωσε σήμερα ο Ρώσος υφυπουργός …». */
function contentBeforeInverted(s: State, cue: CueMatch, start: number, sentEnd: number): boolean {
  const { v, o } = s;
  const inverted = !cue.entry.inversionAtEnd || v.text[cue.first - 1] === ",";
  const after = inverted ? subjectAfter(s, cue, sentEnd) : null;
  if (!after || after.pronoun || wordCount(v, start, cue.first) < o.minClauseWords + 1 || !hasVerb(s, start, cue.first)) return false;
  const span = contentSpan(s, start, cue.first);
  if (!span) return true;
  const chain = chainIn(s, after.end, sentEnd);
  chain.via ??= addressee(s, cue, after.end, sentEnd);
  contentFirst(s, span, cue, after, chain);
  return true;
}

/** Rule 3, content first with the subject before the cue at the sentence's end: «…, Xinhua reports.» */
function contentBeforeTail(s: State, cue: CueMatch, before: SpeakerPhrase, start: number, sentEnd: number): boolean {
  const { v, o } = s;
  if (before.end !== cue.first || v.text[before.start - 1] !== ",") return false;
  // "…, a senior official told Politico.": who was told may end the frame, as the channel
  const told = cue.entry.objectAfter ? parsePhrase(v, s.lex, cue.last, { subject: false, limit: sentEnd }) : null;
  const rest = skipAdverbs(s, told && !told.pronoun ? told.end : cue.last, sentEnd);
  const tail = rest >= sentEnd - 1 || v.text[rest] === "," || v.text[rest] === ".";
  const span = tail ? contentSpan(s, start, before.start - 1) : null;
  if (!span || wordCount(v, start, before.start) < o.minClauseWords + 1) return false;
  const chain = chainIn(s, rest, sentEnd);
  chain.via ??= addressee(s, cue, cue.last, rest);
  contentFirst(s, span, cue, before, chain);
  return true;
}

/** Is token i a pronoun the tagger reads as the subject of the verb right after it ("saying it would help", not "said it in a statement")? False without POS tags. */
function subjectOfVerb(s: State, i: number): boolean {
  const { pos } = s.v;
  return pos !== null && pos[i] === PRONOUN && i + 1 < s.v.n && VERB_TAGS.has(pos[i + 1]);
}

/** Rule 4, a bare clause where the verb and its language allow one: "Erdogan says he will not …", "…, saying it would help". */
function bareClause(s: State, cue: CueMatch, before: SpeakerPhrase, sentEnd: number): void {
  const { v, lex, o } = s;
  if (!cue.entry.bareClause || cue.entry.objectAfter || (before.end !== cue.first && v.text[cue.first - 1] !== ",")) return;
  const from = skipAdverbs(s, cue.last, sentEnd);
  // not "added 200 jobs", "said in a statement"
  const starts = from < sentEnd && isWordOrNumber(v, from) && v.kind[from] !== TokenKind.Number && (!lex.clauseBlockers.has(v.fold[from]) || subjectOfVerb(s, from));
  if (!starts || matchCue(v, lex, from)) return;
  const { end } = clauseEnd(s, from, sentEnd);
  const span = contentSpan(s, from, end);
  if (span && wordCount(v, from, end) >= o.minClauseWords + 1 && hasVerb(s, from, end)) pushIndirect(s, span, cue, before, chainIn(s, end, sentEnd));
}

/** Rule 5, what was said as a noun phrase after the cue: «η οποία έκανε λόγο για ελλείψεις», "predicting growth of 3 percent". */
function nominalContent(s: State, cue: CueMatch, [sentStart, sentEnd]: [number, number]): boolean {
  const { v, lex, o } = s;
  const from = skipAdverbs(s, cue.last, sentEnd);
  if (from >= sentEnd || !isWordOrNumber(v, from) || s.quoted[from]) return false;
  const { end } = clauseEnd(s, from, sentEnd);
  const span = contentSpan(s, from, end);
  if (!span || wordCount(v, from, end) < o.minClauseWords) return false;
  pushIndirect(s, span, cue, subjectBefore(s, cue, sentStart) ?? (lex.conjunctions.has(v.fold[cue.first - 1]) ? coordinated(s, cue, sentStart) : null), chainIn(s, end, sentEnd));
  return true;
}

/**
 * Rule 6, a bare reporting clause set off by commas inside what was said:
 * «Αυτή, είπε, είναι η αποστολή της πολιτικής …», "This, he said, is …". The
 * whole clause is the content, the cue inside it; the speaker is the one the
 * pronoun or the missing subject stands for.
 */
function parenthetical(s: State, cue: CueMatch, start: number, [sentStart, sentEnd]: [number, number]): boolean {
  const { v, o } = s;
  const close = skipAdverbs(s, cue.last, sentEnd);
  if (v.text[close] !== ",") return false;
  const before = v.text[cue.first - 1] === "," ? null : subjectBefore(s, cue, sentStart);
  if (before && (!before.pronoun || before.end !== cue.first)) return false;
  const open = before ? before.start - 1 : cue.first - 1;
  if (open <= start || v.text[open] !== ",") return false;
  const { end } = clauseEnd(s, close + 1, sentEnd);
  if (wordCount(v, start, open) + wordCount(v, close + 1, end) < o.minClauseWords + 1 || !hasVerb(s, close + 1, end)) return false;
  const span = contentSpan(s, start, end);
  if (!span) return false;
  pushIndirect(s, span, cue, before, chainIn(s, end, sentEnd));
  return true;
}

/** Reported speech around every cue not used yet, by the first rule that applies. */
export function detectIndirect(s: State): void {
  const { v, lex } = s;
  const stops = afterStops(s);
  for (let i = 0; i < v.n; i++) {
    // a cue inside a reported clause is part of its content (denied that the president said that …)
    if (s.quoted[i] || s.claimed[i] || s.reported[i]) continue;
    const cue = matchCue(v, lex, i);
    if (!cue || cue.head !== i) continue;
    const sentence = sentenceBounds(v, i);
    const [sentStart, sentEnd] = sentence;
    const comp = complementizerAfter(s, cue, sentEnd);
    if (comp >= 0) {
      afterComplementizer(s, cue, comp, sentence);
      continue;
    }
    if (cue.entry.nominal && nominalContent(s, cue, sentence)) continue;
    const start = contentStartBefore(stops, sentStart, cue.first);
    if (parenthetical(s, cue, start, sentence) || contentBeforeInverted(s, cue, start, sentEnd)) continue;
    const before = subjectBefore(s, cue, sentStart);
    if (!before) continue;
    if (!contentBeforeTail(s, cue, before, start, sentEnd)) bareClause(s, cue, before, sentEnd);
  }
}

/**
 * «… δήλωσε ότι «…» και ότι η χώρα «…»»: after a direct quotation that was a
 * cue's whole complement, a second complement joined to it is reported by the
 * same cue and speaker (one wholly in quote marks is already a direct one).
 */
export function detectSecondComplements(s: State): void {
  const { v, lex, o } = s;
  for (const q of [...s.out]) {
    if (q.kind !== "direct" || !q.cue) continue;
    const open = tokenAtOrAfter(v, q.start) - 1;
    const close = tokenAtOrAfter(v, q.end);
    const comp = close + 2;
    if (open < 1 || !lex.complementizers.has(v.fold[open - 1]) || !isQuoteMark(v, close) || !lex.conjunctions.has(v.fold[close + 1]) || !lex.complementizers.has(v.fold[comp])) continue;
    if (s.quoted[comp + 1] || s.reported[comp + 1]) continue;
    const [, sentEnd] = sentenceBounds(v, comp);
    const { end } = clauseEnd(s, comp + 1, sentEnd);
    const span = contentSpan(s, comp + 1, end);
    if (span && wordCount(v, comp + 1, end) >= o.minClauseWords) pushIndirect(s, span, q.cue, q.phrase, { via: q.via, citing: q.citing });
  }
}

/** «Όπως ανέφερε ο μετεωρολόγος Χ, τα φαινόμενα θα …», "As Smith said, …": a source marker and a cue open the sentence. */
export function detectFrontedSources(s: State): void {
  const { v, lex, o } = s;
  for (const [sentStart, sentEnd] of v.sentenceTokens) {
    if (sentStart >= sentEnd || s.quoted[sentStart]) continue;
    if (!isWordOrNumber(v, sentStart) || !lex.sourceMarkers.has(v.fold[sentStart])) continue;
    let cue = matchCue(v, lex, sentStart + 1);
    let phrase: SpeakerPhrase | null = null;
    let sourceEnd = sentStart;
    if (cue?.entry.impersonal) {
      // Όπως τονίζεται στην ανακοίνωση, …: no subject; a short phrase may say where
      sourceEnd = cue.last;
      while (sourceEnd < Math.min(sentEnd, cue.last + MAX_IMPERSONAL_TAIL) && v.text[sourceEnd] !== "," && isWordOrNumber(v, sourceEnd)) sourceEnd++;
    } else if (cue) {
      phrase = parsePhrase(v, lex, skipAdverbs(s, cue.last, sentEnd), { subject: true, limit: sentEnd });
      sourceEnd = phrase ? phrase.end : sourceEnd;
    } else {
      phrase = parsePhrase(v, lex, sentStart + 1, { subject: true, limit: sentEnd });
      cue = phrase ? matchCue(v, lex, phrase.end) : null;
      sourceEnd = cue ? cue.last : sourceEnd;
    }
    if (!cue || (!phrase && !cue.entry.impersonal) || phrase?.pronoun || v.text[sourceEnd] !== ",") continue;
    const { end } = clauseEnd(s, sourceEnd + 1, sentEnd);
    const span = contentSpan(s, sourceEnd + 1, end);
    if (span && wordCount(v, sourceEnd + 1, end) >= o.minClauseWords) pushIndirect(s, span, cue, phrase, { via: null, citing: null });
  }
}
