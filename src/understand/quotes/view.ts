// A word-level view of a document for the quotation rules: each token's text,
// fold and search key, whether it is capitalised, and which sentence and block
// it belongs to; plus the phrase matcher over folded tokens.
import { TokenKind, firstTokenAt, type Doc, type Span } from "../../doc/doc.js";
import { getLang } from "../../lang/lang.js";
import { foldWord } from "../../text/normalize.js";
import { searchKey } from "../../text/stem.js";
import type { PhraseIndex } from "./lexicon.js";

const WORD_KINDS = new Set<number>([TokenKind.Word, TokenKind.Abbreviation, TokenKind.Number]);
const FOLD_CACHE_LIMIT = 100_000;
const LETTER = /\p{L}/u;
const foldCache = new Map<string, string>();

function cachedFold(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    f = foldWord(word);
    foldCache.set(word, f);
  }
  return f;
}

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
  /** How often each search key occurs capitalised: surnames recur. */
  capKeys: Map<string, number>;
  /** Words written in another script than the document's language (an English sentence in a Greek article). */
  foreign: Uint8Array;
}

export function isWord(v: DocView, i: number): boolean {
  return i >= 0 && i < v.n && WORD_KINDS.has(v.kind[i]);
}

export function isQuoteMark(v: DocView, i: number): boolean {
  return i >= 0 && i < v.n && v.kind[i] === TokenKind.Quote;
}

/** Index of the first token starting at or after `offset`. */
export function tokenAtOrAfter(v: DocView, offset: number): number {
  return firstTokenAt(v.doc.layers.tokens, offset);
}

function spanIndex(spans: Span[], n: number, start: Uint32Array): Int32Array {
  const out = new Int32Array(n).fill(-1);
  let s = 0;
  for (let i = 0; i < n; i++) {
    while (s < spans.length && spans[s].end <= start[i]) s++;
    if (s < spans.length && spans[s].start <= start[i]) out[i] = s;
  }
  return out;
}

export function makeView(doc: Doc): DocView {
  const t = doc.layers.tokens;
  const n = t.length;
  const text: string[] = new Array(n);
  const fold: string[] = new Array(n);
  const key: string[] = new Array(n);
  const cap = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = doc.text.slice(t.start[i], t.end[i]);
    text[i] = s;
    fold[i] = cachedFold(s);
    key[i] = WORD_KINDS.has(t.kind[i]) ? searchKey(s) : s;
    const first = s[0];
    cap[i] = WORD_KINDS.has(t.kind[i]) && first !== first.toLowerCase() ? 1 : 0;
  }
  // Only the taggers' tags are trusted by script: without them no word is foreign.
  const script = t.pos ? getLang(doc.lang).script : "";
  const native = script ? new RegExp(`\\p{Script=${script}}`, "u") : null;
  const foreign = new Uint8Array(n);
  if (native) for (let i = 0; i < n; i++) if (t.kind[i] === TokenKind.Word && LETTER.test(text[i]) && !native.test(text[i])) foreign[i] = 1;
  const capKeys = new Map<string, number>();
  for (let i = 0; i < n; i++) if (cap[i]) capKeys.set(key[i], (capKeys.get(key[i]) ?? 0) + 1);
  const sentences = doc.layers.sentences;
  const sentence = spanIndex(sentences, n, t.start);
  const sentenceTokens: [number, number][] = sentences.map(() => [n, 0]);
  for (let i = 0; i < n; i++) {
    const s = sentence[i];
    if (s < 0) continue;
    const r = sentenceTokens[s];
    if (i < r[0]) r[0] = i;
    if (i + 1 > r[1]) r[1] = i + 1;
  }
  const blocks = doc.meta.title ? [doc.meta.title, ...doc.layers.paragraphs] : [...doc.layers.paragraphs];
  let pos: string[] | null = null;
  if (t.pos && t.posTags) {
    pos = new Array(n);
    for (let i = 0; i < n; i++) pos[i] = t.posTags[t.pos[i]];
  }
  return { doc, n, start: t.start, end: t.end, kind: t.kind, text, fold, key, cap, sentence, sentences, sentenceTokens, blocks, block: spanIndex(blocks, n, t.start), pos, capKeys, foreign };
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

/** Token bounds [first, last) of the sentence holding token i (or of its block). */
export function sentenceBounds(v: DocView, i: number): [number, number] {
  const s = v.sentence[i];
  if (s >= 0) return v.sentenceTokens[s];
  return [i, i + 1];
}

/** Text of the tokens [first, last). */
export function tokensText(v: DocView, first: number, last: number): string {
  return last > first ? v.doc.text.slice(v.start[first], v.end[last - 1]) : "";
}
