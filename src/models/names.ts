// The name lexicon: a gazetteer learned from the training annotations. For each
// word (fold key) it lists the entity types and positions it had inside names
// (PERSON:B, LOC:U …) and how often a capitalised occurrence of it was a name.
// As features these generalise across all names at once ("seen in a PERSON
// before") where a word's own weights know only that word. Training uses lists
// built from the other folds of the training data (jackknifed), so the tagger
// learns how far to trust a hit on text the lexicon has not seen. Pairs of
// neighbouring words inside names are listed too (Λευκού Οίκου, της Ελλάδος),
// which marks where known multi-word names begin and end.
import { fold } from "../text/normalize.js";
import { hash1 } from "./hash.js";
import { bioSpans } from "./ner.js";
import type { TaggedSentence } from "./tagger.js";

const T = { hit: 400, ratio: 401, miss: 402, pairLeft: 403, pairRight: 404 } as const;
const PAIR_KEY = "\u0001";
const CAPITAL = /^\p{Lu}/u;
/** Upper bounds of the "share of capitalised occurrences inside a name" buckets. */
const RATIO_BUCKETS = [0.1, 0.5, 0.9, Infinity];

/** Saved form: fold key → [hit labels, ratio bucket]; "a\u0001b" (a word pair inside a name) → [types, 0]. */
export type NameLexiconData = Record<string, [string[], number]>;

export class NameLexicon {
  private readonly entries: Map<string, Uint32Array>;
  private readonly missKey = Uint32Array.of(hash1(T.miss, ""));
  private readonly empty = new Uint32Array(0);

  private readonly pairs: Map<string, readonly string[]>;

  constructor(readonly data: NameLexiconData) {
    const words = Object.entries(data).filter(([w]) => !w.includes(PAIR_KEY));
    this.entries = new Map(words.map(([w, [hits, ratio]]) => [w, Uint32Array.from([...hits.map((h) => hash1(T.hit, h)), hash1(T.ratio, String(ratio))])]));
    this.pairs = new Map(Object.entries(data).filter(([w]) => w.includes(PAIR_KEY)).map(([w, [types]]) => [w, types]));
  }

  static learn(data: readonly TaggedSentence[]): NameLexicon {
    const hits = new Map<string, Set<string>>();
    const pairs = new Map<string, Set<string>>();
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
          if (i + 1 < span.end) {
            const pair = `${key}${PAIR_KEY}${fold(s.words[i + 1])}`;
            let p = pairs.get(pair);
            if (!p) pairs.set(pair, (p = new Set()));
            p.add(span.type);
          }
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
    for (const [pair, types] of pairs) out[pair] = [[...types].sort(), 0];
    return new NameLexicon(out);
  }

  /** Feature keys per token of a sentence: word hits for capitalised words, pair hits for any. */
  features(words: readonly string[]): Uint32Array[] {
    const folded = words.map(fold);
    const pairTypes = (i: number) => (i >= 0 && i + 1 < words.length ? this.pairs.get(`${folded[i]}${PAIR_KEY}${folded[i + 1]}`) : undefined);
    return words.map((w, i) => {
      const own = CAPITAL.test(w) ? (this.entries.get(folded[i]) ?? this.missKey) : this.empty;
      const left = pairTypes(i - 1);
      const right = pairTypes(i);
      if (!left && !right) return own;
      const keys = [...own];
      for (const t of left ?? []) keys.push(hash1(T.pairLeft, t));
      for (const t of right ?? []) keys.push(hash1(T.pairRight, t));
      return Uint32Array.from(keys);
    });
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
