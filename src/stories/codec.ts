// The stored form of story profiles and report contributions (before they
// are deflated): a short JSON header (the counts of each vector's weights),
// every key in one UTF-8 run separated by NUL, and the weights as 32-bit
// integers in units of 10^-WEIGHT_DECIMALS. A candidate story's profile is
// read at every assignment that finds it, and once a store outgrows the cache
// of unpacked profiles most are read from their bytes: parsing JSON arrays of
// keys and weights was two fifths of that reading, splitting one string and
// reading integers takes a fraction of it. The rounded weights are the same
// numbers the JSON form kept. The forms written by earlier versions are still
// read — JSON arrays of keys beside arrays of weights (format 2) and one object
// per vector before that — and a story's blob is rewritten in this form when
// it next changes.
import { KEY_PARTS, partsOf, type Contribution, type KeyPart, type StoryProfile, type Vector } from "./assign.js";
import type { PublicationDay } from "./features.js";

/** Decimals kept of a stored weight (weights are unit-vector components and their sums). */
const WEIGHT_DECIMALS = 5;
const SCALE = 10 ** WEIGHT_DECIMALS;
/** First element of the JSON array form of earlier versions. */
const ARRAY_FORMAT = 2;
/** First byte of the binary form (the JSON forms begin with `[` or `{`). */
const BINARY_FORMAT = 3;
/** Separates the keys of the binary form: no key holds it (keys are search keys, entity keys, numbers and dates). */
const KEY_SEPARATOR = "\u0000";
const U32_BYTES = 4;
const I32_BYTES = 4;

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
  private readonly weights: number[] = [];

  /** Add a vector; its number of weights, for the header. */
  vector(v: Vector): number {
    let n = 0;
    for (const [k, w] of v) {
      const r = Math.round(w * SCALE);
      if (r === 0) continue;
      this.keys.push(k);
      this.weights.push(r);
      n++;
    }
    return n;
  }

  /** The parts in KEY_PARTS order; their numbers of weights. */
  parts(parts: Record<KeyPart, Vector>): number[] {
    return KEY_PARTS.map((k) => this.vector(parts[k]));
  }

  /** [format][header length][header][keys length][keys][weights]. */
  bytes(header: unknown): Buffer {
    const head = Buffer.from(JSON.stringify(header), "utf8");
    const text = Buffer.from(this.keys.join(KEY_SEPARATOR), "utf8");
    const out = Buffer.alloc(1 + U32_BYTES + head.length + U32_BYTES + text.length + this.weights.length * I32_BYTES);
    let at = out.writeUInt8(BINARY_FORMAT, 0);
    at = out.writeUInt32LE(head.length, at);
    at += head.copy(out, at);
    at = out.writeUInt32LE(text.length, at);
    at += text.copy(out, at);
    for (const w of this.weights) at = out.writeInt32LE(w, at);
    return out;
  }
}

/** Reads a binary form back: its header, and each vector (by its number of weights, in the order written) as a map. */
class BinaryReader {
  readonly header: unknown;
  private readonly keys: string[];
  private readonly weightsAt: number;
  private next = 0;

  constructor(private readonly bytes: Buffer) {
    const headLength = bytes.readUInt32LE(1);
    const headAt = 1 + U32_BYTES;
    this.header = JSON.parse(bytes.toString("utf8", headAt, headAt + headLength));
    const textAt = headAt + headLength + U32_BYTES;
    const textLength = bytes.readUInt32LE(headAt + headLength);
    this.keys = textLength ? bytes.toString("utf8", textAt, textAt + textLength).split(KEY_SEPARATOR) : [];
    this.weightsAt = textAt + textLength;
  }

  vector(n: number): Vector {
    const v: Vector = new Map();
    for (const end = this.next + n; this.next < end; this.next++) v.set(this.keys[this.next], this.bytes.readInt32LE(this.weightsAt + this.next * I32_BYTES) / SCALE);
    return v;
  }

  /** The parts, read in KEY_PARTS order (as BinaryWriter.parts wrote them). */
  parts(counts: number[]): Record<KeyPart, Vector> {
    const vectors = KEY_PARTS.map((_, i) => this.vector(counts[i]));
    return partsOf((p) => vectors[KEY_PARTS.indexOf(p)]);
  }
}

const isBinary = (bytes: Buffer): boolean => bytes[0] === BINARY_FORMAT;
const json = (bytes: Buffer): unknown => JSON.parse(bytes.toString("utf8"));

export function profileBytes(p: StoryProfile): Buffer {
  const w = new BinaryWriter();
  const terms = Object.entries(p.terms).map(([lang, v]): [string, number] => [lang, w.vector(v)]);
  const header: ProfileHeader = [p.articles, p.days, terms, w.parts(p.parts)];
  return w.bytes(header);
}

export function profileFromBytes(bytes: Buffer): StoryProfile {
  if (!isBinary(bytes)) return decodeProfile(json(bytes));
  const r = new BinaryReader(bytes);
  const [articles, days, terms, parts] = r.header as ProfileHeader;
  return { articles, days, terms: Object.fromEntries(terms.map(([lang, n]) => [lang, r.vector(n)])), parts: r.parts(parts) };
}

export function contributionBytes(c: Contribution): Buffer {
  const w = new BinaryWriter();
  const header: ContributionHeader = [c.lang, c.day, w.vector(c.terms), w.parts(c.parts)];
  return w.bytes(header);
}

export function contributionFromBytes(bytes: Buffer): Contribution {
  if (!isBinary(bytes)) return decodeContribution(json(bytes));
  const r = new BinaryReader(bytes);
  const [lang, day, terms, parts] = r.header as ContributionHeader;
  return { lang, day, terms: r.vector(terms), parts: r.parts(parts) };
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
