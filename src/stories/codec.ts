// The stored form of story profiles and report contributions (before they
// are deflated): a short JSON header (the counts of each vector's weights),
// every key in one run separated by NUL, and the weights as integers in units
// of 10^-WEIGHT_DECIMALS. A candidate story's profile is read at every
// assignment that finds it, and once a store outgrows the cache of unpacked
// profiles most are read from their bytes: parsing JSON arrays of keys and
// weights was two fifths of that reading, splitting one string and reading
// integers takes a fraction of it. The rounded weights are the same numbers
// the JSON form kept.
//
// Format 4 is the compact one: a content word's `w:<lang>:` is one byte, the
// keys are in ISO 8859-7 (ASCII and the Greek letters one byte each, where
// UTF-8 takes two for a Greek letter, and decoded natively), and the weights
// are variable-length integers (most take 3 bytes instead of 4). A report's
// contribution took 2,237 bytes deflated in format 3 and 1,899 in this one
// (2,000 generated articles), and half of them now take under half a 4 KiB
// page, so two share one.
// Format 5 is format 4 with every weight a whole number of 1/WEIGHT_GRID
// (10^-3), as the contributions made since are (stories/assign.ts) and the
// sums of them: unsigned variable-length integers of that unit, one byte for
// a weight below 0.128 where format 4 takes two or three. A blob with a weight
// off that grid (a sum of contributions written before it) is written in format 4.
// Keys with a character 8859-7 has not are written in format 3 (UTF-8 keys,
// 32-bit weights). The forms written by earlier versions are still read —
// format 3, JSON arrays of keys beside arrays of weights (format 2) and one
// object per vector before that — and a story's blob is rewritten in format 4
// when it next changes.
import { KEY_PARTS, partsOf, termKeyPrefix, WEIGHT_GRID, type Contribution, type KeyPart, type StoryProfile, type Vector } from "./assign.js";
import type { PublicationDay } from "./features.js";
import { decodeGreek, encodeGreek } from "../text/iso-8859-7.js";
import { lazyField } from "../util/lazy.js";

/** Decimals kept of a stored weight (weights are unit-vector components and their sums). */
const WEIGHT_DECIMALS = 5;
const SCALE = 10 ** WEIGHT_DECIMALS;
/** First element of the JSON array form of earlier versions. */
const ARRAY_FORMAT = 2;
/** First byte of the binary forms (the JSON forms begin with `[` or `{`): UTF-8 keys and 32-bit weights. */
const UTF8_FORMAT = 3;
/** First byte of the compact binary form: 8859-7 keys, term prefixes as one byte, variable-length weights. */
const COMPACT_FORMAT = 4;
/** First byte of the compact form whose weights are whole numbers of 1/WEIGHT_GRID, written unsigned in that unit. */
const GRID_FORMAT = 5;
/** How far from a whole number of units a weight may be (float sums) and still be on the grid. */
const GRID_TOLERANCE = 1e-6;
/** Separates the keys of the binary forms: no key holds it (keys are search keys, entity keys, numbers and dates). */
const KEY_SEPARATOR = "\u0000";
/** Stands for a content word's `w:<lang>:` in the compact form's keys (no key holds it either). */
const TERM_MARK = "\u0001";
const U32_BYTES = 4;
const I32_BYTES = 4;
/** Bits of a variable-length integer's byte that carry the number; the high bit says another byte follows. */
const VARINT_BITS = 7;
const VARINT_MORE = 0x80;
const VARINT_BASE = 2 ** VARINT_BITS;

/** The keys in one run, NUL-separated, with the format that says how: `compact` in the key charset when it has every character, else `keys` in UTF-8. */
function keyRun(compact: readonly string[], keys: readonly string[]): [typeof COMPACT_FORMAT | typeof UTF8_FORMAT, Buffer] {
  const bytes = encodeGreek(compact.join(KEY_SEPARATOR));
  return bytes ? [COMPACT_FORMAT, bytes] : [UTF8_FORMAT, Buffer.from(keys.join(KEY_SEPARATOR), "utf8")];
}

/** The keys of a run of `length` bytes at `at`, in the format of the blob's first byte. */
function readKeyRun(bytes: Buffer, at: number, length: number): string[] {
  const text = bytes[0] === COMPACT_FORMAT || bytes[0] === GRID_FORMAT ? decodeGreek(bytes.subarray(at, at + length)) : bytes.toString("utf8", at, at + length);
  return text.split(KEY_SEPARATOR);
}

/** Zigzag (sign in the lowest bit) unless `unsigned`, then 7 bits a byte, lowest first. */
function writeVarints(values: readonly number[], unsigned = false): Buffer {
  const out: number[] = [];
  for (const v of values) {
    let u = unsigned ? v : v < 0 ? -2 * v - 1 : 2 * v;
    while (u >= VARINT_BASE) {
      out.push((u % VARINT_BASE) | VARINT_MORE);
      u = Math.floor(u / VARINT_BASE);
    }
    out.push(u);
  }
  return Buffer.from(out);
}

function readVarints(bytes: Buffer, at: number, count: number, unsigned = false): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    let u = 0;
    let scale = 1;
    let b: number;
    do {
      if (at >= bytes.length) throw new Error("story blob: its weights end early");
      b = bytes[at++];
      u += (b & (VARINT_BASE - 1)) * scale;
      scale *= VARINT_BASE;
    } while (b & VARINT_MORE);
    out[i] = unsigned ? u : u % 2 ? -(u + 1) / 2 : u / 2;
  }
  return out;
}

type Pairs = [string[], number[]];
type ProfileForm = [typeof ARRAY_FORMAT, number, StoryProfile["days"], [string, ...Pairs][], Pairs[]];
type ContributionForm = [typeof ARRAY_FORMAT, string, PublicationDay | null, Pairs, Pairs[]];
/** The binary form's headers: a vector is given by its number of weights. */
type ProfileHeader = [number, StoryProfile["days"], [string, number][], number[]];
type ContributionHeader = [string, PublicationDay | null, number, number[]];
/** The object form of earlier versions. */
type Weights = Record<string, number>;
interface LegacyProfile {
  articles: number;
  terms: Record<string, Weights>;
  parts: Partial<Record<KeyPart, Weights>>;
  days: StoryProfile["days"];
}
interface LegacyContribution {
  lang: string;
  terms: Weights;
  parts: Partial<Record<KeyPart, Weights>>;
  day: PublicationDay | null;
}

function vector([keys, weights]: Pairs): Vector {
  const v: Vector = new Map();
  for (let i = 0; i < keys.length; i++) v.set(keys[i], weights[i]);
  return v;
}

const fromObject = (r: Weights): Vector => new Map(Object.entries(r));
/** The parts in KEY_PARTS order; a part that blobs written before it came do not have is empty. */
const partsFrom = (forms: Pairs[]): Record<KeyPart, Vector> => partsOf((p) => {
  const form = forms[KEY_PARTS.indexOf(p)];
  return form ? vector(form) : new Map();
});
const legacyParts = (w: Partial<Record<KeyPart, Weights>>): Record<KeyPart, Vector> => partsOf((p) => (w[p] ? fromObject(w[p]) : new Map()));

/** Writes a binary form: each vector's keys and scaled weights in order (weights that round to 0 left out), then the bytes with a header. */
class BinaryWriter {
  private readonly keys: string[] = [];
  /** The keys as the compact form writes them: a term's prefix as TERM_MARK. */
  private readonly marked: string[] = [];
  private readonly weights: number[] = [];
  /** The weights in units of 1/WEIGHT_GRID, while every one is a whole positive number of them. */
  private units: number[] | null = [];

  /** Add a vector (a language's content words when `lang` is given); its number of weights, for the header. */
  vector(v: Vector, lang?: string): number {
    const prefix = lang === undefined ? null : termKeyPrefix(lang);
    let n = 0;
    for (const [k, w] of v) {
      const r = Math.round(w * SCALE);
      if (r === 0) continue;
      this.keys.push(k);
      this.marked.push(prefix !== null && k.startsWith(prefix) ? TERM_MARK + k.slice(prefix.length) : k);
      this.weights.push(r);
      const unit = Math.round(w * WEIGHT_GRID);
      if (unit > 0 && Math.abs(w * WEIGHT_GRID - unit) < GRID_TOLERANCE) this.units?.push(unit);
      else this.units = null;
      n++;
    }
    return n;
  }

  /** The parts in KEY_PARTS order; their numbers of weights. */
  parts(parts: Record<KeyPart, Vector>): number[] {
    return KEY_PARTS.map((k) => this.vector(parts[k]));
  }

  /** [format][header length][header][keys length][keys][weights]: the compact form when the key charset has every character of the keys, the grid form when its weights are on the grid too. */
  bytes(header: unknown): Buffer {
    const head = Buffer.from(JSON.stringify(header), "utf8");
    const [keyFormat, text] = keyRun(this.marked, this.keys);
    const format = keyFormat === COMPACT_FORMAT && this.units ? GRID_FORMAT : keyFormat;
    const weights = format === GRID_FORMAT ? writeVarints(this.units!, true) : format === COMPACT_FORMAT ? writeVarints(this.weights) : int32s(this.weights);
    const out = Buffer.alloc(1 + U32_BYTES + head.length + U32_BYTES + text.length + weights.length);
    let at = out.writeUInt8(format, 0);
    at = out.writeUInt32LE(head.length, at);
    at += head.copy(out, at);
    at = out.writeUInt32LE(text.length, at);
    at += text.copy(out, at);
    weights.copy(out, at);
    return out;
  }
}

function int32s(values: readonly number[]): Buffer {
  const out = Buffer.alloc(values.length * I32_BYTES);
  values.forEach((v, i) => out.writeInt32LE(v, i * I32_BYTES));
  return out;
}

/** Reads a binary form back: its header, and each vector (by its number of weights, in the order written) as a map made on first read. */
class BinaryReader {
  readonly header: unknown;
  private readonly keys: string[];
  private readonly weights: number[];
  /** What a stored weight is divided by. */
  private readonly scale: number;
  private next = 0;

  constructor(bytes: Buffer) {
    const headLength = bytes.readUInt32LE(1);
    const headAt = 1 + U32_BYTES;
    this.header = JSON.parse(bytes.toString("utf8", headAt, headAt + headLength));
    const textAt = headAt + headLength + U32_BYTES;
    const textLength = bytes.readUInt32LE(headAt + headLength);
    const format = bytes[0];
    this.keys = textLength ? readKeyRun(bytes, textAt, textLength) : [];
    const weightsAt = textAt + textLength;
    this.weights = format === UTF8_FORMAT
      ? this.keys.map((_, i) => bytes.readInt32LE(weightsAt + i * I32_BYTES))
      : readVarints(bytes, weightsAt, this.keys.length, format === GRID_FORMAT);
    this.scale = format === GRID_FORMAT ? WEIGHT_GRID : SCALE;
  }

  /**
   * The next `n` weights as a vector (a language's content words, their prefixes
   * restored, when `lang` is given), to be made on first read (`lazyField`). A candidate story's
   * profile is read to compare an article with it, and seven in ten are turned
   * away by their dates or figures before their words and entities are read
   * (24 candidates an article at 20,000 stored articles): building those maps
   * was a tenth of the stories' time an article.
   */
  lazyVector(n: number, lang?: string): () => Vector {
    const { keys, weights, scale } = this;
    const start = this.next;
    this.next += n;
    return () => toVector(keys, weights, scale, start, n, lang);
  }

  /** The parts, read in KEY_PARTS order (as BinaryWriter.parts wrote them), each made on first read. */
  parts(counts: number[]): Record<KeyPart, Vector> {
    const out = {} as Record<KeyPart, Vector>;
    for (const [i, part] of KEY_PARTS.entries()) lazyField(out, part, this.lazyVector(counts[i]));
    return out;
  }
}

/** The `n` keys and scaled weights (each `scale` times the weight) from `start` as a vector (a language's content words, their prefixes restored, when `lang` is given). */
function toVector(keys: readonly string[], weights: readonly number[], scale: number, start: number, n: number, lang?: string): Vector {
  const prefix = lang === undefined ? null : termKeyPrefix(lang);
  const v: Vector = new Map();
  for (let i = start; i < start + n; i++) {
    const k = keys[i];
    v.set(prefix !== null && k.startsWith(TERM_MARK) ? prefix + k.slice(TERM_MARK.length) : k, weights[i] / scale);
  }
  return v;
}

const isBinary = (bytes: Buffer): boolean => bytes[0] === UTF8_FORMAT || bytes[0] === COMPACT_FORMAT || bytes[0] === GRID_FORMAT;
const json = (bytes: Buffer): unknown => JSON.parse(bytes.toString("utf8"));

export function profileBytes(p: StoryProfile): Buffer {
  const w = new BinaryWriter();
  // A language none of whose weights are written (none left, or all rounding to 0) is left out: it reads as one without words.
  const terms = Object.entries(p.terms).map(([lang, v]): [string, number] => [lang, w.vector(v, lang)]).filter(([, n]) => n > 0);
  const header: ProfileHeader = [p.articles, p.days, terms, w.parts(p.parts)];
  return w.bytes(header);
}

export function profileFromBytes(bytes: Buffer): StoryProfile {
  if (!isBinary(bytes)) return decodeProfile(json(bytes));
  const r = new BinaryReader(bytes);
  const [articles, days, terms, parts] = r.header as ProfileHeader;
  const byLang: Record<string, Vector> = {};
  for (const [lang, n] of terms) lazyField(byLang, lang, r.lazyVector(n, lang));
  return { articles, days, terms: byLang, parts: r.parts(parts) };
}

export function contributionBytes(c: Contribution): Buffer {
  const w = new BinaryWriter();
  const header: ContributionHeader = [c.lang, c.day, w.vector(c.terms, c.lang), w.parts(c.parts)];
  return w.bytes(header);
}

export function contributionFromBytes(bytes: Buffer): Contribution {
  if (!isBinary(bytes)) return decodeContribution(json(bytes));
  const r = new BinaryReader(bytes);
  const [lang, day, terms, parts] = r.header as ContributionHeader;
  // The content words first, as they were written; none is an empty map at once (soleProfile asks whether there are any).
  const words = terms ? r.lazyVector(terms, lang) : null;
  const c = { lang, day, parts: r.parts(parts) } as Contribution;
  if (words) lazyField(c, "terms", words);
  else c.terms = new Map();
  return c;
}

/**
 * A story's lookup keys with the assignment (seq) each was last written at,
 * as the SQLite store keeps them beside the story: [format][keys length, 4 bytes]
 * [keys, NUL-separated, in the key charset or else UTF-8][varints: the largest
 * seq, then each key's distance below it]. Nothing for no keys.
 */
export function keySeqsBytes(seqs: ReadonlyMap<string, number>): Buffer {
  if (!seqs.size) return Buffer.alloc(0);
  const keys = [...seqs.keys()];
  const [format, text] = keyRun(keys, keys);
  const max = Math.max(...seqs.values());
  const out = Buffer.alloc(1 + U32_BYTES + text.length);
  out.writeUInt32LE(text.length, out.writeUInt8(format, 0));
  text.copy(out, 1 + U32_BYTES);
  return Buffer.concat([out, writeVarints([max, ...[...seqs.values()].map((s) => max - s)])]);
}

export function keySeqsFromBytes(bytes: Buffer): Map<string, number> {
  if (!bytes.length) return new Map();
  const textLength = bytes.readUInt32LE(1);
  const textAt = 1 + U32_BYTES;
  const keys = readKeyRun(bytes, textAt, textLength);
  const [max, ...below] = readVarints(bytes, textAt + textLength, keys.length + 1);
  return new Map(keys.map((k, i) => [k, max - below[i]]));
}

/** A profile in a JSON form of earlier versions (array or object form). */
export function decodeProfile(value: unknown): StoryProfile {
  if (!Array.isArray(value)) {
    const o = value as LegacyProfile;
    return { articles: o.articles, terms: Object.fromEntries(Object.entries(o.terms).map(([lang, r]) => [lang, fromObject(r)])), parts: legacyParts(o.parts), days: o.days };
  }
  const [, articles, days, terms, parts] = value as ProfileForm;
  return { articles, terms: Object.fromEntries(terms.map(([lang, keys, weights]) => [lang, vector([keys, weights])])), parts: partsFrom(parts), days };
}

/** A contribution in a JSON form of earlier versions (array or object form). */
export function decodeContribution(value: unknown): Contribution {
  if (!Array.isArray(value)) {
    const o = value as LegacyContribution;
    return { lang: o.lang, terms: fromObject(o.terms), parts: legacyParts(o.parts), day: o.day };
  }
  const [, lang, day, terms, parts] = value as ContributionForm;
  return { lang, terms: vector(terms), parts: partsFrom(parts), day };
}
