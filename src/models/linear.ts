// The linear scorer behind every tagger: hashed feature keys → dense rows of one
// weight per class, plus a class-transition matrix for sequence models. The
// runtime `LinearModel` is read-only and compact (open-addressing key table,
// Float32 rows); the `AveragedPerceptron` trains one and hands back the averaged
// weights (Collins 2002; averaging by the "w − u/c" trick, so an update costs
// O(classes) however long training runs).

const EMPTY = 0;
/** Load factor of the open-addressing key table. */
const TABLE_FILL = 0.5;
const INITIAL_ROWS = 1 << 14;
const INT16_MAX = 32767;

function tableSize(rows: number): number {
  let size = 16;
  while (size * TABLE_FILL < rows) size <<= 1;
  return size;
}

/** Weights quantised to int16 with one scale: `weight = quantised × scale`. */
export interface QuantisedWeights {
  quantised: Int16Array;
  scale: number;
}

/** int16 quantisation of float weights: the largest magnitude becomes ±32767. */
export function quantise(weights: Float32Array): QuantisedWeights {
  let maxAbs = 0;
  for (const v of weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / INT16_MAX : 1;
  const quantised = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) quantised[i] = Math.round(weights[i] / scale);
  return { quantised, scale };
}

/**
 * Row weights are int16 (`rows × classes`) with one scale per model, and scores
 * are summed as integers: exact, so the order of summation (or a cached partial
 * sum) never changes a score. The key table interleaves each key with its row,
 * so finding a row touches one cache line.
 */
export class LinearModel {
  readonly classes: number;
  readonly rows: number;
  readonly quantised: Int16Array;
  readonly scale: number;
  /** Transition weights: `(classes + 1) × classes`; row `classes` is the start state. */
  readonly transitions: Float32Array;
  /** Open addressing: `[key, row]` pairs, key 0 = empty. */
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(classes: number, keys: Uint32Array, weights: Float32Array | QuantisedWeights, transitions?: Float32Array) {
    const q = weights instanceof Float32Array ? quantise(weights) : weights;
    if (q.quantised.length !== keys.length * classes) throw new Error("weights do not match keys × classes");
    this.classes = classes;
    this.rows = keys.length;
    this.quantised = q.quantised;
    this.scale = q.scale;
    this.transitions = transitions ?? new Float32Array((classes + 1) * classes);
    const size = tableSize(keys.length);
    this.mask = size - 1;
    this.table = new Int32Array(size * 2);
    for (let r = 0; r < keys.length; r++) {
      let slot = keys[r] & this.mask;
      while (this.table[slot * 2] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table[slot * 2] = keys[r] | 0;
      this.table[slot * 2 + 1] = r;
    }
  }

  /** The dequantised weights, `rows × classes`. */
  get weights(): Float32Array {
    return Float32Array.from(this.quantised, (v) => v * this.scale);
  }

  /** Row index of a feature key, or −1. */
  row(key: number): number {
    const t = this.table;
    const k32 = key | 0;
    let slot = key & this.mask;
    for (;;) {
      const k = t[slot * 2];
      if (k === k32) return t[slot * 2 + 1];
      if (k === EMPTY) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Add the quantised rows of `features[from..to)` into `out[offset .. offset+classes)`. */
  sum(features: Uint32Array, from: number, to: number, out: Int32Array, offset = 0): void {
    const c = this.classes;
    const w = this.quantised;
    for (let f = from; f < to; f++) {
      const r = this.row(features[f]);
      if (r < 0) continue;
      const base = r * c;
      for (let k = 0; k < c; k++) out[offset + k] += w[base + k];
    }
  }

  /** As `sum`, for one key. */
  sumKey(key: number, out: Int32Array, offset = 0): void {
    const r = this.row(key);
    if (r < 0) return;
    const c = this.classes;
    const w = this.quantised;
    const base = r * c;
    for (let k = 0; k < c; k++) out[offset + k] += w[base + k];
  }

  /** As `sum`, but only for the classes listed in `only` (the rest of `out` is left alone). */
  sumSome(features: Uint32Array, from: number, to: number, out: Int32Array, only: Int32Array): void {
    const c = this.classes;
    const w = this.quantised;
    for (let f = from; f < to; f++) {
      const r = this.row(features[f]);
      if (r < 0) continue;
      const base = r * c;
      for (let j = 0; j < only.length; j++) out[only[j]] += w[base + only[j]];
    }
  }

  /** Scores (dequantised) of `features[from..to)` added into `out[offset .. offset+classes)`. */
  score(features: Uint32Array, from: number, to: number, out: Float32Array | Float64Array, offset = 0): void {
    const sums = new Int32Array(this.classes);
    this.sum(features, from, to, sums);
    for (let k = 0; k < this.classes; k++) out[offset + k] += sums[k] * this.scale;
  }

  /** The feature keys, in row order. */
  rowKeys(): Uint32Array {
    const out = new Uint32Array(this.rows);
    for (let s = 0; s < this.table.length; s += 2) if (this.table[s] !== EMPTY) out[this.table[s + 1]] = this.table[s] >>> 0;
    return out;
  }
}

export interface FinalizeOptions {
  /** Rows whose largest absolute averaged weight is below this are dropped. */
  pruneBelow?: number;
}

/** Trainer: raw weights `w`, running sums `u` for averaging, one row per feature key. */
export class AveragedPerceptron {
  readonly classes: number;
  private readonly index = new Map<number, number>();
  private w: Float64Array;
  private u: Float64Array;
  private readonly tw: Float64Array;
  private readonly tu: Float64Array;
  /** Examples seen so far (the averaging clock). */
  private clock = 1;

  constructor(classes: number) {
    this.classes = classes;
    this.w = new Float64Array(INITIAL_ROWS * classes);
    this.u = new Float64Array(INITIAL_ROWS * classes);
    this.tw = new Float64Array((classes + 1) * classes);
    this.tu = new Float64Array((classes + 1) * classes);
  }

  get rows(): number {
    return this.index.size;
  }

  /** Advance the averaging clock: call once per training example. */
  tick(): void {
    this.clock++;
  }

  score(features: Uint32Array, from: number, to: number, out: Float64Array, offset = 0): void {
    const c = this.classes;
    for (let f = from; f < to; f++) {
      const r = this.index.get(features[f]);
      if (r === undefined) continue;
      const base = r * c;
      for (let k = 0; k < c; k++) out[offset + k] += this.w[base + k];
    }
  }

  /** The raw (not averaged) transition weights, for decoding during training. */
  get transitionWeights(): Float64Array {
    return this.tw;
  }

  /** Add `delta` to class `cls` of every feature in `features[from..to)`. */
  update(features: Uint32Array, from: number, to: number, cls: number, delta: number): void {
    const c = this.classes;
    const cu = this.clock * delta;
    for (let f = from; f < to; f++) {
      const base = this.rowOf(features[f]) * c + cls;
      this.w[base] += delta;
      this.u[base] += cu;
    }
  }

  /** Add `delta` to the transition prev → cls (prev = classes for the start state). */
  updateTransition(prev: number, cls: number, delta: number): void {
    const i = prev * this.classes + cls;
    this.tw[i] += delta;
    this.tu[i] += this.clock * delta;
  }

  private rowOf(key: number): number {
    let r = this.index.get(key);
    if (r !== undefined) return r;
    r = this.index.size;
    this.index.set(key, r);
    if ((r + 1) * this.classes > this.w.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.w = grow(this.w);
      this.u = grow(this.u);
    }
    return r;
  }

  /** The averaged model, with rows of negligible weight pruned. */
  finalize(options: FinalizeOptions = {}): LinearModel {
    const prune = options.pruneBelow ?? 0;
    const c = this.classes;
    const avg = (w: number, u: number): number => w - u / this.clock;
    const keep: number[] = [];
    const keys: number[] = [];
    for (const [key, r] of this.index) {
      let max = 0;
      for (let k = 0; k < c; k++) max = Math.max(max, Math.abs(avg(this.w[r * c + k], this.u[r * c + k])));
      if (max > prune) {
        keep.push(r);
        keys.push(key);
      }
    }
    const weights = new Float32Array(keep.length * c);
    keep.forEach((r, i) => {
      for (let k = 0; k < c; k++) weights[i * c + k] = avg(this.w[r * c + k], this.u[r * c + k]);
    });
    const transitions = new Float32Array(this.tw.length);
    for (let i = 0; i < transitions.length; i++) transitions[i] = avg(this.tw[i], this.tu[i]);
    return new LinearModel(c, Uint32Array.from(keys), weights, transitions);
  }
}

/**
 * The mean of models over the same classes (absent rows count as zero): one
 * model that scores as the average of several trained in different orders.
 */
export function averageModels(models: readonly LinearModel[]): LinearModel {
  const c = models[0].classes;
  if (models.some((m) => m.classes !== c)) throw new Error("models to average have different classes");
  const rows = new Map<number, Float32Array>();
  for (const m of models) {
    const keys = m.rowKeys();
    const w = m.weights;
    for (let r = 0; r < keys.length; r++) {
      let row = rows.get(keys[r]);
      if (!row) rows.set(keys[r], (row = new Float32Array(c)));
      for (let k = 0; k < c; k++) row[k] += w[r * c + k] / models.length;
    }
  }
  const keys = Uint32Array.from(rows.keys());
  const weights = new Float32Array(keys.length * c);
  let r = 0;
  for (const row of rows.values()) weights.set(row, c * r++);
  const transitions = new Float32Array(models[0].transitions.length);
  for (const m of models) for (let i = 0; i < transitions.length; i++) transitions[i] += m.transitions[i] / models.length;
  return new LinearModel(c, keys, weights, transitions);
}
