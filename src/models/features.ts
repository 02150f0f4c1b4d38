// Feature extraction for the sequence taggers. Word-level features (fold key,
// lower-case form with accents, prefixes and suffixes, word shape with accents and
// capitals, script, gazetteer hits, word cluster) are hashed once per word type and
// cached, and so are the keys a word gives its neighbours (its fold key, form,
// suffix, shape and cluster at each distance); only the joint features (bigrams,
// shape trigram, capitals pair, position, quotes) are hashed per token. `flatten`
// lists every token's keys in template order, as the trainer reads them.
import { fold } from "../text/normalize.js";
import { BoundedMap } from "./cache.js";
import { addNumber, addRange, finish, hash1, seed } from "./hash.js";

/** Bump when templates change: models record it and refuse a mismatch. */
export const FEATURE_VERSION = 5;

/** Word types whose features are kept (generational: frequent words stay; about 1 KB each). */
const MAX_CACHE = 50_000;
const BOS = "\u0002<s>";
const EOS = "\u0003</s>";
const SHORT_WORD = 4;
const ACCENT = /\p{M}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const GREEK = /\p{Script=Greek}/u;
const LATIN = /\p{Script=Latin}/u;

/** Template numbers (stable: they seed the hashes). */
const T = {
  bias: 1,
  raw: 2,
  lower: 3,
  fold: 4,
  prefix: 10,
  suffix: 20,
  shape: 30,
  shortShape: 31,
  cap: 32,
  script: 33,
  length: 34,
  gazetteer: 35,
  cluster: 36,
  foldAt: 50,
  rawAt: 60,
  suffixAt: 70,
  shapeAt: 80,
  clusterAt: 90,
  bigramLeft: 100,
  bigramRight: 101,
  shapeTrigram: 102,
  capPair: 103,
  first: 104,
  lowerNext: 105,
  skipBigram: 106,
  quoted: 107,
} as const;
/** Opening and closing quote marks, for the "inside a quoted stretch" feature. */
const OPEN_QUOTE = new Set(["«", "“", "„", '"', "‘"]);
const CLOSE_QUOTE = new Set(["»", "”", '"', "’"]);
/** Longest quoted stretch (in tokens) read as a quoted name or title. */
const MAX_QUOTED = 8;

export interface FeatureOptions {
  /** Longest prefix and suffix, in characters. */
  affixes?: number;
  /** Neighbours on each side whose words are features. */
  window?: number;
  /** Gazetteer: fold key of a word → the list names it belongs to. */
  gazetteer?: ReadonlyMap<string, readonly string[]>;
  /** Word clusters: fold key → its cluster labels, coarse to fine; each is a feature. */
  clusters?: ReadonlyMap<string, readonly string[]>;
}

const DEFAULTS = { affixes: 5, window: 2 } as const;
/** Which of a word's cluster labels its neighbours see. */
const CONTEXT_CLUSTER = 1;

/**
 * A word type's features, hashed once: its own keys, and the keys it gives a
 * token it is the neighbour of (`left[d - 1]` when it stands d places to that
 * token's left, `right[d - 1]` when to its right).
 */
export interface WordInfo {
  own: Uint32Array;
  left: Uint32Array[];
  right: Uint32Array[];
  fold: number;
  shape: number;
  cap: number;
}

/** Keys per token that combine several tokens (bigrams, trigram, position, quotes). */
export const PAIR_KEYS = 7;
/** Neighbour keys beyond the fold key at distance 1: raw, suffix, shape, then cluster. */
const NEAR_KEYS = 4;

/**
 * A sentence's features: each token's word type, the joint keys per token
 * (`pairs[i * PAIR_KEYS ...]`), and extra keys per token (lexicon, document context).
 */
export interface SentenceFeatures {
  words: readonly string[];
  infos: readonly WordInfo[];
  /** What stands beyond the sentence's ends. */
  bos: WordInfo;
  eos: WordInfo;
  window: number;
  pairs: Uint32Array;
  extra?: readonly Uint32Array[];
}

/** All keys of every token, flat: `keys[offsets[i] .. offsets[i+1])`. */
export interface FlatFeatures {
  keys: Uint32Array;
  offsets: Uint32Array;
}

/** The same features with extra keys per token appended to each token's. */
export function withExtra(base: SentenceFeatures, extra: readonly Uint32Array[] | undefined): SentenceFeatures {
  if (!extra) return base;
  if (!base.extra) return { ...base, extra };
  return { ...base, extra: base.extra.map((e, i) => concatKeys(e, extra[i])) };
}

/** Two key lists as one. */
export function concatKeys(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (!b.length) return a;
  if (!a.length) return b;
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The word type at position `j` of the sentence (the boundary types beyond its ends). */
export function infoAt(f: SentenceFeatures, j: number): WordInfo {
  return j < 0 ? f.bos : j >= f.infos.length ? f.eos : f.infos[j];
}

/** Flat keys of a sentence, each token's in template order (as the trainer reads them). */
export function flatten(f: SentenceFeatures): FlatFeatures {
  const n = f.infos.length;
  const win = f.window;
  let total = 0;
  for (let i = 0; i < n; i++) total += f.infos[i].own.length + 2 * (win + NEAR_KEYS) + PAIR_KEYS + (f.extra?.[i].length ?? 0);
  const keys = new Uint32Array(total);
  const offsets = new Uint32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    keys.set(f.infos[i].own, k);
    k += f.infos[i].own.length;
    for (let d = 1; d <= win; d++) {
      keys[k++] = infoAt(f, i - d).left[d - 1][0];
      keys[k++] = infoAt(f, i + d).right[d - 1][0];
    }
    const prev = infoAt(f, i - 1).left[0];
    const next = infoAt(f, i + 1).right[0];
    for (let j = 1; j < NEAR_KEYS; j++) {
      keys[k++] = prev[j];
      keys[k++] = next[j];
    }
    const p = i * PAIR_KEYS;
    for (let j = 0; j < PAIR_KEYS - 1; j++) keys[k++] = f.pairs[p + j];
    keys[k++] = prev[NEAR_KEYS];
    keys[k++] = next[NEAR_KEYS];
    keys[k++] = f.pairs[p + PAIR_KEYS - 1];
    const extra = f.extra?.[i];
    if (extra) {
      keys.set(extra, k);
      k += extra.length;
    }
  }
  offsets[n] = k;
  return { keys, offsets };
}

/** Capitalisation classes. */
const Cap = { Lower: 1, Initial: 2, All: 3, Mixed: 4, None: 5 } as const;

function capClass(w: string): number {
  const lower = w.toLowerCase();
  const upper = w.toUpperCase();
  if (lower === upper) return Cap.None;
  if (w === lower) return Cap.Lower;
  if (w === upper) return w.length > 1 ? Cap.All : Cap.Initial;
  if (w[0] !== lower[0] && w.slice(1) === lower.slice(1)) return Cap.Initial;
  return Cap.Mixed;
}

/** Shape character of each character met so far. */
const charShapes = new Map<string, string>();

function charShape(ch: string): string {
  let c = charShapes.get(ch);
  if (c !== undefined) return c;
  if (LETTER.test(ch)) {
    const accented = ACCENT.test(ch.normalize("NFD"));
    const upper = ch !== ch.toLowerCase();
    c = upper ? (accented ? "Á" : "X") : accented ? "á" : "x";
  } else if (DIGIT.test(ch)) c = "d";
  else c = ch;
  charShapes.set(ch, c);
  return c;
}

/** Shape: X upper, x lower, Á/á accented, d digit, other characters as they are. */
export function wordShape(w: string): string {
  let out = "";
  for (const ch of w.normalize("NFC")) out += charShape(ch);
  return out;
}

/** Shape with runs collapsed to one character ("Xxxx" → "Xx"). */
export function shortShape(shape: string): string {
  let out = "";
  for (const c of shape) if (out[out.length - 1] !== c) out += c;
  return out;
}

function scriptOf(w: string): string {
  const g = GREEK.test(w);
  const l = LATIN.test(w);
  return g && l ? "mixed" : g ? "greek" : l ? "latin" : DIGIT.test(w) ? "digit" : "other";
}

/** For each token, the length of the short quoted stretch it is inside (0 = none). */
function quotedLengths(words: readonly string[]): Uint8Array {
  const out = new Uint8Array(words.length);
  for (let i = 0; i < words.length; i++) {
    if (!OPEN_QUOTE.has(words[i])) continue;
    for (let j = i + 1; j < words.length && j - i - 1 <= MAX_QUOTED; j++) {
      if (!CLOSE_QUOTE.has(words[j])) continue;
      for (let q = i + 1; q < j; q++) out[q] = j - i - 1;
      i = j;
      break;
    }
  }
  return out;
}

/** Extracts feature keys for every token of a sentence. */
export class FeatureExtractor {
  readonly options: Required<Omit<FeatureOptions, "gazetteer" | "clusters">> & Pick<FeatureOptions, "gazetteer" | "clusters">;
  private readonly cache = new BoundedMap<string, WordInfo>(MAX_CACHE);
  private readonly bos: WordInfo;
  private readonly eos: WordInfo;

  constructor(options: FeatureOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    if (this.options.window < 1) throw new Error("the feature window must be at least 1");
    this.bos = this.info(BOS);
    this.eos = this.info(EOS);
  }

  /** Features of all tokens of a sentence. */
  extract(words: readonly string[]): SentenceFeatures {
    const n = words.length;
    const infos: WordInfo[] = new Array(n);
    for (let i = 0; i < n; i++) infos[i] = this.info(words[i]);
    const quoted = quotedLengths(words);
    const pairs = new Uint32Array(n * PAIR_KEYS);
    const at = (j: number): WordInfo => (j < 0 ? this.bos : j >= n ? this.eos : infos[j]);
    const ctx2 = (template: number, a: number, b: number): number => finish(addNumber(addNumber(seed(template), a), b));
    let k = 0;
    for (let i = 0; i < n; i++) {
      const me = infos[i];
      const prev = at(i - 1);
      const next = at(i + 1);
      pairs[k++] = ctx2(T.bigramLeft, prev.fold, me.fold);
      pairs[k++] = ctx2(T.bigramRight, me.fold, next.fold);
      pairs[k++] = finish(addNumber(addNumber(addNumber(seed(T.shapeTrigram), prev.shape), me.shape), next.shape));
      pairs[k++] = ctx2(T.capPair, prev.cap * 8 + me.cap, next.cap);
      pairs[k++] = ctx2(T.first, i === 0 ? 1 : 0, me.shape);
      pairs[k++] = ctx2(T.skipBigram, at(i - 2).fold, next.fold);
      pairs[k++] = ctx2(T.quoted, quoted[i], me.cap);
    }
    return { words, infos, bos: this.bos, eos: this.eos, window: this.options.window, pairs };
  }

  private info(word: string): WordInfo {
    let info = this.cache.get(word);
    if (info) return info;
    info = this.build(word);
    this.cache.set(word, info);
    return info;
  }

  private build(word: string): WordInfo {
    const { affixes, gazetteer, clusters } = this.options;
    const lower = word.toLowerCase();
    const folded = fold(word);
    const shape = wordShape(word);
    const short = shape.length > SHORT_WORD ? shortShape(shape) : shape;
    const own: number[] = [
      hash1(T.bias, ""),
      hash1(T.raw, word),
      hash1(T.lower, lower),
      hash1(T.fold, folded),
      hash1(T.shape, shape.length > 12 ? short : shape),
      hash1(T.shortShape, short),
      hash1(T.script, scriptOf(word)),
      hash1(T.length, String(Math.min(word.length, 10))),
    ];
    const chars = [...folded];
    for (let a = 1; a <= Math.min(affixes, chars.length); a++) {
      own.push(hash1(T.prefix + a, chars.slice(0, a).join("")));
    }
    const lowerChars = [...lower];
    for (let a = 1; a <= Math.min(affixes, lowerChars.length); a++) {
      own.push(hash1(T.suffix + a, lowerChars.slice(-a).join("")));
    }
    for (const list of gazetteer?.get(folded) ?? []) own.push(hash1(T.gazetteer, list));
    const labels = clusters?.get(folded) ?? [];
    for (const label of labels) own.push(hash1(T.cluster, label));
    const context = labels[Math.min(CONTEXT_CLUSTER, labels.length - 1)];
    const suffix3 = lowerChars.slice(-3).join("");
    const foldKey = hash1(T.fold, folded);
    const raw = hash1(T.raw, word);
    const suffix = finish(addRange(seed(T.suffix + 3), suffix3, 0, suffix3.length));
    const shapeKey = hash1(T.shortShape, short);
    const cluster = context ? hash1(T.cluster, context) : 0;
    const ctx = (template: number, value: number): number => finish(addNumber(seed(template), value));
    const win = this.options.window;
    const left: Uint32Array[] = [];
    const right: Uint32Array[] = [];
    for (let d = 1; d <= win; d++) {
      const near = d === 1;
      left.push(
        near
          ? Uint32Array.of(ctx(T.foldAt + d, foldKey), ctx(T.rawAt, raw), ctx(T.suffixAt, suffix), ctx(T.shapeAt, shapeKey), ctx(T.clusterAt, cluster))
          : Uint32Array.of(ctx(T.foldAt + d, foldKey)),
      );
      right.push(
        near
          ? Uint32Array.of(ctx(T.foldAt + win + d, foldKey), ctx(T.rawAt + 1, raw), ctx(T.suffixAt + 1, suffix), ctx(T.shapeAt + 1, shapeKey), ctx(T.clusterAt + 1, cluster))
          : Uint32Array.of(ctx(T.foldAt + win + d, foldKey)),
      );
    }
    return { own: Uint32Array.from(own), left, right, fold: foldKey, shape: shapeKey, cap: capClass(word) };
  }
}
