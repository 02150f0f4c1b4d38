// The entity recognizer: a first-pass sequence tagger over each sentence and,
// when the model has one, a second pass that also sees document-context features
// (what the first pass said about the same word elsewhere in the document).
import { contextFeatures } from "./context.js";
import type { NameLexicon } from "./names.js";
import { concatKeys, withExtra } from "./features.js";
import type { SequenceTagger } from "./tagger.js";

export interface RecognizerParts {
  first: SequenceTagger;
  /** Second pass over first-pass output in document context. */
  second?: SequenceTagger;
  /** Sentences on each side that count as the same document's context. */
  window?: number;
  /** Name lexicon whose hits both passes see as features. */
  lexicon?: NameLexicon;
}

/** Per-token concatenation of two feature lists. */
export function concatFeatures(a: readonly Uint32Array[], b: readonly Uint32Array[]): Uint32Array[] {
  return a.map((x, i) => concatKeys(x, b[i]));
}

export class EntityRecognizer {
  readonly first: SequenceTagger;
  readonly second: SequenceTagger | undefined;
  readonly window: number;
  readonly lexicon: NameLexicon | undefined;

  constructor(parts: RecognizerParts) {
    this.first = parts.first;
    this.second = parts.second;
    this.window = parts.window ?? 0;
    this.lexicon = parts.lexicon;
  }

  /**
   * Labels (BILOU) of every sentence of one document, in order. Both passes
   * were trained with the same feature extractor, so its keys are computed once.
   */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    const base = sentences.map((s) => this.first.extractor.extract(s));
    const lex = this.lexicon ? sentences.map((s) => this.lexicon!.features(s)) : undefined;
    const labelsOf = (tagger: SequenceTagger, ids: Int32Array) => Array.from(ids, (k) => tagger.labels[k]);
    const first = sentences.map((s, i) => (s.length ? labelsOf(this.first, this.first.tagFeatures(withExtra(base[i], lex?.[i]))) : []));
    const second = this.second;
    if (!second) return first;
    const context = contextFeatures(sentences, first, this.window);
    return sentences.map((s, i) =>
      s.length ? labelsOf(second, second.tagFeatures(withExtra(base[i], lex ? concatFeatures(lex[i], context[i]) : context[i]))) : [],
    );
  }
}
