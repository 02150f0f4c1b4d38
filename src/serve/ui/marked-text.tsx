// Layers drawn over a text: each layer is a list of marks (spans that wrap
// the text they cover in an element), nested in layer order — the first
// layer outermost. A mark that overlaps an earlier mark of its own layer is
// dropped; a mark cut by an outer one is drawn in pieces, and only the last
// piece is told it ends the mark. Work is linear in the text and marks (with
// a binary search per piece).
import type { Child } from "hono/jsx";
import type { Span } from "../../doc/doc.js";

export interface Mark extends Span {
  /** Wrap the piece [start, end) of the mark; `last` is true for the piece that ends the mark. */
  wrap(children: Child[], last: boolean): Child;
}

/** The marks of a layer in text order, without overlaps (on ties, the longer mark and then the earlier listed wins). */
export function layerOf(marks: Mark[]): Mark[] {
  const sorted = marks.filter((m) => m.end > m.start).map((m, i) => ({ m, i })).sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end || a.i - b.i);
  const out: Mark[] = [];
  for (const { m } of sorted) if (!out.length || m.start >= out[out.length - 1].end) out.push(m);
  return out;
}

/** The index of the first mark ending after `at` (marks without overlaps, so their ends ascend). */
function firstEndingAfter(marks: Mark[], at: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text [from, to) with the layers (each made by layerOf) drawn over it, the first layer outermost. */
export function markText(text: string, from: number, to: number, layers: Mark[][]): Child[] {
  if (from >= to) return [];
  if (!layers.length) return [text.slice(from, to)];
  const [marks, ...inner] = layers;
  const out: Child[] = [];
  let at = from;
  for (let i = firstEndingAfter(marks, from); i < marks.length && marks[i].start < to; i++) {
    const m = marks[i];
    const start = Math.max(m.start, at);
    const end = Math.min(m.end, to);
    if (start > at) out.push(...markText(text, at, start, inner));
    out.push(m.wrap(markText(text, start, end, inner), end === m.end));
    at = end;
  }
  if (at < to) out.push(...markText(text, at, to, inner));
  return out;
}
