// The binary model file: a gzip'd container holding a JSON header, the sorted
// feature keys (delta-coded) and the row weights quantised to int16 with one scale
// per model, plus the float32 transition matrix. Zero rows are pruned before
// saving; deltas and small integers make gzip effective.
import { constants as zlibConstants, gunzipSync, gzipSync } from "node:zlib";
import { LinearModel } from "./linear.js";

export const MODEL_FORMAT = "newsgraph-linear/1";
const MAGIC = 0x4e47504d; // "NGPM"
const GZIP_LEVEL = 9;
/** gzip's trailer: CRC-32, then the uncompressed size (mod 2^32). */
const GZIP_SIZE_BYTES = 4;
/** Largest uncompressed size taken from a trailer as the size of the one output chunk (larger files inflate chunk by chunk). */
const MAX_ONE_CHUNK = 256 * 1024 * 1024;

export interface ModelHeader {
  format: string;
  featureVersion: number;
  labels: string[];
  /** Free settings of the model kind (feature options, decoder, heads …). */
  settings: Record<string, unknown>;
}

export class ModelFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ModelFormatError";
  }
}

export function encodeModel(header: ModelHeader, model: LinearModel): Buffer {
  const c = model.classes;
  const keys = model.rowKeys();
  const order = Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b]);
  const { quantised, scale } = model;
  // Rows that are all zero are dropped.
  const keptKeys: number[] = [];
  const quant: number[] = [];
  for (const r of order) {
    const row = quantised.subarray(r * c, r * c + c);
    if (!row.some((v) => v !== 0)) continue;
    keptKeys.push(keys[r]);
    for (const v of row) quant.push(v);
  }
  const deltas = new Uint32Array(keptKeys.length);
  for (let i = 0; i < keptKeys.length; i++) deltas[i] = keptKeys[i] - (i > 0 ? keptKeys[i - 1] : 0);
  // Column-major weights (all rows' class 0, then class 1 …) compress better.
  const weights = new Int16Array(quant.length);
  const rows = keptKeys.length;
  for (let r = 0; r < rows; r++) for (let k = 0; k < c; k++) weights[k * rows + r] = quant[r * c + k];
  const headerBytes = Buffer.from(JSON.stringify({ ...header, classes: c, rows, scale }), "utf8");
  const fixed = Buffer.alloc(8);
  fixed.writeUInt32LE(MAGIC, 0);
  fixed.writeUInt32LE(headerBytes.length, 4);
  const body = Buffer.concat([
    fixed,
    headerBytes,
    Buffer.from(deltas.buffer, deltas.byteOffset, deltas.byteLength),
    Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength),
    Buffer.from(model.transitions.buffer, model.transitions.byteOffset, model.transitions.byteLength),
  ]);
  return gzipSync(body, { level: GZIP_LEVEL });
}

/**
 * A gzip file inflated into one buffer of the size its trailer gives: no chunks
 * joined afterwards, so loading a model holds its data once, not twice (the
 * resident peak of `analyze` is mostly the models being loaded).
 */
function gunzipWhole(file: Buffer): Buffer {
  const size = file.length > GZIP_SIZE_BYTES ? file.readUInt32LE(file.length - GZIP_SIZE_BYTES) : 0;
  return size > 0 && size <= MAX_ONE_CHUNK ? gunzipSync(file, { chunkSize: Math.max(zlibConstants.Z_MIN_CHUNK, size) }) : gunzipSync(file);
}

/** A typed array constructor (Uint32Array, Int16Array …) over part of a buffer. */
interface TypedArrayType<T> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

export function decodeModel(file: Buffer): { header: ModelHeader; model: LinearModel } {
  let raw: Buffer;
  try {
    raw = gunzipWhole(file);
  } catch (cause) {
    throw new ModelFormatError("model file is not gzip data", { cause });
  }
  if (raw.length < 8 || raw.readUInt32LE(0) !== MAGIC) throw new ModelFormatError("not a newsgraph model file");
  const headerLength = raw.readUInt32LE(4);
  const meta = JSON.parse(raw.subarray(8, 8 + headerLength).toString("utf8")) as ModelHeader & {
    classes: number;
    rows: number;
    scale: number;
  };
  if (meta.format !== MODEL_FORMAT) throw new ModelFormatError(`model format ${meta.format}, expected ${MODEL_FORMAT}`);
  const { classes: c, rows, scale } = meta;
  let at = 8 + headerLength;
  const missing = () => new ModelFormatError("model file has trailing or missing bytes");
  const copy = (bytes: number): ArrayBuffer => {
    if (at + bytes > raw.length) throw missing();
    const out = new ArrayBuffer(bytes);
    new Uint8Array(out).set(raw.subarray(at, at + bytes));
    at += bytes;
    return out;
  };
  /** The next `count` elements, read in place where they are aligned for the type (they are only read here, then dropped), else copied. */
  const transient = <T>(Type: TypedArrayType<T>, count: number): T => {
    if (at + count * Type.BYTES_PER_ELEMENT > raw.length) throw missing();
    const offset = raw.byteOffset + at;
    if (offset % Type.BYTES_PER_ELEMENT !== 0) return new Type(copy(count * Type.BYTES_PER_ELEMENT), 0, count);
    at += count * Type.BYTES_PER_ELEMENT;
    return new Type(raw.buffer, offset, count);
  };
  const deltas = transient(Uint32Array, rows);
  const weights16 = transient(Int16Array, rows * c);
  // Kept by the model: its own copy.
  const transitions = new Float32Array(copy((c + 1) * c * 4));
  if (at !== raw.length) throw missing();
  const keys = new Uint32Array(rows);
  let key = 0;
  for (let i = 0; i < rows; i++) keys[i] = key = (key + deltas[i]) >>> 0;
  const quantised = new Int16Array(rows * c);
  for (let r = 0; r < rows; r++) for (let k = 0; k < c; k++) quantised[r * c + k] = weights16[k * rows + r];
  const header: ModelHeader = { format: meta.format, featureVersion: meta.featureVersion, labels: meta.labels, settings: meta.settings };
  return { header, model: new LinearModel(c, keys, { quantised, scale }, transitions) };
}
