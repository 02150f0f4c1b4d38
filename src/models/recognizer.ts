// The entity recognizer: a first-pass sequence tagger over each sentence and,
// when the model has one, a second pass that also sees document-context features
// (what the first pass said about the same word elsewhere in the document).
// A model trained on finer entity types reads its labels through a type map
// (GPE → LOC, NORP → MISC …), so callers always see the corpus's types.
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
  /** Fine type the taggers learned → the type callers see (absent: the labels as they are). */
  types?: Readonly<Record<string, string>>;
}

/** A BILOU label with its type read through the map ("B-GPE" → "B-LOC"). */
export function mapLabelType(label: string, types: Readonly<Record<string, string>>): string {
  if (label === "O") return label;
  const type = types[label.slice(2)];
  return type ? label.slice(0, 2) + type : label;
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
  /** Each of the taggers' labels as callers see it, by class index. */
  private readonly outFirst: readonly string[];
  private readonly outSecond: readonly string[] | undefined;

  constructor(parts: RecognizerParts) {
    this.first = parts.first;
    this.second = parts.second;
    this.window = parts.window ?? 0;
    this.lexicon = parts.lexicon;
    const types = parts.types;
    const out = (t: SequenceTagger) => (types ? t.labels.map((l) => mapLabelType(l, types)) : t.labels);
    this.outFirst = out(this.first);
    this.outSecond = this.second && out(this.second);
  }

  /**
   * Labels (BILOU) of every sentence of one document, in order. Both passes
   * were trained with the same feature extractor, so its keys are computed once.
   */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    const base = sentences.map((s) => this.first.extractor.extract(s));
    const lex = this.lexicon ? sentences.map((s) => this.lexicon!.features(s)) : undefined;
    const labelsOf = (labels: readonly string[], ids: Int32Array) => Array.from(ids, (k) => labels[k]);
    const firstIds = sentences.map((s, i) => (s.length ? this.first.tagFeatures(withExtra(base[i], lex?.[i])) : new Int32Array(0)));
    const second = this.second;
    if (!second) return firstIds.map((ids) => labelsOf(this.outFirst, ids));
    const context = contextFeatures(
      sentences,
      firstIds.map((ids) => labelsOf(this.first.labels, ids)),
      this.window,
    );
    return sentences.map((s, i) =>
      s.length ? labelsOf(this.outSecond!, second.tagFeatures(withExtra(base[i], lex ? concatFeatures(lex[i], context[i]) : context[i]))) : [],
    );
  }
}
