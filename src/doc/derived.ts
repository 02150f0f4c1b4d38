// Values derived from a finished document that more than one later step reads
// or that are worth computing where the analysis ran (the store's record blobs
// and search keys, the body's fingerprint): computed once per document and
// name, kept beside it (not in it: the document stays as analysed), and carried
// with it when it crosses threads, so an analysis worker can compute them and
// the thread that writes the store only reads them.
import type { Doc } from "./doc.js";

export type Derived = Record<string, unknown>;

const kept = new WeakMap<Doc, Map<string, unknown>>();

/** The value `name` of the document, computed by `compute` the first time. */
export function derive<T>(doc: Doc, name: string, compute: (doc: Doc) => T): T {
  let values = kept.get(doc);
  if (!values) {
    values = new Map();
    kept.set(doc, values);
  }
  if (values.has(name)) return values.get(name) as T;
  const value = compute(doc);
  values.set(name, value);
  return value;
}

/** The values derived so far, for sending with the document to another thread. */
export function derivedOf(doc: Doc): Derived {
  return Object.fromEntries(kept.get(doc) ?? []);
}

/**
 * Keeps values derived in another thread for the document as it arrived here.
 * Structured cloning turns a Buffer into a plain Uint8Array: such values
 * become Buffers over the same bytes again.
 */
export function adoptDerived(doc: Doc, values: Derived): void {
  const map = new Map<string, unknown>();
  for (const [name, value] of Object.entries(values)) map.set(name, asBuffers(value));
  kept.set(doc, map);
}

function asBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asBuffers(v)]));
  }
  return value;
}
