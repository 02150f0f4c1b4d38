// Reported content attributed by a phrase instead of a speech verb: a fronted
// source («Σύμφωνα με τον Χ, …», "According to X, …"), a trailing one ("…,
// according to US officials.", «…, όπως αναφέρουν πηγές του.») and a relative
// one («πληροφορίες σύμφωνα με τις οποίες …»). A trailing source is the
// speaker only when the content has none of its own (otherwise it is the
// quote's channel, set by the rules that found it); so is a fronted one before
// a report with its own subject and speech verb (frontedVia).
import type { CueEntry, CueMatch } from "./lexicon.js";
import { isFunctionWord, parsePhrase, type SpeakerPhrase } from "./phrase.js";
import { clauseEnd, contentSpan, hasVerb, pushIndirect } from "./reported.js";
import { CLAUSE_END, complementizerAfter, label, matchCue, skipAdverbs, type State, wordCount } from "./state.js";
import { anyPhraseAt, isQuoteMark, isWordOrNumber } from "./view.js";

/** POS tags of the noun before a relative attribution (πληροφορίες σύμφωνα με τις οποίες), and of the adjectives before it. */
const NOUN_TAGS = new Set(["NOUN", "PROPN"]);
const ADJECTIVE = "ADJ";
const PERSON = "PER";
/** Most words of that noun phrase. */
const MAX_NOUN_RUN = 3;
const NO_CHAIN = { via: null, citing: null };
/** Most words qualifying a trailing source after its head (US officials briefed on the matter). */
const MAX_SOURCE_TAIL = 8;

/** The attribution phrase at token i as a cue (σύμφωνα με, according to): its stance is a report. */
function attributionCue(s: State, i: number, len: number): CueMatch {
  const words = s.v.fold.slice(i, i + len);
  const entry: CueEntry = {
    words, lemma: words.join(" "), stance: "report", polarity: "positive",
    addressee: false, infinitival: false, objectAfter: false, question: false, impersonal: false, nominal: false, bareClause: false, subjectGap: 0, inversionAtEnd: false, subjectFirst: false,
  };
  return { first: i, head: i, last: i + len, entry, negated: false };
}

/** Length of an attribution phrase at token i (σύμφωνα με), or of a source-marked channel phrase (όπως αναφέρουν) when `channels`. */
function attributionAt(s: State, i: number, channels: boolean): number {
  const { v, lex } = s;
  const len = anyPhraseAt(v, i, lex.attribution);
  if (len || !channels || !lex.sourceMarkers.has(v.fold[i])) return len;
  return anyPhraseAt(v, i, lex.via);
}

/** Is the token range free of quotes, reported clauses and cues found so far? */
function untouched(s: State, first: number, last: number): boolean {
  for (let k = first; k < last; k++) if (s.quoted[k] || s.reported[k] || s.claimed[k]) return false;
  return true;
}

/** Does the phrase name or describe people: a role, a description (πηγές, officials), or a name the taggers found to be a person's? */
function person(s: State, p: SpeakerPhrase): boolean {
  if (p.role || !p.name) return true;
  const start = s.v.start[p.name[0]];
  const end = s.v.end[p.name[1] - 1];
  return (s.v.doc.layers.mentions ?? []).some((m) => m.type === PERSON && m.start < end && start < m.end);
}

function push(s: State, first: number, end: number, cue: CueMatch, phrase: SpeakerPhrase): void {
  const span = contentSpan(s, first, end);
  if (!span || wordCount(s.v, first, end) < s.o.minClauseWords || !untouched(s, first, end)) return;
  pushIndirect(s, span, cue, phrase, NO_CHAIN);
  if (!person(s, phrase)) s.out[s.out.length - 1].channel = true;
}

/** The noun (with its adjectives) that ends right before token `end`, by the taggers' tags (one word without them). */
function nounBefore(s: State, end: number, sentStart: number): SpeakerPhrase | null {
  const { v, lex } = s;
  const word = (i: number) => i >= sentStart && isWordOrNumber(v, i) && !isFunctionWord(lex, v.fold[i]);
  if (!word(end - 1) || (v.pos && !NOUN_TAGS.has(v.pos[end - 1]))) return null;
  let i = end - 1;
  while (v.pos && end - i < MAX_NOUN_RUN && word(i - 1) && v.pos[i - 1] === ADJECTIVE) i--;
  return { start: i, end, pronoun: false, name: null, role: null, described: true };
}

/**
 * The source after an attribution phrase, up to the comma that ends it: a
 * speaker phrase, or any noun phrase that opens with a determiner or a
 * capital (the fire service, a news release).
 */
function sourceBeforeComma(s: State, i: number, sentEnd: number): SpeakerPhrase | null {
  const p = parsePhrase(s.v, s.lex, i, { subject: false, limit: sentEnd });
  if (p && !p.pronoun && s.v.text[p.end] === ",") return p;
  const np = nounPhrase(s, i, sentEnd);
  return np && s.v.text[np.end] === "," ? np : null;
}

/** Any noun phrase at token i that opens with a determiner or a capital (the fire service, a news portal), as a described source. */
function nounPhrase(s: State, i: number, sentEnd: number): SpeakerPhrase | null {
  const { v, lex } = s;
  if (!isWordOrNumber(v, i) || !(lex.determiners.has(v.fold[i]) || v.cap[i]) || lex.pronouns.has(v.fold[i])) return null;
  let end = i + 1;
  while (end < sentEnd && end - i <= MAX_SOURCE_TAIL && isWordOrNumber(v, end) && !isFunctionWord(lex, v.fold[end])) end++;
  return end > i + (lex.determiners.has(v.fold[i]) ? 1 : 0) ? { start: i, end, pronoun: false, name: null, role: null, described: true } : null;
}

/** «Σύμφωνα με τον Χ, …» / "According to X, …": the phrase opens the sentence, a comma ends the source. */
function fronted(s: State, sentStart: number, sentEnd: number): void {
  const { v, lex } = s;
  const len = anyPhraseAt(v, sentStart, lex.attribution);
  const p = len ? sourceBeforeComma(s, sentStart + len, sentEnd) : null;
  if (!p) return;
  const from = p.end + 1;
  // «Σύμφωνα με το Reuters, ο υπουργός ανέφερε ότι …»: a report of its own follows; the source is its channel
  const subject = parsePhrase(v, lex, from, { subject: true, limit: sentEnd });
  const cue = subject && !subject.pronoun ? matchCue(v, lex, skipAdverbs(s, subject.end, sentEnd)) : null;
  if (cue && complementizerAfter(s, cue, sentEnd) >= 0) {
    s.frontedVia.set(sentStart, label(s, p));
    return;
  }
  push(s, from, clauseEnd(s, from, sentEnd).end, attributionCue(s, sentStart, len), p);
}

/** «πληροφορίες σύμφωνα με τις οποίες …»: the noun before the phrase is the source of the relative clause. */
function relative(s: State, i: number, len: number, [sentStart, sentEnd]: [number, number]): void {
  const { v, lex } = s;
  let j = i + len;
  if (isWordOrNumber(v, j) && lex.determiners.has(v.fold[j])) j++;
  if (!isWordOrNumber(v, j) || !lex.relatives.has(v.fold[j])) return;
  const source = nounBefore(s, i, sentStart);
  if (source) push(s, j + 1, clauseEnd(s, j + 1, sentEnd).end, attributionCue(s, i, len), source);
}

/** Attributions that open a sentence or a relative clause; run before the speech verbs so that a cue inside them stays part of their content. */
export function detectFrontedAttributions(s: State): void {
  const { v, lex } = s;
  for (const bounds of v.sentenceTokens) {
    const [sentStart, sentEnd] = bounds;
    if (sentStart >= sentEnd || s.quoted[sentStart]) continue;
    fronted(s, sentStart, sentEnd);
    for (let i = sentStart + 1; i < sentEnd; i++) {
      const len = s.quoted[i] ? 0 : anyPhraseAt(v, i, lex.attribution);
      if (len) relative(s, i, len, bounds);
    }
  }
}

/**
 * The source phrase from token i to the end of its clause: a name, or a
 * description with what qualifies it (US officials briefed on the matter).
 */
function trailingSource(s: State, i: number, sentEnd: number): SpeakerPhrase | null {
  const { v, lex } = s;
  const p = parsePhrase(v, lex, i, { subject: false, limit: sentEnd }) ?? nounPhrase(s, i, sentEnd);
  if (!p || p.pronoun) return null;
  let end = p.end;
  while (end < sentEnd && end - p.end <= MAX_SOURCE_TAIL && !CLAUSE_END.has(v.text[end]) && !isQuoteMark(v, end)) end++;
  if (end < sentEnd && !CLAUSE_END.has(v.text[end])) return null;
  return p.name || end === p.end ? p : { ...p, end, described: true, role: null };
}

/**
 * "…, according to US officials." / «…, όπως αναφέρουν πηγές του, …»: the
 * source phrase ends the clause and the content before it has no speaker of
 * its own; run after the speech verbs.
 */
export function detectTrailingAttributions(s: State): void {
  const { v } = s;
  for (const [sentStart, sentEnd] of v.sentenceTokens) {
    let from = sentStart;
    for (let i = sentStart + 1; i < sentEnd; i++) {
      if (v.text[i] === ":" || s.quoted[i]) from = i + 1;
      const len = v.text[i - 1] === "," ? attributionAt(s, i, true) : 0;
      if (!len) continue;
      const source = trailingSource(s, i + len, sentEnd);
      if (source && wordCount(v, from, i) > s.o.minClauseWords && hasVerb(s, from, i - 1)) push(s, from, i - 1, attributionCue(s, i, len), source);
      from = i + len;
    }
  }
}
