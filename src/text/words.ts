// The word view of a document: per token its text, fold key, search key,
// whether it is a word and capitalised, and the sentence and block (headline
// or paragraph) it belongs to. Built once per document and cached; each column
// is made on first use, so the sentence splitter can read the text before
// there are sentences, and the sentence columns follow the sentence layer.
import { TokenKind, blocks, type Doc, type Span, type TokenColumns } from "../doc/doc.js";
import { foldWord } from "./normalize.js";
import { searchKey } from "./stem.js";
import { matchedTexts } from "./tokenize.js";

/** 1 for each listed kind, by kind code: read once per token, an array beats a set. */
export function kindTable(kinds: number[]): Uint8Array {
  const table = new Uint8Array(Math.max(...Object.values(TokenKind)) + 1);
  for (const k of kinds) table[k] = 1;
  return table;
}

/** Kinds that are words: what names, triggers and cue words are made of. */
const WORD_KINDS = kindTable([TokenKind.Word, TokenKind.Abbreviation]);
/** Kinds whose search key is stemmed, and which may be capitalised. */
const KEYED_KINDS = kindTable([TokenKind.Word, TokenKind.Abbreviation, TokenKind.Number]);
const FORMS_CACHE_LIMIT = 100_000;
/** A token's fold, and its search key once it has been asked for as a word or number. */
interface Forms {
  fold: string;
  key: string | undefined;
}
/** Both forms of a token's text under one entry: a column of each costs one lookup per token. */
const formsCache = new Map<string, Forms>();
const ASCII_MAX = 0x7f;
const SMALL_A = 0x61;
const SMALL_Z = 0x7a;
const CAPITAL_A = 0x41;
const CAPITAL_Z = 0x5a;
/** One ASCII character that is not a letter (punctuation, a digit): its own fold and key, no lookup needed. */
function isAsciiNonLetter(word: string): boolean {
  if (word.length !== 1) return false;
  const c = word.charCodeAt(0) | 0x20; // a capital's code as its small letter's
  return word.charCodeAt(0) <= ASCII_MAX && !(c >= SMALL_A && c <= SMALL_Z);
}

function formsOf(word: string, keyed: boolean): Forms {
  let f = formsCache.get(word);
  if (f === undefined) {
    if (formsCache.size >= FORMS_CACHE_LIMIT) formsCache.clear();
    f = { fold: foldWord(word), key: undefined };
    formsCache.set(word, f);
  }
  if (keyed) f.key ??= searchKey(word);
  return f;
}

/** Does the word start with a letter that has a small form (a capital)? ASCII is read by its code, the rest by lower-casing. */
function startsWithCapital(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c <= ASCII_MAX) return c >= CAPITAL_A && c <= CAPITAL_Z;
  const first = word[0];
  return first !== first.toLowerCase();
}

/** The text of each token: the tokenizer's strings when it made them in this process. */
export function tokenTexts(text: string, tokens: TokenColumns): string[] {
  const matched = matchedTexts(tokens);
  if (matched?.length === tokens.length) return matched as string[];
  const out: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = text.slice(tokens.start[i], tokens.end[i]);
  return out;
}

/** Index of the span holding each token's start (-1 for none); spans in text order. */
function spanIndex(spans: Span[], tokens: TokenColumns): Int32Array {
  const out = new Int32Array(tokens.length).fill(-1);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s < spans.length && spans[s].end <= tokens.start[i]) s++;
    if (s < spans.length && spans[s].start <= tokens.start[i]) out[i] = s;
  }
  return out;
}

interface SentenceColumns {
  of: Span[];
  sentence: Int32Array;
  sentenceTokens: [number, number][];
}

export class WordView {
  readonly n: number;
  private texts?: string[];
  private folds?: string[];
  private keys?: string[];
  private words?: Uint8Array;
  private caps?: Uint8Array;
  private blockIndex?: Int32Array;
  private sentenceColumns?: SentenceColumns;

  constructor(
    readonly doc: Doc,
    readonly tokens: TokenColumns,
  ) {
    this.n = tokens.length;
  }

  /** The text of each token. */
  get text(): string[] {
    return (this.texts ??= tokenTexts(this.doc.text, this.tokens));
  }

  /** The fold key of each token (foldWord: Latin look-alikes inside Greek words mapped). */
  get fold(): string[] {
    if (!this.folds) this.makeForms();
    return this.folds!;
  }

  /** The search key of each word or number; other tokens as written. */
  get key(): string[] {
    if (!this.keys) this.makeForms();
    return this.keys!;
  }

  /** Both columns in one pass, one cache lookup per token. */
  private makeForms(): void {
    const text = this.text;
    const folds: string[] = new Array(this.n);
    const keys: string[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const t = text[i];
      if (isAsciiNonLetter(t)) {
        folds[i] = keys[i] = t;
        continue;
      }
      const keyed = KEYED_KINDS[this.tokens.kind[i]] === 1;
      const f = formsOf(t, keyed);
      folds[i] = f.fold;
      keys[i] = keyed ? f.key! : t;
    }
    this.folds = folds;
    this.keys = keys;
  }

  /** 1 for a word or an abbreviation. */
  get isWord(): Uint8Array {
    if (!this.words) {
      this.words = new Uint8Array(this.n);
      for (let i = 0; i < this.n; i++) this.words[i] = WORD_KINDS[this.tokens.kind[i]];
    }
    return this.words;
  }

  /** 1 for a word, abbreviation or number whose first character is a capital. */
  get cap(): Uint8Array {
    if (!this.caps) {
      const text = this.text;
      this.caps = new Uint8Array(this.n);
      for (let i = 0; i < this.n; i++) this.caps[i] = KEYED_KINDS[this.tokens.kind[i]] === 1 && startsWithCapital(text[i]) ? 1 : 0;
    }
    return this.caps;
  }

  /** The block (headline, then paragraphs: `blocks(doc)`) of each token, -1 outside them. */
  get block(): Int32Array {
    return (this.blockIndex ??= spanIndex(blocks(this.doc), this.tokens));
  }

  /** The sentence index of each token, -1 outside sentences. */
  get sentence(): Int32Array {
    return this.sentencesNow().sentence;
  }

  /** Token bounds [first, last) of each sentence ([n, 0] for one without tokens). */
  get sentenceTokens(): [number, number][] {
    return this.sentencesNow().sentenceTokens;
  }

  private sentencesNow(): SentenceColumns {
    const sentences = this.doc.layers.sentences;
    if (this.sentenceColumns?.of !== sentences) {
      const sentence = spanIndex(sentences, this.tokens);
      const sentenceTokens: [number, number][] = sentences.map(() => [this.n, 0]);
      for (let i = 0; i < this.n; i++) {
        const s = sentence[i];
        if (s < 0) continue;
        const r = sentenceTokens[s];
        if (i < r[0]) r[0] = i;
        if (i + 1 > r[1]) r[1] = i + 1;
      }
      this.sentenceColumns = { of: sentences, sentence, sentenceTokens };
    }
    return this.sentenceColumns;
  }
}

const views = new WeakMap<Doc, WordView>();

/** The word view of a document, made once for its tokens. */
export function wordView(doc: Doc): WordView {
  let v = views.get(doc);
  if (!v || v.tokens !== doc.layers.tokens) {
    v = new WordView(doc, doc.layers.tokens);
    views.set(doc, v);
  }
  return v;
}
