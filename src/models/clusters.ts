// Word clusters learned from raw text, used as tagger features: words that occur
// in similar contexts (surnames, months, cities, ministries …) share a cluster, so
// what the tagger learns for a frequent member carries over to rare ones. Each
// word's vector counts its left and right neighbours among the most frequent
// words (log-scaled), randomly projected to a few dimensions; spherical k-means
// then groups the words at several granularities, each a feature: coarse
// clusters first, then each coarse cluster split again (a two-level hierarchy,
// so the fine levels cost little). A last label
// tells how often the word is capitalised away from the sentence start (names
// nearly always are, common words rarely), a strong hint for capitalised words.
import { fold } from "../text/normalize.js";
import { random } from "./tagger.js";

export interface ClusterOptions {
  /** Words seen fewer times get no cluster. */
  minCount?: number;
  /** Neighbour words that count as context dimensions (the most frequent ones). */
  contextWords?: number;
  /** Dimensions of the random projection. */
  dims?: number;
  /** Coarse cluster count. */
  coarse?: number;
  /** Sub-clusters per coarse cluster, one granularity each (coarse × split clusters). */
  splits?: number[];
  iterations?: number;
  seed?: number;
}

const DEFAULTS = { minCount: 3, contextWords: 1000, dims: 96, coarse: 64, splits: [4, 16], iterations: 10, seed: 7 };

/** Neighbours on each side counted as context (each distance its own dimensions). */
const CONTEXT_REACH = 2;
/** Label name of the capitalisation bucket. */
export const CAPS_LABEL = "caps";
/** Upper bounds of the capitalisation-ratio buckets. */
const CAPS_BUCKETS = [0.05, 0.5, 0.95, Infinity];
/** Bucket of words never seen away from the sentence start. */
const CAPS_UNSEEN = CAPS_BUCKETS.length;

/** Saved form: per word, its cluster at each granularity, then its capitalisation bucket. */
export interface ClusterData {
  labels: (number | string)[];
  words: Record<string, number[]>;
}

/** fold key → cluster labels ("k:id"), as the feature extractor takes them. */
export function clusterMap(data: ClusterData): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [w, ids] of Object.entries(data.words)) out.set(w, ids.map((id, i) => `${data.labels[i]}:${id}`));
  return out;
}

export function learnClusters(sentences: readonly (readonly string[])[], options: ClusterOptions = {}): ClusterData {
  const o = { ...DEFAULTS, ...options };
  const folded = sentences.map((s) => s.map(fold));
  const counts = new Map<string, number>();
  for (const s of folded) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const inner = new Map<string, [number, number]>();
  sentences.forEach((s, j) => {
    for (let i = 1; i < s.length; i++) {
      const c = inner.get(folded[j][i]) ?? [0, 0];
      c[0]++;
      if (s[i] !== s[i].toLowerCase()) c[1]++;
      inner.set(folded[j][i], c);
    }
  });
  const capsBucket = (w: string): number => {
    const c = inner.get(w);
    return c ? CAPS_BUCKETS.findIndex((b) => c[1] / c[0] < b) : CAPS_UNSEEN;
  };
  const byFreq = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = byFreq.filter(([, c]) => c >= o.minCount).map(([w]) => w);
  const vocabId = new Map(vocab.map((w, i) => [w, i]));
  const ctxId = new Map(byFreq.slice(0, o.contextWords).map(([w], i) => [w, i]));
  const D = o.dims;
  const rnd = random(o.seed);
  // One random ±1 projection vector per context dimension (left and right).
  const proj = new Float32Array(2 * CONTEXT_REACH * o.contextWords * D);
  for (let i = 0; i < proj.length; i++) proj[i] = rnd() < 0.5 ? -1 : 1;
  const ctxCounts: Map<number, number>[] = vocab.map(() => new Map());
  for (const s of folded) {
    for (let i = 0; i < s.length; i++) {
      const v = vocabId.get(s[i]);
      if (v === undefined) continue;
      const m = ctxCounts[v];
      for (let d = 1; d <= CONTEXT_REACH; d++) {
        const left = i >= d ? ctxId.get(s[i - d]) : undefined;
        const right = i + d < s.length ? ctxId.get(s[i + d]) : undefined;
        const base = (d - 1) * 2 * o.contextWords;
        if (left !== undefined) m.set(base + left, (m.get(base + left) ?? 0) + 1);
        if (right !== undefined) m.set(base + o.contextWords + right, (m.get(base + o.contextWords + right) ?? 0) + 1);
      }
    }
  }
  const vectors = new Float32Array(vocab.length * D);
  ctxCounts.forEach((m, v) => {
    for (const [dim, c] of m) {
      const wgt = Math.log1p(c);
      for (let d = 0; d < D; d++) vectors[v * D + d] += wgt * proj[dim * D + d];
    }
    normalize(vectors, v * D, D);
  });
  const coarse = kmeans(vectors, vocab.length, D, Math.min(o.coarse, vocab.length), o.iterations, rnd);
  const fine = o.splits.map(() => new Int32Array(vocab.length));
  for (let c = 0; c < o.coarse; c++) {
    const members: number[] = [];
    coarse.forEach((a, v) => a === c && members.push(v));
    if (!members.length) continue;
    const sub = new Float32Array(members.length * D);
    members.forEach((v, j) => sub.set(vectors.subarray(v * D, v * D + D), j * D));
    o.splits.forEach((k, level) => {
      const a = kmeans(sub, members.length, D, Math.min(k, members.length), o.iterations, rnd);
      members.forEach((v, j) => (fine[level][v] = c * k + a[j]));
    });
  }
  const words: Record<string, number[]> = {};
  vocab.forEach((w, v) => (words[w] = [coarse[v], ...fine.map((f) => f[v]), capsBucket(w)]));
  return { labels: [o.coarse, ...o.splits.map((k) => o.coarse * k), CAPS_LABEL], words };
}

function normalize(a: Float32Array, at: number, d: number): void {
  let n = 0;
  for (let i = 0; i < d; i++) n += a[at + i] * a[at + i];
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < d; i++) a[at + i] /= n;
}

/** Spherical k-means; centroids start at k distinct words spread over the frequency list. */
function kmeans(x: Float32Array, n: number, d: number, k: number, iterations: number, rnd: () => number): Int32Array {
  const centroids = new Float32Array(k * d);
  for (let c = 0; c < k; c++) {
    const v = Math.min(n - 1, Math.floor((c + rnd()) * (n / k)));
    centroids.set(x.subarray(v * d, v * d + d), c * d);
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let v = 0; v < n; v++) {
      let best = -Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += x[v * d + i] * centroids[c * d + i];
        if (dot > best) {
          best = dot;
          arg = c;
        }
      }
      assign[v] = arg;
    }
    centroids.fill(0);
    for (let v = 0; v < n; v++) for (let i = 0; i < d; i++) centroids[assign[v] * d + i] += x[v * d + i];
    for (let c = 0; c < k; c++) normalize(centroids, c * d, d);
  }
  return assign;
}
