// Pipeline components of the taggers: POS + FEATS + lemma, and named entities.
// Each runs sentence by sentence over the token columns, for any document whose
// language has a model under models/ (loaded on first use); documents in other
// languages pass through untouched.
import type { Component } from "../doc/component.js";
import { NO_FEATS, NO_LEMMA, tokenRange, type Doc, type Mention, type TokenColumns } from "../doc/doc.js";
import { wordView } from "../text/words.js";
import { bioSpans } from "./ner.js";
import { nerTagger, posTagger } from "./runtime.js";

/** Entity types as the rest of the engine names them (elNER writes PERSON). */
const TYPE_ALIASES: Readonly<Record<string, string>> = { PERSON: "PER" };

export interface TaggerComponentOptions {
  /** Only tag documents in these languages (default: every language with a model). */
  langs?: readonly string[];
}

function wanted(options: TaggerComponentOptions, lang: string): boolean {
  return !options.langs || options.langs.includes(lang);
}


/** Token ranges [first, last) of the sentences, or of the whole text when there are none. */
function sentenceRanges(doc: Doc): [number, number][] {
  const t = doc.layers.tokens;
  if (!doc.layers.sentences.length) return t.length ? [[0, t.length]] : [];
  return doc.layers.sentences.map((s) => tokenRange(t, s)).filter(([a, b]) => b > a);
}

interface Sentences {
  tokens: TokenColumns;
  ranges: [number, number][];
  words: string[][];
}

/**
 * Each document's sentences as words, made once for both taggers from the word view's texts:
 * the same strings for every layer, so each word is hashed once by whichever lookup comes first.
 */
const sentencesOf = new WeakMap<Doc, Sentences>();

function docSentences(doc: Doc): Sentences {
  const cached = sentencesOf.get(doc);
  if (cached && cached.tokens === doc.layers.tokens) return cached;
  const ranges = sentenceRanges(doc);
  const text = wordView(doc).text;
  const out = { tokens: doc.layers.tokens, ranges, words: ranges.map(([first, last]) => text.slice(first, last)) };
  sentencesOf.set(doc, out);
  return out;
}

class Interner {
  readonly values: string[];
  private readonly index = new Map<string, number>();
  constructor(first?: string) {
    this.values = [];
    if (first !== undefined) this.id(first);
  }
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/**
 * UPOS into `tokens.pos`/`posTags`, lemmas into `tokens.lemma`/`lemmas`, and the
 * UD FEATS string of each token into `tokens.feats` ("_" = none).
 */
export function posComponent(options: TaggerComponentOptions = {}): Component {
  return {
    name: "pos",
    reads: ["tokens", "sentences"],
    writes: ["tokens.pos", "tokens.lemma", "tokens.feats"],
    run(doc: Doc) {
      if (!wanted(options, doc.lang)) return;
      const tagger = posTagger(doc.lang);
      if (!tagger) return;
      const t: TokenColumns = doc.layers.tokens;
      const pos = new Uint8Array(t.length);
      const lemma = new Uint32Array(t.length);
      const feats: string[] = new Array<string>(t.length).fill(NO_FEATS);
      const tags = new Interner();
      const lemmas = new Interner(NO_LEMMA);
      const { ranges, words } = docSentences(doc);
      ranges.forEach(([first, last], s) => {
        const out = tagger.tag(words[s]);
        for (let i = first; i < last; i++) {
          pos[i] = tags.id(out.upos[i - first]);
          lemma[i] = lemmas.id(out.lemmas[i - first]);
          feats[i] = out.feats[i - first];
        }
      });
      t.pos = pos;
      t.posTags = tags.values;
      t.lemma = lemma;
      t.lemmas = lemmas.values;
      t.feats = feats;
    },
  };
}

/**
 * Named-entity mentions into `layers.mentions`. When lemmas are there, a name's
 * words keep their capitals in the lemma (του Λευκού Οίκου → Λευκός Οίκος).
 */
export function nerComponent(options: TaggerComponentOptions = {}): Component {
  return {
    name: "ner",
    reads: ["tokens", "sentences"],
    writes: ["mentions"],
    updates: ["tokens.lemma"],
    run(doc: Doc) {
      if (!wanted(options, doc.lang)) return;
      const tagger = nerTagger(doc.lang);
      if (!tagger) return;
      const t = doc.layers.tokens;
      const mentions: Mention[] = [];
      const { ranges, words } = docSentences(doc);
      const labels = tagger.tagDocument(words);
      ranges.forEach(([first], s) => {
        for (const span of bioSpans(labels[s])) {
          const start = t.start[first + span.start];
          const end = t.end[first + span.end - 1];
          mentions.push({ start, end, text: doc.text.slice(start, end), type: TYPE_ALIASES[span.type] ?? span.type });
          capitaliseLemmas(doc, first + span.start, first + span.end);
        }
      });
      doc.layers.mentions = mentions;
    },
  };
}

function capitaliseLemmas(doc: Doc, first: number, last: number): void {
  const t = doc.layers.tokens;
  if (!t.lemma || !t.lemmas) return;
  for (let i = first; i < last; i++) {
    const form = doc.text.slice(t.start[i], t.end[i]);
    const lemma = t.lemmas[t.lemma[i]];
    if (!lemma || form[0] === form[0].toLowerCase() || lemma[0] !== lemma[0].toLowerCase()) continue;
    const capital = lemma[0].toUpperCase() + lemma.slice(1);
    let id = t.lemmas.indexOf(capital);
    if (id < 0) id = t.lemmas.push(capital) - 1;
    t.lemma[i] = id;
  }
}

/** The lemmatised text of a mention: its tokens' lemmas joined by spaces (or its text). */
export function mentionLemma(doc: Doc, mention: Mention): string {
  const t = doc.layers.tokens;
  if (!t.lemma || !t.lemmas) return mention.text;
  const [first, last] = tokenRange(t, mention);
  const words: string[] = [];
  for (let i = first; i < last; i++) words.push(t.lemmas[t.lemma[i]] || doc.text.slice(t.start[i], t.end[i]));
  return words.join(" ");
}
