// The fingerprint of an article body, for finding copies (syndicated agency
// texts, republished pages): MinHash over word shingles of its search keys,
// so accents, case and inflection aside, and LSH bands of the signature, so
// that a store finds the bodies that may be copies of a new one by a few
// index lookups, however many it holds. Two bodies are compared by the share
// of equal signature values (an estimate of the Jaccard similarity of their
// shingle sets) and by the containment that follows from it and their sizes,
// so a copy with its last paragraph trimmed still counts.
import { derive } from "../doc/derived.js";
import { TokenKind, type Doc } from "../doc/doc.js";
import { wordView } from "../text/words.js";

/** Signature length (hash functions). */
export const SIGNATURE_SIZE = 64;
/** Signature values per LSH band; SIGNATURE_SIZE / BAND_ROWS bands. */
export const BAND_ROWS = 2;
export const BANDS = SIGNATURE_SIZE / BAND_ROWS;
/** Words per shingle. */
const SHINGLE_WORDS = 4;
const SHINGLE_SEPARATOR = "\u0001";
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_STEP = 0x9e3779b9;

export interface Fingerprint {
  /** Distinct shingles of the body. */
  shingles: number;
  /** The least hash of the shingles under each of SIGNATURE_SIZE hash functions (unsigned 32-bit). */
  signature: Uint32Array;
  /** FNV-1a of the body's search keys in order: equal for bodies that are the same word for word. */
  exact: number;
}

export interface CopyOptions {
  /** Least estimated Jaccard similarity of two bodies' shingles for a copy. */
  minJaccard?: number;
  /** Least estimated share of the smaller body's shingles found in the larger one (a trimmed copy). */
  minContainment?: number;
  /** Fewest shingles a body needs to be compared at all (shorter bodies are copies only word for word). */
  minShingles?: number;
}

export const COPY_DEFAULTS: Required<CopyOptions> = { minJaccard: 0.4, minContainment: 0.8, minShingles: 8 };

export interface CopyMatch {
  /** The estimated Jaccard similarity of the two bodies' shingles. */
  similarity: number;
  /** The estimated share of the smaller body's shingles in the larger. */
  containment: number;
  exact: boolean;
}

function fnv1a(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** A 32-bit mix (murmur3's finaliser) of a value with a seed: one of the signature's hash functions. */
function mix(value: number, seed: number): number {
  let h = (value ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => Math.imul(i + 1, SEED_STEP) >>> 0);

/** The search keys of the body's words and numbers, in order. */
export function bodyKeys(doc: Doc): string[] {
  const body = doc.meta.body;
  if (!body) return [];
  const view = wordView(doc);
  const tok = doc.layers.tokens;
  const keys: string[] = [];
  for (let i = 0; i < tok.length; i++) {
    if (tok.start[i] < body.start || tok.end[i] > body.end) continue;
    if (view.isWord[i] || tok.kind[i] === TokenKind.Number) keys.push(view.key[i]);
  }
  return keys;
}

/** The fingerprint of a sequence of search keys. */
export function fingerprintKeys(keys: string[]): Fingerprint {
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= keys.length; i++) hashes.add(fnv1a(keys.slice(i, i + SHINGLE_WORDS).join(SHINGLE_SEPARATOR)));
  if (keys.length && keys.length < SHINGLE_WORDS) hashes.add(fnv1a(keys.join(SHINGLE_SEPARATOR)));
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of hashes) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = mix(h, SEEDS[k]);
      if (v < signature[k]) signature[k] = v;
    }
  }
  return { shingles: hashes.size, signature, exact: fnv1a(keys.join(SHINGLE_SEPARATOR)) };
}

/** The fingerprint of a document's body. */
export function fingerprint(doc: Doc): Fingerprint {
  return derive(doc, "fingerprint", (d) => fingerprintKeys(bodyKeys(d)));
}

/** The LSH band values of a signature, one per band: bodies sharing any is a candidate pair. */
export function bandValues(signature: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = FNV_OFFSET;
    for (let r = 0; r < BAND_ROWS; r++) h = mix(signature[b * BAND_ROWS + r], h);
    // Signed 32-bit, as SQLite integers compare.
    out.push(h | 0);
  }
  return out;
}

/** How alike two fingerprints are, and whether that makes one a copy of the other (null: not a copy). */
export function compareFingerprints(a: Fingerprint, b: Fingerprint, options: CopyOptions = {}): CopyMatch | null {
  const o = { ...COPY_DEFAULTS, ...options };
  const exact = a.exact === b.exact && a.shingles === b.shingles;
  if (exact) return { similarity: 1, containment: 1, exact: true };
  if (Math.min(a.shingles, b.shingles) < o.minShingles) return null;
  let equal = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a.signature[k] === b.signature[k]) equal++;
  const similarity = equal / SIGNATURE_SIZE;
  // |A ∩ B| = J (|A| + |B|) / (1 + J)
  const shared = (similarity * (a.shingles + b.shingles)) / (1 + similarity);
  const containment = Math.min(1, shared / Math.min(a.shingles, b.shingles));
  if (similarity < o.minJaccard && containment < o.minContainment) return null;
  return { similarity: Math.round(similarity * 1000) / 1000, containment: Math.round(containment * 1000) / 1000, exact: false };
}

/** A signature as bytes (little-endian), for storing. */
export function signatureBytes(signature: Uint32Array): Buffer {
  const out = Buffer.alloc(signature.length * 4);
  signature.forEach((v, i) => out.writeUInt32LE(v, i * 4));
  return out;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: buf.length / 4 }, (_, i) => buf.readUInt32LE(i * 4));
}
