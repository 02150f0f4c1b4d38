// The token columns of an article as a compact binary blob, the form the store
// keeps them in (a small part of their JSON): a varint count and a flag byte; a
// JSON table of the POS tags, lemma edits and distinct feature strings; then
// per column: the gap before each token and its length as varints, the kinds as
// bytes, the POS ids as bytes, the lemma-edit and feature ids as varints. A
// lemma is kept as the edit that makes it from its token's text (characters cut
// from the end, then added: «Τούρκοι» → «Τούρκος» is 2 cut, «ος» added), so
// an article's few dozen distinct edits stand for its hundreds of lemmas and the
// blob needs the text to be read. Blobs written before keep a table of lemmas.
import { NO_LEMMA, type TokenColumns } from "../doc/doc.js";

const HAS_POS = 1;
const HAS_LEMMA = 2;
const HAS_FEATS = 4;
/** Lemmas as edits of their tokens' texts (else, in older blobs, as a table of lemmas). */
const LEMMA_EDITS = 8;
const VARINT_MORE = 0x80;
const VARINT_BITS = 0x7f;
const VARINT_SHIFT = 7;

/** A lemma made from its token's text: [characters cut from the end, text added]. */
type LemmaEdit = [number, string];

interface StringTables {
  posTags?: string[];
  /** Older blobs: the lemmas, indexed by the lemma column. */
  lemmas?: string[];
  lemmaEdits?: LemmaEdit[];
  feats?: string[];
}

/** The edit that makes `lemma` from `form`: keep their common beginning. */
function editOf(form: string, lemma: string): LemmaEdit {
  let common = 0;
  while (common < form.length && common < lemma.length && form.charCodeAt(common) === lemma.charCodeAt(common)) common++;
  return [form.length - common, lemma.slice(common)];
}

function applyEdit(form: string, [cut, add]: LemmaEdit): string {
  return form.slice(0, form.length - cut) + add;
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

/** The blob of an article's token columns; `text` is the article's text (lemmas are kept as edits of it). */
export function encodeTokens(t: TokenColumns, text: string): Buffer {
  const w = new Writer();
  const tables: StringTables = {};
  let flags = 0;
  if (t.pos && t.posTags) {
    flags |= HAS_POS;
    tables.posTags = t.posTags;
  }
  let editIds: number[] | null = null;
  if (t.lemma && t.lemmas) {
    flags |= HAS_LEMMA | LEMMA_EDITS;
    const ids = new Map<string, number>();
    const edits: LemmaEdit[] = [];
    editIds = new Array<number>(t.length);
    for (let i = 0; i < t.length; i++) {
      const edit = editOf(text.slice(t.start[i], t.end[i]), t.lemmas[t.lemma[i]] ?? "");
      const key = `${edit[0]}\u0000${edit[1]}`;
      let id = ids.get(key);
      if (id === undefined) {
        ids.set(key, (id = edits.length));
        edits.push(edit);
      }
      editIds[i] = id;
    }
    tables.lemmaEdits = edits;
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
  if (editIds) for (const id of editIds) w.varint(id);
  if (featIds) for (const id of featIds) w.varint(id);
  return w.done();
}

/** The token columns of a blob; `text` is the article's text, which blobs with lemma edits need. */
export function decodeTokens(blob: Uint8Array, text: string): TokenColumns {
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
    if (flags & LEMMA_EDITS) {
      // The lemmas in the order their tokens come, each once, after "" (id 0: no lemma, as the taggers write it).
      const edits = tables.lemmaEdits ?? [];
      const ids = new Map<string, number>([[NO_LEMMA, 0]]);
      cols.lemmas = [NO_LEMMA];
      for (let i = 0; i < n; i++) {
        const edit = edits[r.varint()];
        if (!edit) throw new TokenBlobError("the token blob names a lemma edit it does not hold");
        if (cols.end[i] > text.length) throw new TokenBlobError("the token blob reaches past the end of the article's text");
        const lemma = applyEdit(text.slice(cols.start[i], cols.end[i]), edit);
        let id = ids.get(lemma);
        if (id === undefined) ids.set(lemma, (id = cols.lemmas.push(lemma) - 1));
        cols.lemma[i] = id;
      }
    } else {
      for (let i = 0; i < n; i++) cols.lemma[i] = r.varint();
      cols.lemmas = tables.lemmas ?? [];
    }
  }
  if (flags & HAS_FEATS) {
    const feats = tables.feats ?? [];
    cols.feats = Array.from({ length: n }, () => feats[r.varint()]);
  }
  return cols;
}
