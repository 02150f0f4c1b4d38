// The quotation rules' view of a document: the shared word view's columns
// (text, fold and search key, capitals, sentence and block of each token) with
// what only these rules read (POS tags, words in a foreign script, how often a
// key is capitalised); plus the phrase matcher over folded tokens.
import { TokenKind, blocks, firstTokenAt, tokenRange, type Doc, type Span } from "../../doc/doc.js";
import { getLang } from "../../lang/lang.js";
import { kindTable, wordView } from "../../text/words.js";
import type { CueMatch, PhraseIndex, QuoteLexicon } from "./lexicon.js";

/** 1 for words, abbreviations and numbers, by kind code: a count over every token reads an array. */
const IS_WORD_OR_NUMBER = kindTable([TokenKind.Word, TokenKind.Abbreviation, TokenKind.Number]);
const LETTER = /\p{L}/u;
const CASE = "Case";
const GENITIVE = "Gen";
/** Mention types that may name a speaker (a place as its government: η Άγκυρα δήλωσε). */
const NAME_MENTIONS = new Set(["PER", "ORG", "LOC"]);
/** Parts of speech no name is (a capitalised «Ολοκληρώνοντας», «Τελικά», "Finally" opens a sentence, not a name). */
const COMMON_NOUN = "NOUN";
const NOT_NAME_POS = new Set(["VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "DET", "NUM", "INTJ", "SYM", "PUNCT"]);
/**
 * Farthest the rules reach from a token inside its sentence, in tokens each
 * way: written sentences are far shorter, and a page without full stops then
 * costs each cue and quote a bounded scan, not one of the whole page.
 */
export const MAX_SENTENCE_REACH = 512;

export interface DocView {
  doc: Doc;
  n: number;
  start: Uint32Array;
  end: Uint32Array;
  kind: Uint8Array;
  text: string[];
  fold: string[];
  key: string[];
  /** Word that starts with a capital letter. */
  cap: Uint8Array;
  /** Sentence index of each token (-1 outside sentences). */
  sentence: Int32Array;
  sentences: Span[];
  /** Token index bounds [first, last) of each sentence. */
  sentenceTokens: [number, number][];
  /** Blocks (headline, paragraphs) in text order. */
  blocks: Span[];
  block: Int32Array;
  /** POS tags by token when the taggers ran, else null. */
  pos: string[] | null;
  /** Morphological features by token (UD, "_" for none) when the taggers ran, else null. */
  feats: string[] | null;
  /** The type of the named-entity mention each token is in ("" outside one) when the recogniser ran, else null. */
  mentionType: string[] | null;
  /** How often each search key occurs capitalised: surnames recur. */
  capKeys: Map<string, number>;
  /** Words and numbers before each token (n + 1 entries): counts over spans. */
  wordsBefore: Uint32Array;
  /** Words written in another script than the document's language (an English sentence in a Greek article). */
  foreign: Uint8Array;
  /** matchCue's answers by token for one lexicon, filled as the rules ask (state.ts): the rules ask about the same tokens again and again. */
  cues: { lex: QuoteLexicon; at: (CueMatch | null | undefined)[] } | null;
}

/** Does a token of [first, last) lie in the mention of a person, an organisation or a place? True when the recogniser did not run. */
export function namedByTagger(v: DocView, first: number, last: number): boolean {
  if (!v.mentionType) return true;
  for (let i = first; i < last; i++) if (NAME_MENTIONS.has(v.mentionType[i])) return true;
  return false;
}

/** Does token i open its sentence (no word or number before it in the sentence)? */
function opensSentence(v: DocView, i: number): boolean {
  const bounds = v.sentenceTokens[v.sentence[i]];
  if (!bounds) return false;
  for (let j = bounds[0]; j < i; j++) if (isWordOrNumber(v, j)) return false;
  return true;
}

/**
 * Is token i a word no name is, outside every name the recogniser found: a
 * part of speech names never have, or a common noun capitalised only because
 * it opens its sentence («Δευτέρα δήλωσε …», «Απόφαση …»)? False without the POS tagger.
 */
export function notAName(v: DocView, i: number): boolean {
  if (v.pos === null || (v.mentionType && NAME_MENTIONS.has(v.mentionType[i]))) return false;
  return NOT_NAME_POS.has(v.pos[i]) || (v.pos[i] === COMMON_NOUN && opensSentence(v, i));
}

/** The value of a morphological feature of token i (Case → "Gen"), or "" when unknown. */
export function featureOf(v: DocView, i: number, name: string): string {
  const f = v.feats && i >= 0 && i < v.n ? v.feats[i] : undefined;
  if (!f) return "";
  const at = f.indexOf(`${name}=`);
  if (at < 0 || (at > 0 && f[at - 1] !== "|")) return "";
  const end = f.indexOf("|", at);
  return f.slice(at + name.length + 1, end < 0 ? f.length : end);
}

/**
 * A conjunction inside a name between two capitalised words in the genitive
 * (Ένωση Δικαστών και Εισαγγελέων): the taggers' case decides; never without them.
 */
export function joinsName(v: DocView, conjunctions: Set<string>, i: number): boolean {
  if (!conjunctions.has(v.fold[i]) || !v.cap[i - 1] || !v.cap[i + 1]) return false;
  const before = featureOf(v, i - 1, CASE);
  return before === GENITIVE && featureOf(v, i + 1, CASE) === GENITIVE;
}

/** Is token i a word, abbreviation or number? */
export function isWordOrNumber(v: DocView, i: number): boolean {
  return i >= 0 && i < v.n && IS_WORD_OR_NUMBER[v.kind[i]] === 1;
}

export function isQuoteMark(v: DocView, i: number): boolean {
  return i >= 0 && i < v.n && v.kind[i] === TokenKind.Quote;
}

/** Index of the first token starting at or after `offset`. */
export function tokenAtOrAfter(v: DocView, offset: number): number {
  return firstTokenAt(v.doc.layers.tokens, offset);
}

/** A letter of each script, compiled once. */
const scriptLetters = new Map<string, RegExp>();

function scriptLetter(script: string): RegExp {
  let re = scriptLetters.get(script);
  if (!re) scriptLetters.set(script, (re = new RegExp(`\\p{Script=${script}}`, "u")));
  return re;
}

export function makeView(doc: Doc): DocView {
  const t = doc.layers.tokens;
  const w = wordView(doc);
  const { n, text, key, cap } = w;
  // Only the taggers' tags are trusted by script: without them no word is foreign.
  const script = t.pos ? getLang(doc.lang).script : "";
  const native = script ? scriptLetter(script) : null;
  const foreign = new Uint8Array(n);
  if (native) for (let i = 0; i < n; i++) if (t.kind[i] === TokenKind.Word && !native.test(text[i]) && LETTER.test(text[i])) foreign[i] = 1;
  const wordsBefore = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) wordsBefore[i + 1] = wordsBefore[i] + IS_WORD_OR_NUMBER[t.kind[i]];
  const capKeys = new Map<string, number>();
  for (let i = 0; i < n; i++) if (cap[i]) capKeys.set(key[i], (capKeys.get(key[i]) ?? 0) + 1);
  let pos: string[] | null = null;
  if (t.pos && t.posTags) {
    pos = new Array(n);
    for (let i = 0; i < n; i++) pos[i] = t.posTags[t.pos[i]];
  }
  let mentionType: string[] | null = null;
  if (doc.layers.mentions) {
    mentionType = new Array<string>(n).fill("");
    for (const m of doc.layers.mentions) {
      const [a, b] = tokenRange(t, m);
      for (let i = a; i < b; i++) mentionType[i] = m.type;
    }
  }
  return {
    doc, n, start: t.start, end: t.end, kind: t.kind, text, fold: w.fold, key, cap,
    sentence: w.sentence, sentences: doc.layers.sentences, sentenceTokens: w.sentenceTokens,
    blocks: blocks(doc), block: w.block, pos, feats: t.feats ?? null, mentionType, capKeys, wordsBefore, foreign, cues: null,
  };
}

/** Does the folded phrase occur at token i? Returns its length in tokens, or 0. */
export function phraseAt(v: DocView, i: number, phrase: string[]): number {
  if (i + phrase.length > v.n) return 0;
  for (let k = 0; k < phrase.length; k++) if (v.fold[i + k] !== phrase[k]) return 0;
  return phrase.length;
}

/** The longest of the indexed phrases at token i: its length, or 0. */
export function anyPhraseAt(v: DocView, i: number, phrases: PhraseIndex): number {
  const list = i < v.n ? phrases.get(v.fold[i]) : undefined;
  if (!list) return 0;
  for (const p of list) {
    const len = phraseAt(v, i, p);
    if (len) return len;
  }
  return 0;
}

/**
 * Token bounds [first, last) of the sentence holding token i, cut to
 * MAX_SENTENCE_REACH tokens on each side of i (or [i, i + 1] outside sentences).
 */
export function sentenceBounds(v: DocView, i: number): [number, number] {
  const s = i >= 0 && i < v.n ? v.sentence[i] : -1;
  if (s < 0) return [i, i + 1];
  const bounds = v.sentenceTokens[s];
  if (bounds[0] >= i - MAX_SENTENCE_REACH && bounds[1] <= i + MAX_SENTENCE_REACH + 1) return bounds;
  return [Math.max(bounds[0], i - MAX_SENTENCE_REACH), Math.min(bounds[1], i + MAX_SENTENCE_REACH + 1)];
}

/** Text of the tokens [first, last). */
export function tokensText(v: DocView, first: number, last: number): string {
  return last > first ? v.doc.text.slice(v.start[first], v.end[last - 1]) : "";
}
