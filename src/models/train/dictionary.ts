// Preset dictionaries for deflate (store/packing.ts), learned from samples.
// Segments (the idea of zstd's COVER trainer): every D-byte string is counted
// once per sample it occurs in; the SEGMENT-byte stretches of the samples whose
// not yet covered D-byte strings occur in the most samples are taken one by one
// until the dictionary is full, and the strings of a stretch taken count no more.
// Words (for texts, whose dictionary holds words, not passages): the words that
// save most, the samples they occur in times their length. Both put the best
// last, where deflate reaches them with the shortest distances. Written here
// because Node's zlib has no trainer of its own.

/** Bytes deflate can refer back to: its window. */
export const MAX_DICTIONARY = 32 * 1024;
/** The length of the strings counted. */
const D = 8;
/** The length of a segment taken. */
const SEGMENT = 48;
/** Where segments may start, every STEP bytes of a sample. */
const STEP = 4;
/** Buckets of the counts of strings (hashed; a collision adds two strings' counts). */
const BUCKET_BITS = 22;
/** Samples a word must occur in to be listed. */
const MIN_WORD_SAMPLES = 3;
const WORD = /[\p{L}\p{N}]+/gu;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function stringAt(b: Uint8Array, at: number): number {
  let h = FNV_OFFSET;
  for (let j = 0; j < D; j++) h = Math.imul(h ^ b[at + j], FNV_PRIME);
  return (h >>> 0) >>> (32 - BUCKET_BITS);
}

/** A max-heap of candidate segments by score, the earlier candidate first on a tie. */
class Candidates {
  private readonly heap: number[] = [];
  constructor(private readonly score: Float64Array) {}
  private above(a: number, b: number): boolean {
    return this.score[a] > this.score[b] || (this.score[a] === this.score[b] && a < b);
  }
  get size(): number {
    return this.heap.length;
  }
  peek(): number {
    return this.heap[0];
  }
  push(c: number): void {
    const h = this.heap;
    h.push(c);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.above(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h.pop() as number;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let m = i;
        if (l < h.length && this.above(h[l], h[m])) m = l;
        if (l + 1 < h.length && this.above(h[l + 1], h[m])) m = l + 1;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** A dictionary of up to `size` bytes of segments of the samples (deterministic: the same samples give the same bytes). */
export function segmentDictionary(samples: readonly Uint8Array[], size = MAX_DICTIONARY): Buffer {
  const counts = new Uint32Array(1 << BUCKET_BITS);
  const stamp = new Uint32Array(1 << BUCKET_BITS);
  /** Each sample's strings, hashed once: `strings[i][at]` for the string at `at`. */
  const strings = samples.map((s) => Uint32Array.from({ length: Math.max(0, s.length - D + 1) }, (_, at) => stringAt(s, at)));
  strings.forEach((hashes, i) => {
    for (const h of hashes) {
      if (stamp[h] !== i + 1) {
        stamp[h] = i + 1;
        counts[h]++;
      }
    }
  });
  // A string in one sample only is no help to another.
  for (let h = 0; h < counts.length; h++) if (counts[h] < 2) counts[h] = 0;
  stamp.fill(0);
  let stamped = 0;
  const segmentScore = (hashes: Uint32Array, start: number): number => {
    stamped++;
    let total = 0;
    for (let at = start; at + D <= start + SEGMENT; at++) {
      const h = hashes[at];
      if (stamp[h] === stamped) continue;
      stamp[h] = stamped;
      total += counts[h];
    }
    return total;
  };
  const sampleOf: number[] = [];
  const startOf: number[] = [];
  samples.forEach((s, i) => {
    for (let start = 0; start + SEGMENT <= s.length; start += STEP) {
      sampleOf.push(i);
      startOf.push(start);
    }
  });
  const score = new Float64Array(sampleOf.length);
  const heap = new Candidates(score);
  for (let c = 0; c < score.length; c++) {
    score[c] = segmentScore(strings[sampleOf[c]], startOf[c]);
    if (score[c] > 0) heap.push(c);
  }
  const taken: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < size && heap.size) {
    const c = heap.pop();
    const s = samples[sampleOf[c]];
    const hashes = strings[sampleOf[c]];
    // Scores only fall as strings are covered: a candidate whose fresh score still leads is the best.
    const fresh = segmentScore(hashes, startOf[c]);
    if (fresh <= 0) continue;
    if (heap.size && fresh < score[heap.peek()]) {
      score[c] = fresh;
      heap.push(c);
      continue;
    }
    taken.push(s.subarray(startOf[c], startOf[c] + SEGMENT));
    bytes += SEGMENT;
    for (let at = startOf[c]; at + D <= startOf[c] + SEGMENT; at++) counts[hashes[at]] = 0;
  }
  const dictionary = Buffer.concat(taken.reverse());
  return dictionary.subarray(Math.max(0, dictionary.length - size));
}

/** A dictionary of up to `size` bytes of the words of the texts, space-separated, those that save most last. */
export function wordDictionary(texts: readonly string[], size = MAX_DICTIONARY): Buffer {
  const samples = new Map<string, number>();
  for (const text of texts) {
    for (const w of new Set(text.match(WORD) ?? [])) samples.set(w, (samples.get(w) ?? 0) + 1);
  }
  const ranked = [...samples]
    .filter(([, n]) => n >= MIN_WORD_SAMPLES)
    .map(([w, n]) => ({ w, bytes: Buffer.byteLength(w), n }))
    .map((x) => ({ ...x, saves: x.n * (x.bytes - 1) }))
    .sort((a, b) => b.saves - a.saves || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0));
  const words: string[] = [];
  let bytes = 1;
  for (const x of ranked) {
    if (bytes + x.bytes + 1 > size) break;
    words.push(x.w);
    bytes += x.bytes + 1;
  }
  return Buffer.from(` ${words.reverse().join(" ")} `);
}
