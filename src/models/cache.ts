// A bounded map for per-word-type memos on the tagging hot path: two generations,
// the newer filled up to half the limit, then the older dropped and the newer aged,
// so frequent words stay cached however long a stream runs and memory stays flat.

export class BoundedMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(limit: number) {
    this.half = Math.max(1, Math.floor(limit / 2));
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}

/** How many entries of `bytesEach` fit in `budget` bytes. */
export function entriesWithin(budget: number, bytesEach: number): number {
  return Math.max(1, Math.floor(budget / bytesEach));
}
