// Feature extraction for the sequence taggers. Word-level features (fold key,
// lower-case form with accents, prefixes and suffixes, word shape with accents and
// capitals, script, gazetteer hits, word cluster) are hashed once per word type and
// cached; context features (neighbouring words, shapes, suffixes, bigrams) combine
// the cached hashes of the neighbours, so a token costs a few dozen integer mixes.
import { fold } from "../text/normalize.js";
import { addNumber, addRange, finish, hash1, seed } from "./hash.js";

/** Bump when templates change: models record it and refuse a mismatch. */
export const FEATURE_VERSION = 5;

const MAX_CACHE = 200_000;
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

interface WordInfo {
  /** Keys of the word's own features. */
  own: Uint32Array;
  fold: number;
  raw: number;
  suffix: number;
  shape: number;
  cap: number;
  cluster: number;
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

/** Shape: X upper, x lower, Á/á accented, d digit, other characters as they are. */
export function wordShape(w: string): string {
  let out = "";
  for (const ch of w.normalize("NFC")) {
    let c: string;
    if (LETTER.test(ch)) {
      const accented = ACCENT.test(ch.normalize("NFD"));
      const upper = ch !== ch.toLowerCase();
      c = upper ? (accented ? "Á" : "X") : accented ? "á" : "x";
    } else if (DIGIT.test(ch)) c = "d";
    else c = ch;
    out += c;
  }
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
  private readonly cache = new Map<string, WordInfo>();
  private readonly bos: WordInfo;
  private readonly eos: WordInfo;

  constructor(options: FeatureOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.bos = this.info(BOS);
    this.eos = this.info(EOS);
  }

  /**
   * Features of all tokens: keys in `keys[offsets[i] .. offsets[i+1])`, the
   * first `own[i]` of them the word's own (the same wherever the word occurs).
   */
  extract(words: readonly string[]): { keys: Uint32Array; offsets: Uint32Array; own: Uint32Array; words: readonly string[] } {
    const n = words.length;
    const infos: WordInfo[] = new Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      infos[i] = this.info(words[i]);
      total += infos[i].own.length;
    }
    const win = this.options.window;
    const perToken = 4 * win + 15;
    const quoted = quotedLengths(words);
    const keys = new Uint32Array(total + n * perToken);
    const offsets = new Uint32Array(n + 1);
    const own = new Uint32Array(n);
    const at = (j: number): WordInfo => (j < 0 ? this.bos : j >= n ? this.eos : infos[j]);
    const ctx = (template: number, value: number): number => finish(addNumber(seed(template), value));
    const ctx2 = (template: number, a: number, b: number): number => finish(addNumber(addNumber(seed(template), a), b));
    let k = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      const me = infos[i];
      keys.set(me.own, k);
      k += me.own.length;
      own[i] = me.own.length;
      for (let d = 1; d <= win; d++) {
        keys[k++] = ctx(T.foldAt + d, at(i - d).fold);
        keys[k++] = ctx(T.foldAt + win + d, at(i + d).fold);
      }
      const prev = at(i - 1);
      const next = at(i + 1);
      keys[k++] = ctx(T.rawAt, prev.raw);
      keys[k++] = ctx(T.rawAt + 1, next.raw);
      keys[k++] = ctx(T.suffixAt, prev.suffix);
      keys[k++] = ctx(T.suffixAt + 1, next.suffix);
      keys[k++] = ctx(T.shapeAt, prev.shape);
      keys[k++] = ctx(T.shapeAt + 1, next.shape);
      keys[k++] = ctx2(T.bigramLeft, prev.fold, me.fold);
      keys[k++] = ctx2(T.bigramRight, me.fold, next.fold);
      keys[k++] = finish(addNumber(addNumber(addNumber(seed(T.shapeTrigram), prev.shape), me.shape), next.shape));
      keys[k++] = ctx2(T.capPair, prev.cap * 8 + me.cap, next.cap);
      keys[k++] = ctx2(T.first, i === 0 ? 1 : 0, me.shape);
      keys[k++] = ctx2(T.skipBigram, at(i - 2).fold, next.fold);
      keys[k++] = ctx(T.clusterAt, prev.cluster);
      keys[k++] = ctx(T.clusterAt + 1, next.cluster);
      keys[k++] = ctx2(T.quoted, quoted[i], me.cap);
    }
    offsets[n] = k;
    return { keys: keys.subarray(0, k), offsets, own, words };
  }

  private info(word: string): WordInfo {
    let info = this.cache.get(word);
    if (info) return info;
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
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
    return {
      own: Uint32Array.from(own),
      fold: hash1(T.fold, folded),
      raw: hash1(T.raw, word),
      suffix: finish(addRange(seed(T.suffix + 3), suffix3, 0, suffix3.length)),
      shape: hash1(T.shortShape, short),
      cap: capClass(word),
      cluster: context ? hash1(T.cluster, context) : 0,
    };
  }
}
