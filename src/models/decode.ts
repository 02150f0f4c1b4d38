// Decoders over per-token class scores plus class transitions.
//
// Viterbi is the default for every tagger. Measured on the dev splits with the
// same trained models (see eval/results/*.md): Viterbi beats greedy left-to-right
// decoding of the same scores on NER, where the transition matrix also enforces
// well-formed BIO spans (an I-X never follows anything but B-X/I-X), and it costs
// little: with ≤ 20 classes the O(n·C²) pass is cheaper than feature scoring.
// Greedy is kept for the decoder comparison that `npm run eval` prints.

/** Scores `emissions[i*C + k]` for token i, class k; transitions `(C+1) × C`, row C = start. */
export interface DecodeInput {
  length: number;
  classes: number;
  emissions: Float64Array | Float32Array;
  transitions: Float32Array | Float64Array;
  /** Optional hard constraint, same layout as `transitions`: 0 forbids a move. */
  allowed?: Uint8Array;
}

const FORBIDDEN = -1e30;

export function viterbi(input: DecodeInput, out = new Int32Array(input.length)): Int32Array {
  const { length: n, classes: c, emissions: e, transitions: t, allowed } = input;
  if (n === 0) return out;
  let prev = new Float64Array(c);
  let cur = new Float64Array(c);
  const back = new Int32Array(n * c);
  for (let k = 0; k < c; k++) {
    const i = c * c + k;
    prev[k] = allowed && !allowed[i] ? FORBIDDEN : e[k] + t[i];
  }
  for (let pos = 1; pos < n; pos++) {
    for (let k = 0; k < c; k++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < c; p++) {
        const i = p * c + k;
        const s = allowed && !allowed[i] ? FORBIDDEN : prev[p] + t[i];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      cur[k] = best + e[pos * c + k];
      back[pos * c + k] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let best = 0;
  for (let k = 1; k < c; k++) if (prev[k] > prev[best]) best = k;
  for (let pos = n - 1; pos >= 0; pos--) {
    out[pos] = best;
    best = back[pos * c + best];
  }
  return out;
}

/** Left to right, each token takes its best class given the one before. */
export function greedy(input: DecodeInput, out = new Int32Array(input.length)): Int32Array {
  const { length: n, classes: c, emissions: e, transitions: t, allowed } = input;
  let prev = c;
  for (let pos = 0; pos < n; pos++) {
    let best = -Infinity;
    let arg = 0;
    for (let k = 0; k < c; k++) {
      const i = prev * c + k;
      if (allowed && !allowed[i]) continue;
      const s = e[pos * c + k] + t[i];
      if (s > best) {
        best = s;
        arg = k;
      }
    }
    out[pos] = arg;
    prev = arg;
  }
  return out;
}

export type Decoder = typeof viterbi;
export const DECODERS: Record<string, Decoder> = { viterbi, greedy };

/** Allowed moves for IOB2 labels ("O", "B-X", "I-X"): I-X only after B-X or I-X. */
export function bioConstraints(labels: readonly string[]): Uint8Array {
  const c = labels.length;
  const allowed = new Uint8Array((c + 1) * c).fill(1);
  for (let k = 0; k < c; k++) {
    if (!labels[k].startsWith("I-")) continue;
    const type = labels[k].slice(2);
    for (let p = 0; p <= c; p++) {
      const ok = p < c && (labels[p] === `B-${type}` || labels[p] === `I-${type}`);
      if (!ok) allowed[p * c + k] = 0;
    }
  }
  return allowed;
}
