// The token columns of an article as a compact binary blob, the form the store
// keeps them in (a small part of their JSON): a varint count and a flag byte; a
// JSON table of the POS tags, lemma edits and distinct feature strings; then
// per column: the gap before each token and its length as varints, the kinds as
// bytes, the POS ids as bytes, the lemma-edit and feature ids as varints. A
// lemma is kept as the edit that makes it from its token's text (characters cut
// from the end, then added: «Τούρκοι» → «Τούρκος» is 2 cut, «ος» added), so
// an article's few dozen distinct edits stand for its hundreds of lemmas and the
// blob needs the text to be read. Blobs written before keep a table of lemmas.
//
// Blobs with REPEATS write only what the text does not already say: a byte per
// token says whether its boundaries are those of the plain segmentation of the
// text from the previous token's end (PLAIN_SEGMENT: 98% of generated articles'
// tokens are) and whether its analysis — kind, POS, lemma edit, features — is
// that of the last token of the same form (a third of them); the boundaries
// and analyses of the others follow, column by column: a deflated blob of a
// generated article 2,379 → 1,667 bytes, of a Greek news page 841 → 666. Blobs
// written before REPEATS give every token's boundaries and analysis.
import { NO_LEMMA, type TokenColumns } from "../doc/doc.js";

const HAS_POS = 1;
const HAS_LEMMA = 2;
const HAS_FEATS = 4;
/** Lemmas as edits of their tokens' texts (else, in older blobs, as a table of lemmas). */
const LEMMA_EDITS = 8;
/** Boundaries and analyses given only where the text does not say them (see above). */
const REPEATS = 16;
/**
 * The plain segmentation that a token's boundaries are compared with: a run of
 * letters with their marks, a run of digits, or one other visible character.
 * Part of the format: blobs written with REPEATS are read with it. Its classes
 * are Unicode's, and a character a later Unicode makes a letter, mark or digit
 * would segment otherwise, so the boundaries are checked (BOUNDARY_CHECK).
 */
const PLAIN_SEGMENT = /[\p{L}\p{M}]+|\p{N}+|\S/gu;
/** A REPEATS blob that keeps a hash of every token's boundaries: read with another text or segmentation, it is refused, not read wrong. */
const BOUNDARY_CHECK = 32;
const BOUNDARY_CHECK_BITS = 16;
const HASH_MULTIPLIER = 31;
/** The bits of a token's byte in a REPEATS blob: its own boundaries follow; its own analysis follows. */
const OWN_BOUNDARIES = 1;
const OWN_ANALYSIS = 2;
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

/** The plain segments of a text (PLAIN_SEGMENT), each looked for from where the previous token ended. */
class PlainSegments {
  private readonly re = new RegExp(PLAIN_SEGMENT.source, PLAIN_SEGMENT.flags);
  constructor(private readonly text: string) {}

  /** The first plain segment at or after `from`, or null. */
  next(from: number): { start: number; end: number } | null {
    this.re.lastIndex = from;
    const m = this.re.exec(this.text);
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  }

  isNext(from: number, start: number, end: number): boolean {
    const s = this.next(from);
    return s !== null && s.start === start && s.end === end;
  }
}

/** A hash of the tokens' boundaries, in BOUNDARY_CHECK_BITS bits. */
function boundaryCheck(t: Pick<TokenColumns, "length" | "start" | "end">): number {
  let h = 0;
  for (let i = 0; i < t.length; i++) h = (Math.imul(Math.imul(h, HASH_MULTIPLIER) + t.start[i], HASH_MULTIPLIER) + t.end[i]) | 0;
  return (h >>> 0) % 2 ** BOUNDARY_CHECK_BITS;
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
  flags |= REPEATS | BOUNDARY_CHECK;
  w.varint(t.length);
  w.varint(flags);
  const json = Buffer.from(JSON.stringify(tables));
  w.varint(json.length);
  w.bytes(json);
  const marks = new Uint8Array(t.length);
  const bounds: number[] = [];
  const plain = new PlainSegments(text);
  let previousEnd = 0;
  for (let i = 0; i < t.length; i++) {
    if (!plain.isNext(previousEnd, t.start[i], t.end[i])) {
      marks[i] |= OWN_BOUNDARIES;
      bounds.push(zigzag(t.start[i] - previousEnd), t.end[i] - t.start[i]);
    }
    previousEnd = t.end[i];
  }
  const own: number[] = [];
  const lastOfForm = new Map<string, number>();
  const sameAnalysis = (i: number, j: number) =>
    t.kind[i] === t.kind[j] && (!t.pos || t.pos[i] === t.pos[j]) && (!editIds || editIds[i] === editIds[j]) && (!featIds || featIds[i] === featIds[j]);
  for (let i = 0; i < t.length; i++) {
    const form = text.slice(t.start[i], t.end[i]);
    const j = lastOfForm.get(form);
    if (j === undefined || !sameAnalysis(i, j)) {
      marks[i] |= OWN_ANALYSIS;
      own.push(i);
    }
    lastOfForm.set(form, i);
  }
  w.bytes(marks);
  for (const b of bounds) w.varint(b);
  w.varint(boundaryCheck(t));
  w.bytes(Uint8Array.from(own, (i) => t.kind[i]));
  if (t.pos && t.posTags) {
    const pos = t.pos;
    w.bytes(Uint8Array.from(own, (i) => pos[i]));
  }
  if (editIds) for (const i of own) w.varint(editIds[i]);
  if (featIds) for (const i of own) w.varint(featIds[i]);
  return w.done();
}

/** The token columns of a blob; `text` is the article's text, which blobs with lemma edits need. */
export function decodeTokens(blob: Uint8Array, text: string): TokenColumns {
  const r = new Reader(blob);
  const n = r.varint();
  const flags = r.varint();
  const tables = JSON.parse(Buffer.from(r.bytes(r.varint())).toString("utf8")) as StringTables;
  const cols: TokenColumns = { length: n, start: new Uint32Array(n), end: new Uint32Array(n), kind: new Uint8Array(n) };
  if (flags & REPEATS) return decodeRepeats(r, cols, flags, tables, text);
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
    if (flags & LEMMA_EDITS) {
      const edits = Array.from({ length: n }, () => r.varint());
      lemmasFromEdits(cols, edits, tables.lemmaEdits ?? [], text);
    } else {
      cols.lemma = Uint32Array.from({ length: n }, () => r.varint());
      cols.lemmas = tables.lemmas ?? [];
    }
  }
  if (flags & HAS_FEATS) {
    const feats = tables.feats ?? [];
    cols.feats = Array.from({ length: n }, () => feats[r.varint()]);
  }
  return cols;
}

/** The lemma column from each token's edit id: the lemmas in the order their tokens come, each once, after "" (id 0: no lemma, as the taggers write it). */
function lemmasFromEdits(cols: TokenColumns, editIds: readonly number[], edits: readonly LemmaEdit[], text: string): void {
  const ids = new Map<string, number>([[NO_LEMMA, 0]]);
  const lemma = (cols.lemma = new Uint32Array(cols.length));
  cols.lemmas = [NO_LEMMA];
  for (let i = 0; i < cols.length; i++) {
    const edit = edits[editIds[i]];
    if (!edit) throw new TokenBlobError("the token blob names a lemma edit it does not hold");
    if (cols.end[i] > text.length) throw new TokenBlobError("the token blob reaches past the end of the article's text");
    const form = text.slice(cols.start[i], cols.end[i]);
    const made = applyEdit(form, edit);
    let id = ids.get(made);
    if (id === undefined) ids.set(made, (id = cols.lemmas.push(made) - 1));
    lemma[i] = id;
  }
}

/** The columns of a REPEATS blob: boundaries from the plain segmentation unless given, analyses from the last token of the same form unless given. */
function decodeRepeats(r: Reader, cols: TokenColumns, flags: number, tables: StringTables, text: string): TokenColumns {
  const n = cols.length;
  const marks = r.bytes(n);
  const plain = new PlainSegments(text);
  let previousEnd = 0;
  for (let i = 0; i < n; i++) {
    if (marks[i] & OWN_BOUNDARIES) {
      cols.start[i] = previousEnd + unzigzag(r.varint());
      cols.end[i] = cols.start[i] + r.varint();
    } else {
      const s = plain.next(previousEnd);
      if (!s) throw new TokenBlobError("the token blob has more tokens than the article's text");
      cols.start[i] = s.start;
      cols.end[i] = s.end;
    }
    if (cols.end[i] > text.length) throw new TokenBlobError("the token blob reaches past the end of the article's text");
    previousEnd = cols.end[i];
  }
  if (flags & BOUNDARY_CHECK && r.varint() !== boundaryCheck(cols)) throw new TokenBlobError("the token blob's boundaries do not fit the article's text (another text, or another segmentation)");
  const own: number[] = [];
  for (let i = 0; i < n; i++) if (marks[i] & OWN_ANALYSIS) own.push(i);
  const ownKinds = r.bytes(own.length);
  const ownPos = flags & HAS_POS ? r.bytes(own.length) : null;
  const ownEdits = flags & HAS_LEMMA ? own.map(() => r.varint()) : null;
  const ownFeats = flags & HAS_FEATS ? own.map(() => r.varint()) : null;
  const pos = ownPos ? new Uint8Array(n) : null;
  const edits = ownEdits ? new Array<number>(n) : null;
  const featIds = ownFeats ? new Array<number>(n) : null;
  const lastOfForm = new Map<string, number>();
  let k = 0;
  for (let i = 0; i < n; i++) {
    const form = text.slice(cols.start[i], cols.end[i]);
    if (marks[i] & OWN_ANALYSIS) {
      cols.kind[i] = ownKinds[k];
      if (pos && ownPos) pos[i] = ownPos[k];
      if (edits && ownEdits) edits[i] = ownEdits[k];
      if (featIds && ownFeats) featIds[i] = ownFeats[k];
      k++;
    } else {
      const j = lastOfForm.get(form);
      if (j === undefined) throw new TokenBlobError("the token blob repeats the analysis of a form it has not given");
      cols.kind[i] = cols.kind[j];
      if (pos) pos[i] = pos[j];
      if (edits) edits[i] = edits[j];
      if (featIds) featIds[i] = featIds[j];
    }
    lastOfForm.set(form, i);
  }
  if (pos) {
    cols.pos = pos;
    cols.posTags = tables.posTags ?? [];
  }
  if (edits) lemmasFromEdits(cols, edits, tables.lemmaEdits ?? [], text);
  if (featIds) {
    const feats = tables.feats ?? [];
    cols.feats = featIds.map((id) => feats[id]);
  }
  return cols;
}
