// The kept/dropped segment metric of the extraction evaluations. A page's
// segments are its text blocks (runs of inline text between block-level tags,
// table cells apart). A segment belongs to a text when at least half of its
// word n-grams (4 words, or all its words when it has fewer) occur in that text;
// a segment is "kept" by the expected text and by an extractor's output by the
// same rule, so markup never matters, only text. Precision and recall are over
// segments kept. Also here: HTML to text with block breaks (for expected outputs
// given as markup and for outputs of other extractors).
import { parsePage } from "../extract/html/tree.js";
import type { El } from "../extract/html/tree.js";
import { INLINE_TAGS } from "../extract/html/rules.js";

/** Python's `\w`, as in the shingle metric. */
const TOKEN = /[\p{L}\p{N}_]+/gu;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const NGRAM = 4;
/** Share of a segment's n-grams found in a text for the segment to count as in it. */
const MIN_COVER = 0.5;
/** Cells are segments of their own here (in the extractor a row is one block). */
const CELL_TAGS = new Set(["td", "th"]);
const WS = /\s+/g;

export interface SegmentCounts {
  /** Segments kept by both the expected text and the output. */
  tp: number;
  /** Kept by the output only. */
  fp: number;
  /** Kept by the expected text only. */
  fn: number;
}

/** The text blocks of an HTML page (or fragment), in document order. */
export function segmentsOf(html: string): string[] {
  const out: string[] = [];
  let buf = "";
  const flush = () => {
    const t = buf.replace(WS, " ").trim();
    if (t) out.push(t);
    buf = "";
  };
  const walk = (el: El) => {
    const block = !INLINE_TAGS.has(el.tag) || CELL_TAGS.has(el.tag);
    if (block) flush();
    for (const c of el.children) {
      if (typeof c === "string") buf += c;
      else walk(c);
    }
    if (block) flush();
  };
  walk(parsePage(html).root);
  flush();
  return out;
}

/** HTML as text: its segments, one per line. */
export function htmlText(html: string): string {
  return segmentsOf(html).join("\n");
}

/** Word n-grams of a text for n = 1 … NGRAM, to test segments against. */
export class NgramIndex {
  private readonly sets: Set<string>[] = [];

  constructor(text: string) {
    const tokens = text.match(TOKEN) ?? [];
    for (let n = 1; n <= NGRAM; n++) {
      const set = new Set<string>();
      for (let i = 0; i + n <= tokens.length; i++) set.add(tokens.slice(i, i + n).join(" "));
      this.sets.push(set);
    }
  }

  /** Does at least MIN_COVER of the segment's n-grams occur in the text? A segment without words never does. */
  covers(segment: string): boolean {
    const tokens = segment.match(TOKEN) ?? [];
    if (tokens.length === 0) return false;
    const n = Math.min(NGRAM, tokens.length);
    const set = this.sets[n - 1];
    const total = tokens.length - n + 1;
    let found = 0;
    for (let i = 0; i < total; i++) if (set.has(tokens.slice(i, i + n).join(" "))) found++;
    return found >= MIN_COVER * total;
  }
}

/** Segments with words: those are counted. */
export function countedSegments(segments: string[]): string[] {
  return segments.filter((s) => WORD_CHAR.test(s));
}

/** Segment counts of one output against the expected text, over a page's segments. */
export function segmentMatch(segments: string[], truth: NgramIndex, output: string): SegmentCounts {
  const pred = new NgramIndex(output);
  const c: SegmentCounts = { tp: 0, fp: 0, fn: 0 };
  for (const s of segments) {
    const t = truth.covers(s);
    const p = pred.covers(s);
    if (t && p) c.tp++;
    else if (p) c.fp++;
    else if (t) c.fn++;
  }
  return c;
}

export interface SegmentScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision and recall over all segments of all pages (micro average). */
export function segmentScores(list: SegmentCounts[]): SegmentScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of list) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
