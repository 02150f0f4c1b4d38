// The word view of a document: per token its text, fold key, search key,
// whether it is a word and capitalised, and the sentence and block (headline
// or paragraph) it belongs to. Built once per document and cached; each column
// is made on first use, so the sentence splitter can read the text before
// there are sentences, and the sentence columns follow the sentence layer.
import { TokenKind, blocks, type Doc, type Span, type TokenColumns } from "../doc/doc.js";
import { foldWord } from "./normalize.js";
import { searchKey } from "./stem.js";

/** Kinds that are words: what names, triggers and cue words are made of. */
const WORD_KINDS = new Set<number>([TokenKind.Word, TokenKind.Abbreviation]);
/** Kinds whose search key is stemmed, and which may be capitalised. */
const KEYED_KINDS = new Set<number>([TokenKind.Word, TokenKind.Abbreviation, TokenKind.Number]);
const FOLD_CACHE_LIMIT = 100_000;
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

/** The text of each token. */
export function tokenTexts(text: string, tokens: TokenColumns): string[] {
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
    if (!this.folds) {
      const text = this.text;
      this.folds = new Array(this.n);
      for (let i = 0; i < this.n; i++) this.folds[i] = cachedFold(text[i]);
    }
    return this.folds;
  }

  /** The search key of each word or number; other tokens as written. */
  get key(): string[] {
    if (!this.keys) {
      const text = this.text;
      this.keys = new Array(this.n);
      for (let i = 0; i < this.n; i++) this.keys[i] = KEYED_KINDS.has(this.tokens.kind[i]) ? searchKey(text[i]) : text[i];
    }
    return this.keys;
  }

  /** 1 for a word or an abbreviation. */
  get isWord(): Uint8Array {
    if (!this.words) {
      this.words = new Uint8Array(this.n);
      for (let i = 0; i < this.n; i++) this.words[i] = WORD_KINDS.has(this.tokens.kind[i]) ? 1 : 0;
    }
    return this.words;
  }

  /** 1 for a word, abbreviation or number whose first character is a capital. */
  get cap(): Uint8Array {
    if (!this.caps) {
      const text = this.text;
      this.caps = new Uint8Array(this.n);
      for (let i = 0; i < this.n; i++) {
        const first = text[i][0];
        this.caps[i] = KEYED_KINDS.has(this.tokens.kind[i]) && first !== first.toLowerCase() ? 1 : 0;
      }
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
