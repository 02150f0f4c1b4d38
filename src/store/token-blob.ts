// The token columns of an article as a compact binary blob, the form the store
// keeps them in (a tenth of their JSON): a varint count and a flag byte; a
// JSON table of the POS tags, lemmas and distinct feature strings; then per
// column: the gap before each token and its length as varints, the kinds as
// bytes, the POS ids as bytes, the lemma and feature ids as varints.
import type { TokenColumns } from "../doc/doc.js";

const HAS_POS = 1;
const HAS_LEMMA = 2;
const HAS_FEATS = 4;
const VARINT_MORE = 0x80;
const VARINT_BITS = 0x7f;
const VARINT_SHIFT = 7;

interface StringTables {
  posTags?: string[];
  lemmas?: string[];
  feats?: string[];
}

export class TokenBlobError extends Error {
  override name = "TokenBlobError";
}

class Writer {
  private buf = new Uint8Array(1024);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  varint(value: number): void {
    this.room(5);
    let v = value >>> 0;
    while (v > VARINT_BITS) {
      this.buf[this.at++] = (v & VARINT_BITS) | VARINT_MORE;
      v >>>= VARINT_SHIFT;
    }
    this.buf[this.at++] = v;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  done(): Buffer {
    return Buffer.from(this.buf.buffer, 0, this.at);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}

  varint(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= this.buf.length) throw new TokenBlobError("the token blob ends in the middle of a number");
      const b = this.buf[this.at++];
      v += (b & VARINT_BITS) * 2 ** shift;
      if (b < VARINT_MORE) return v;
      shift += VARINT_SHIFT;
    }
  }

  bytes(n: number): Uint8Array {
    if (this.at + n > this.buf.length) throw new TokenBlobError("the token blob is cut short");
    const out = new Uint8Array(this.buf.subarray(this.at, this.at + n));
    this.at += n;
    return out;
  }
}

/** Signed gaps (overlapping tokens) as unsigned varints. */
const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

export function encodeTokens(t: TokenColumns): Buffer {
  const w = new Writer();
  const tables: StringTables = {};
  let flags = 0;
  if (t.pos && t.posTags) {
    flags |= HAS_POS;
    tables.posTags = t.posTags;
  }
  if (t.lemma && t.lemmas) {
    flags |= HAS_LEMMA;
    tables.lemmas = t.lemmas;
  }
  let featIds: number[] | null = null;
  if (t.feats) {
    flags |= HAS_FEATS;
    const ids = new Map<string, number>();
    featIds = t.feats.map((f) => {
      let id = ids.get(f);
      if (id === undefined) ids.set(f, (id = ids.size));
      return id;
    });
    tables.feats = [...ids.keys()];
  }
  w.varint(t.length);
  w.varint(flags);
  const json = Buffer.from(JSON.stringify(tables));
  w.varint(json.length);
  w.bytes(json);
  let previousEnd = 0;
  for (let i = 0; i < t.length; i++) {
    w.varint(zigzag(t.start[i] - previousEnd));
    w.varint(t.end[i] - t.start[i]);
    previousEnd = t.end[i];
  }
  w.bytes(t.kind.subarray(0, t.length));
  if (t.pos && t.posTags) w.bytes(t.pos.subarray(0, t.length));
  if (t.lemma && t.lemmas) for (let i = 0; i < t.length; i++) w.varint(t.lemma[i]);
  if (featIds) for (const id of featIds) w.varint(id);
  return w.done();
}

export function decodeTokens(blob: Uint8Array): TokenColumns {
  const r = new Reader(blob);
  const n = r.varint();
  const flags = r.varint();
  const tables = JSON.parse(Buffer.from(r.bytes(r.varint())).toString("utf8")) as StringTables;
  const cols: TokenColumns = { length: n, start: new Uint32Array(n), end: new Uint32Array(n), kind: new Uint8Array(n) };
  let previousEnd = 0;
  for (let i = 0; i < n; i++) {
    cols.start[i] = previousEnd + unzigzag(r.varint());
    cols.end[i] = previousEnd = cols.start[i] + r.varint();
  }
  cols.kind = r.bytes(n);
  if (flags & HAS_POS) {
    cols.pos = r.bytes(n);
    cols.posTags = tables.posTags ?? [];
  }
  if (flags & HAS_LEMMA) {
    cols.lemma = new Uint32Array(n);
    for (let i = 0; i < n; i++) cols.lemma[i] = r.varint();
    cols.lemmas = tables.lemmas ?? [];
  }
  if (flags & HAS_FEATS) {
    const feats = tables.feats ?? [];
    cols.feats = Array.from({ length: n }, () => feats[r.varint()]);
  }
  return cols;
}
