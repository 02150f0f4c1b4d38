// The name lexicon: a gazetteer learned from the training annotations. For each
// word (fold key) it lists the entity types and positions it had inside names
// (PERSON:B, LOC:U …) and how often a capitalised occurrence of it was a name.
// As features these generalise across all names at once ("seen in a PERSON
// before") where a word's own weights know only that word. Training uses lists
// built from the other folds of the training data (jackknifed), so the tagger
// learns how far to trust a hit on text the lexicon has not seen.
import { fold } from "../text/normalize.js";
import { hash1 } from "./hash.js";
import { bioSpans } from "./ner.js";
import type { TaggedSentence } from "./tagger.js";

const T = { hit: 400, ratio: 401, miss: 402 } as const;
const CAPITAL = /^\p{Lu}/u;
/** Upper bounds of the "share of capitalised occurrences inside a name" buckets. */
const RATIO_BUCKETS = [0.1, 0.5, 0.9, Infinity];

/** Saved form: fold key → [hit labels, ratio bucket]. */
export type NameLexiconData = Record<string, [string[], number]>;

export class NameLexicon {
  private readonly entries: Map<string, Uint32Array>;
  private readonly missKey = Uint32Array.of(hash1(T.miss, ""));
  private readonly empty = new Uint32Array(0);

  constructor(readonly data: NameLexiconData) {
    this.entries = new Map(
      Object.entries(data).map(([w, [hits, ratio]]) => [w, Uint32Array.from([...hits.map((h) => hash1(T.hit, h)), hash1(T.ratio, String(ratio))])]),
    );
  }

  static learn(data: readonly TaggedSentence[]): NameLexicon {
    const hits = new Map<string, Set<string>>();
    const caps = new Map<string, [number, number]>();
    for (const s of data) {
      const inside = new Uint8Array(s.words.length);
      for (const span of bioSpans(s.labels)) {
        for (let i = span.start; i < span.end; i++) {
          const pos = span.end - span.start === 1 ? "U" : i === span.start ? "B" : i === span.end - 1 ? "L" : "I";
          const key = fold(s.words[i]);
          let h = hits.get(key);
          if (!h) hits.set(key, (h = new Set()));
          h.add(span.type);
          h.add(`${span.type}:${pos}`);
          inside[i] = 1;
        }
      }
      s.words.forEach((w, i) => {
        if (!CAPITAL.test(w)) return;
        const key = fold(w);
        const c = caps.get(key) ?? [0, 0];
        c[0]++;
        c[1] += inside[i];
        caps.set(key, c);
      });
    }
    const out: NameLexiconData = {};
    for (const [w, h] of hits) {
      const c = caps.get(w);
      const ratio = c ? RATIO_BUCKETS.findIndex((b) => c[1] / c[0] < b) : RATIO_BUCKETS.length;
      out[w] = [[...h].sort(), ratio];
    }
    return new NameLexicon(out);
  }

  /** Feature keys per token of a sentence (capitalised words only). */
  features(words: readonly string[]): Uint32Array[] {
    return words.map((w) => (CAPITAL.test(w) ? (this.entries.get(fold(w)) ?? this.missKey) : this.empty));
  }
}

/** Per-sentence lexicon features for the training data, each fold's from a lexicon of the other folds. */
export function jackknifedLexiconFeatures(data: readonly TaggedSentence[], folds: number): Uint32Array[][] {
  const size = Math.ceil(data.length / folds);
  const out: Uint32Array[][] = [];
  for (let f = 0; f < folds; f++) {
    const lexicon = NameLexicon.learn([...data.slice(0, f * size), ...data.slice((f + 1) * size)]);
    for (const s of data.slice(f * size, (f + 1) * size)) out.push(lexicon.features(s.words));
  }
  return out;
}
