// Feature hashing: a feature is a template number plus up to two strings (or a
// slice of one), hashed straight to 32 bits without building the feature string,
// so extraction allocates nothing on the hot path. FNV-1a over UTF-16 code units,
// finished with the murmur3 mixer.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Separates the parts of a feature so ("ab","c") and ("a","bc") differ. */
const PART_SEPARATOR = 0x1f;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Start a feature hash for template `template`. */
export function seed(template: number): number {
  return Math.imul(FNV_OFFSET ^ template, FNV_PRIME);
}

/** Add the code units [from, to) of `s` to hash `h`. */
export function addRange(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ PART_SEPARATOR, FNV_PRIME);
}

export function addString(h: number, s: string): number {
  return addRange(h, s, 0, s.length);
}

export function addNumber(h: number, n: number): number {
  return Math.imul(Math.imul(h ^ (n & 0xffff), FNV_PRIME) ^ (n >>> 16), FNV_PRIME);
}

/** The final 32-bit feature key (never 0, which marks an empty slot). */
export function finish(h: number): number {
  return mix(h) || 1;
}

/** Hash of (template, s). */
export function hash1(template: number, s: string): number {
  return finish(addString(seed(template), s));
}

/** Hash of (template, a, b). */
export function hash2(template: number, a: string, b: string): number {
  return finish(addString(addString(seed(template), a), b));
}
