// Morphological features (UD FEATS) given the UPOS tags: one linear model whose
// classes are attribute=value pairs (with "attribute=_" for absent); a token's
// FEATS string is the candidate with the best summed score, among the FEATS seen
// with its form and UPOS in training, or else among all seen with its UPOS. So the
// output is always a combination that exists, and one pass costs a few dozen rows.
import { addNumber, finish, hash1, seed } from "./hash.js";
import type { FeatureExtractor } from "./features.js";
import { AveragedPerceptron, type LinearModel } from "./linear.js";
import { random, shuffle, type SentenceFeatures } from "./tagger.js";

const NONE = "_";
const UPOS_SUFFIXES = 4;
const MAX_CACHE = 100_000;
/** Template numbers of the UPOS-conditioned features (apart from the extractor's). */
const T = { upos: 200, uposPrev: 201, uposNext: 202, uposSuffix: 210, uposPair: 220, uposPrevWord: 221 } as const;

export interface MorphExample {
  words: string[];
  upos: string[];
  feats: string[];
}

/** The saved candidate tables. */
export interface MorphTables {
  classes: string[];
  /** "form\tupos" → FEATS strings seen. */
  byForm: Record<string, string[]>;
  /** upos → FEATS strings seen. */
  byUpos: Record<string, string[]>;
}

export function splitFeats(feats: string): Map<string, string> {
  const m = new Map<string, string>();
  if (feats === NONE || feats === "") return m;
  for (const pair of feats.split("|")) {
    const eq = pair.indexOf("=");
    m.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return m;
}

export class MorphTagger {
  readonly tables: MorphTables;
  readonly model: LinearModel;
  private readonly extractor: FeatureExtractor;
  private readonly attributes: string[];
  private readonly classIndex: Map<string, number>;
  /** FEATS string → its class indices (one per attribute). */
  private readonly encoded = new Map<string, Int32Array>();
  private scores = new Float64Array(0);
  /** Per word: hash of its lower-case form, then of its suffixes 1..UPOS_SUFFIXES. */
  private readonly wordHashes = new Map<string, Uint32Array>();
  private readonly uposHashes = new Map<string, number>();
  /** "upos\tword" → scores of the word's own features over the UPOS's classes. */
  private readonly ownCache = new Map<string, Float32Array>();
  /** Classes any candidate of a UPOS uses: the only ones scored for it. */
  private readonly uposClasses = new Map<string, Int32Array>();

  constructor(tables: MorphTables, model: LinearModel, extractor: FeatureExtractor) {
    this.tables = tables;
    this.model = model;
    this.extractor = extractor;
    this.classIndex = new Map(tables.classes.map((c, i) => [c, i]));
    this.attributes = [...new Set(tables.classes.map((c) => c.slice(0, c.indexOf("="))))];
    for (const [upos, list] of Object.entries(tables.byUpos)) {
      const used = new Set<number>();
      for (const f of list) for (const k of this.encode(f)) used.add(k);
      this.uposClasses.set(upos, Int32Array.from([...used].sort((a, b) => a - b)));
    }
  }

  /** Class indices of a FEATS string: one per attribute, "_" where absent. */
  encode(feats: string): Int32Array {
    let e = this.encoded.get(feats);
    if (e) return e;
    const m = splitFeats(feats);
    e = Int32Array.from(this.attributes, (a) => this.classIndex.get(`${a}=${m.get(a) ?? NONE}`) ?? this.classIndex.get(`${a}=${NONE}`)!);
    this.encoded.set(feats, e);
    return e;
  }

  candidates(form: string, upos: string): string[] {
    return this.tables.byForm[`${form}\t${upos}`] ?? this.tables.byUpos[upos] ?? [NONE];
  }

  private wordHash(word: string): Uint32Array {
    let h = this.wordHashes.get(word);
    if (h) return h;
    if (this.wordHashes.size >= MAX_CACHE) this.wordHashes.clear();
    const lower = [...word.toLowerCase()];
    h = new Uint32Array(UPOS_SUFFIXES + 1);
    h[0] = hash1(T.uposPrevWord, lower.join(""));
    for (let s = 1; s <= UPOS_SUFFIXES; s++) h[s] = hash1(T.uposSuffix, lower.slice(-s).join(""));
    this.wordHashes.set(word, h);
    return h;
  }

  private uposHash(upos: string): number {
    let h = this.uposHashes.get(upos);
    if (h === undefined) this.uposHashes.set(upos, (h = hash1(T.upos, upos)));
    return h;
  }

  /** All features of the sentence: the extractor's (`base`, if already extracted) plus the UPOS-conditioned ones. */
  features(words: readonly string[], upos: readonly string[], base: SentenceFeatures = this.extractor.extract(words)): SentenceFeatures {
    const n = words.length;
    const extra = 4 + UPOS_SUFFIXES;
    const keys = new Uint32Array(base.keys.length + n * extra);
    const offsets = new Uint32Array(n + 1);
    let k = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      keys.set(base.keys.subarray(base.offsets[i], base.offsets[i + 1]), k);
      k += base.offsets[i + 1] - base.offsets[i];
      const u = this.uposHash(upos[i]);
      const prev = i > 0 ? this.uposHash(upos[i - 1]) : 0;
      const next = i + 1 < n ? this.uposHash(upos[i + 1]) : 0;
      const own = this.wordHash(words[i]);
      keys[k++] = u;
      keys[k++] = finish(addNumber(addNumber(seed(T.uposPrev), prev), u));
      keys[k++] = finish(addNumber(addNumber(seed(T.uposNext), u), next));
      keys[k++] = finish(addNumber(addNumber(seed(T.uposPrevWord), u), i > 0 ? this.wordHash(words[i - 1])[0] : 0));
      for (let s = 1; s <= UPOS_SUFFIXES; s++) keys[k++] = finish(addNumber(addNumber(seed(T.uposSuffix + s), u), own[s]));
    }
    offsets[n] = k;
    return { keys: keys.subarray(0, k), offsets };
  }

  tag(words: readonly string[], upos: readonly string[], base: SentenceFeatures = this.extractor.extract(words)): string[] {
    const { keys, offsets } = this.features(words, upos, base);
    const own = base.own;
    const c = this.model.classes;
    if (this.scores.length < c) this.scores = new Float64Array(c);
    const out: string[] = new Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const candidates = this.candidates(words[i], upos[i]);
      if (candidates.length === 1) {
        out[i] = candidates[0];
        continue;
      }
      this.scores.fill(0);
      const only = this.uposClasses.get(upos[i]);
      if (only && own) {
        // The word's own features score the same for every occurrence with this UPOS.
        const cached = this.ownScores(words[i], upos[i], only, keys, offsets[i], offsets[i] + own[i]);
        for (let j = 0; j < only.length; j++) this.scores[only[j]] = cached[j];
        this.model.scoreSome(keys, offsets[i] + own[i], offsets[i + 1], this.scores, only);
      } else if (only) this.model.scoreSome(keys, offsets[i], offsets[i + 1], this.scores, only);
      else this.model.score(keys, offsets[i], offsets[i + 1], this.scores);
      out[i] = this.best(candidates, this.scores);
    }
    return out;
  }

  private ownScores(word: string, upos: string, only: Int32Array, keys: Uint32Array, from: number, to: number): Float32Array {
    const key = `${upos}\t${word}`;
    let cached = this.ownCache.get(key);
    if (cached) return cached;
    const sums = new Float64Array(this.model.classes);
    this.model.scoreSome(keys, from, to, sums, only);
    cached = Float32Array.from(only, (k) => sums[k]);
    if (this.ownCache.size >= MAX_CACHE) this.ownCache.clear();
    this.ownCache.set(key, cached);
    return cached;
  }

  private best(candidates: readonly string[], scores: Float64Array): string {
    let best = candidates[0];
    let bestScore = -Infinity;
    for (const f of candidates) {
      const e = this.encode(f);
      let s = 0;
      for (let a = 0; a < e.length; a++) s += scores[e[a]];
      if (s > bestScore) {
        bestScore = s;
        best = f;
      }
    }
    return best;
  }

  static train(data: readonly MorphExample[], extractor: FeatureExtractor, options: { epochs: number; seed?: number; pruneBelow?: number }): MorphTagger {
    const byForm = new Map<string, Set<string>>();
    const byUpos = new Map<string, Set<string>>();
    const add = (m: Map<string, Set<string>>, k: string, v: string) => {
      let s = m.get(k);
      if (!s) m.set(k, (s = new Set()));
      s.add(v);
    };
    const values = new Map<string, Set<string>>();
    for (const s of data) {
      s.words.forEach((w, i) => {
        add(byForm, `${w}\t${s.upos[i]}`, s.feats[i]);
        add(byUpos, s.upos[i], s.feats[i]);
        for (const [a, v] of splitFeats(s.feats[i])) add(values, a, v);
      });
    }
    const classes: string[] = [];
    for (const a of [...values.keys()].sort()) {
      classes.push(`${a}=${NONE}`);
      for (const v of [...values.get(a)!].sort()) classes.push(`${a}=${v}`);
    }
    const toRecord = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));
    const tables: MorphTables = { classes, byForm: toRecord(byForm), byUpos: toRecord(byUpos) };
    const trainer = new AveragedPerceptron(classes.length);
    // A scratch tagger for encoding and candidates (its model is not used).
    const scratch = new MorphTagger(tables, new AveragedPerceptron(classes.length).finalize(), extractor);
    const examples = data.map((s) => ({ ...scratch.features(s.words, s.upos), s }));
    const order = examples.map((_, i) => i);
    const rnd = random(options.seed ?? 1);
    const scores = new Float64Array(classes.length);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const ex of shuffle(order, rnd).map((i) => examples[i])) {
        ex.s.words.forEach((_, i) => {
          scores.fill(0);
          trainer.score(ex.keys, ex.offsets[i], ex.offsets[i + 1], scores);
          const gold = ex.s.feats[i];
          const pred = scratch.best(scratch.tables.byUpos[ex.s.upos[i]], scores);
          if (pred !== gold) {
            const g = scratch.encode(gold);
            const p = scratch.encode(pred);
            for (let a = 0; a < g.length; a++) {
              if (g[a] === p[a]) continue;
              trainer.update(ex.keys, ex.offsets[i], ex.offsets[i + 1], g[a], 1);
              trainer.update(ex.keys, ex.offsets[i], ex.offsets[i + 1], p[a], -1);
            }
          }
        });
        trainer.tick();
      }
    }
    return new MorphTagger(tables, trainer.finalize({ pruneBelow: options.pruneBelow ?? 0 }), extractor);
  }
}
