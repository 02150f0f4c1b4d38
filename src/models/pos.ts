// Part of speech, morphology and lemmas for one sentence of surface tokens: the
// UPOS sequence tagger (Viterbi), then FEATS given the UPOS, then lemmas given both.
// Contractions (Greek «στα» = σε + τα) get joined tags such as "ADP+DET" and
// lemmas such as "σε+ο"; `expandParts` splits them back into syntactic words.
import { PART_JOINER } from "./data.js";
import type { MorphTagger } from "./morph.js";
import type { SequenceTagger } from "./tagger.js";

export interface PosResult {
  upos: string[];
  /** The tagger's own tags when it tags a finer set mapped to UPOS (English PTB tags). */
  xpos?: string[];
  feats: string[];
  lemmas: string[];
}

/** Anything that lemmatizes a form given its tags (learned or rule tables). */
export interface LemmaSource {
  lemmatize(form: string, tag: string, feats: string, initial: boolean): string;
}

export interface PosTaggerParts {
  tagger: SequenceTagger;
  morph?: MorphTagger;
  lemmatizer: LemmaSource;
  /** When the tagger's labels are not UPOS: label → UPOS. */
  toUpos?: Readonly<Record<string, string>>;
}

export class PosTagger {
  constructor(readonly parts: PosTaggerParts) {}

  tag(words: readonly string[]): PosResult {
    const { tagger, morph, lemmatizer, toUpos } = this.parts;
    const features = tagger.extractor.extract(words);
    const tags = Array.from(tagger.tagFeatures(features), (k) => tagger.labels[k]);
    const upos = toUpos ? tags.map((t) => toUpos[t] ?? "X") : tags;
    const feats = morph ? morph.tag(words, upos, features) : upos.map(() => "_");
    const lemmas = words.map((w, i) => lemmatizer.lemmatize(w, tags[i], feats[i], i === 0));
    return toUpos ? { upos, xpos: tags, feats, lemmas } : { upos, feats, lemmas };
  }
}

/** One syntactic word per part of a joined tag: FEATS go to the last part. */
export function expandParts(upos: string, feats: string, lemma: string): { upos: string; feats: string; lemma: string }[] {
  const tags = upos.split(PART_JOINER);
  if (tags.length === 1) return [{ upos, feats, lemma }];
  const lemmas = lemma.split(PART_JOINER);
  return tags.map((t, i) => ({ upos: t, feats: i === tags.length - 1 ? feats : "_", lemma: lemmas[i] ?? lemma }));
}
