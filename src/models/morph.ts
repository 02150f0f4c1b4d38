// Morphological features (UD FEATS) given the UPOS tags: one linear model whose
// classes are attribute=value pairs (with "attribute=_" for absent); a token's
// FEATS string is the candidate with the best summed score, among the FEATS seen
// with its form and UPOS in training, or else among all seen with its UPOS. So the
// output is always a combination that exists, and one pass costs a few dozen rows.
import { BoundedMap } from "./cache.js";
import { addNumber, finish, hash1, seed } from "./hash.js";
import { flatten, type FeatureExtractor, type FlatFeatures, type SentenceFeatures } from "./features.js";
import { AveragedPerceptron, type LinearModel } from "./linear.js";
import { random, shuffle, WORD_SCORES_BYTES, WordScores } from "./tagger.js";

const NONE = "_";
const UPOS_SUFFIXES = 4;
/** UPOS-conditioned keys per token. */
const UPOS_KEYS = 4 + UPOS_SUFFIXES;
const MAX_CACHE = 100_000;
/** Word-type scores over every FEATS class are wide: twice a tagger's memory keeps as many words. */
const MORPH_SCORES_BYTES = 2 * WORD_SCORES_BYTES;
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
  private scores = new Int32Array(0);
  private tokenScores = new Int32Array(0);
  /** Per word: hash of its lower-case form, then of its suffixes 1..UPOS_SUFFIXES. */
  private readonly wordHashes = new BoundedMap<string, Uint32Array>(MAX_CACHE);
  private readonly uposHashes = new Map<string, number>();
  /** Classes any candidate of a UPOS uses: the only ones scored for it. */
  private readonly uposClasses = new Map<string, Int32Array>();
  /** form → UPOS → FEATS strings seen. */
  private readonly byForm = new Map<string, Map<string, string[]>>();
  private readonly wordScores: WordScores;

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
    for (const [key, list] of Object.entries(tables.byForm)) {
      const tab = key.indexOf("\t");
      const form = key.slice(0, tab);
      let m = this.byForm.get(form);
      if (!m) this.byForm.set(form, (m = new Map()));
      m.set(key.slice(tab + 1), list);
    }
    this.wordScores = new WordScores(model, extractor.options.window, MORPH_SCORES_BYTES);
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
    return this.byForm.get(form)?.get(upos) ?? this.tables.byUpos[upos] ?? [NONE];
  }

  private wordHash(word: string): Uint32Array {
    let h = this.wordHashes.get(word);
    if (h) return h;
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

  /** The UPOS-conditioned keys of every token, `UPOS_KEYS` each. */
  private uposKeys(words: readonly string[], upos: readonly string[]): Uint32Array {
    const n = words.length;
    const keys = new Uint32Array(n * UPOS_KEYS);
    let k = 0;
    for (let i = 0; i < n; i++) {
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
    return keys;
  }

  /** All features of the sentence, flat: the extractor's (`base`, if already extracted) plus the UPOS-conditioned ones. */
  features(words: readonly string[], upos: readonly string[], base: SentenceFeatures = this.extractor.extract(words)): FlatFeatures {
    const flat = flatten(base);
    const extra = this.uposKeys(words, upos);
    const n = words.length;
    const keys = new Uint32Array(flat.keys.length + extra.length);
    const offsets = new Uint32Array(n + 1);
    let k = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      keys.set(flat.keys.subarray(flat.offsets[i], flat.offsets[i + 1]), k);
      k += flat.offsets[i + 1] - flat.offsets[i];
      keys.set(extra.subarray(i * UPOS_KEYS, (i + 1) * UPOS_KEYS), k);
      k += UPOS_KEYS;
    }
    offsets[n] = k;
    return { keys, offsets };
  }

  tag(words: readonly string[], upos: readonly string[], base: SentenceFeatures = this.extractor.extract(words)): string[] {
    const c = this.model.classes;
    if (this.scores.length < c) {
      this.scores = new Int32Array(c);
      this.tokenScores = new Int32Array(c);
    }
    const out: string[] = new Array(words.length);
    let extra: Uint32Array | undefined;
    let vectors: Int32Array[] | undefined;
    for (let i = 0; i < words.length; i++) {
      const candidates = this.candidates(words[i], upos[i]);
      if (candidates.length === 1) {
        out[i] = candidates[0];
        continue;
      }
      extra ??= this.uposKeys(words, upos);
      vectors ??= this.wordScores.sentence(base);
      // The extractor's keys score through the word-type sums (all classes); the UPOS keys only over the UPOS's classes.
      const all = this.tokenScores;
      all.fill(0);
      this.wordScores.token(base, vectors, i, all, 0);
      const only = this.uposClasses.get(upos[i]);
      const scores = this.scores;
      if (only) {
        for (let j = 0; j < only.length; j++) scores[only[j]] = all[only[j]];
        this.model.sumSome(extra, i * UPOS_KEYS, (i + 1) * UPOS_KEYS, scores, only);
      } else {
        scores.set(all);
        this.model.sum(extra, i * UPOS_KEYS, (i + 1) * UPOS_KEYS, scores);
      }
      out[i] = this.best(candidates, scores);
    }
    return out;
  }

  private best(candidates: readonly string[], scores: Float64Array | Int32Array): string {
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
