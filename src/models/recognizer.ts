// The entity recognizer: a first-pass sequence tagger over each sentence and,
// when the model has one, a second pass that also sees document-context features
// (what the first pass said about the same word elsewhere in the document).
import { contextFeatures } from "./context.js";
import type { SequenceTagger } from "./tagger.js";

export class EntityRecognizer {
  constructor(
    readonly first: SequenceTagger,
    readonly second?: SequenceTagger,
    /** Sentences on each side that count as the same document's context. */
    readonly window = 0,
  ) {}

  /** Labels (BILOU) of every sentence of one document, in order. */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    const first = sentences.map((s) => this.first.tag(s));
    if (!this.second) return first;
    const extra = contextFeatures(sentences, first, this.window);
    return sentences.map((s, i) => this.second!.tag(s, extra[i]));
  }
}
