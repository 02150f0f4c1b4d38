// Pairs quotation marks into quoted spans, block by block (headline,
// paragraphs): nested quotes stay inside their outer quote; a quote left open
// at the end of a paragraph continues when the next paragraph opens with the
// same mark (the English convention) or with its closing mark (the Greek one,
// »…), takes in a stray repeated opening mark when one closing mark ends both, and otherwise
// runs to the end of its paragraph (texts cut mid-quote). An apostrophe-like
// mark between two letters or digits is never a quote.
import type { Span } from "../../doc/doc.js";

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
const REGEX_SPECIAL = /[\\\]^-]/gu;
/** Marks that are also apostrophes: between two letters or digits they are never quotes (don’t, Turkey’s). */
const APOSTROPHES = new Set(["'", "’", "‘"]);

/** A top-level quoted span. */
export interface MarkedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark; the end of the content when the quote is left open. */
  close: number;
  /** Content bounds (inside the marks, spaces trimmed). */
  start: number;
  end: number;
  closed: boolean;
  /** Index of the block (in the given list) where the quote opens. */
  block: number;
}

interface Open {
  mark: string;
  at: number;
  block: number;
}

interface Pair {
  open: Open;
  close: number;
  depth: number;
  closed: boolean;
}

/**
 * The quotes open in a block, innermost last, with for each mark the depths of
 * the open quotes it may close: finding the innermost quote a mark closes
 * costs no scan of the stack, however deep a run of opening marks makes it.
 */
class OpenStack {
  readonly items: Open[] = [];
  private readonly closable = new Map<string, number[]>();

  constructor(private readonly marks: Map<string, Set<string>>) {}

  get length(): number {
    return this.items.length;
  }

  push(open: Open): void {
    for (const c of this.marks.get(open.mark) ?? []) {
      let depths = this.closable.get(c);
      if (!depths) this.closable.set(c, (depths = []));
      depths.push(this.items.length);
    }
    this.items.push(open);
  }

  /** Depth of the innermost open quote that `mark` closes, or -1. */
  closedBy(mark: string): number {
    return this.closable.get(mark)?.at(-1) ?? -1;
  }

  /** Drop the quotes at `depth` and deeper. */
  truncate(depth: number): void {
    while (this.items.length > depth) {
      const open = this.items.pop();
      if (!open) return;
      for (const c of this.marks.get(open.mark) ?? []) this.closable.get(c)?.pop();
    }
  }
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch);
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  return { start, end };
}

function firstVisible(text: string, block: Span): number {
  let i = block.start;
  while (i < block.end && SPACE.test(text[i])) i++;
  return i;
}

const markRegexes = new WeakMap<Map<string, Set<string>>, RegExp>();

/** Offsets of every quotation mark of the table in the text, in order. */
function markPositions(text: string, marks: Map<string, Set<string>>): number[] {
  let re = markRegexes.get(marks);
  if (!re) {
    const all = new Set<string>(marks.keys());
    for (const set of marks.values()) for (const c of set) all.add(c);
    re = new RegExp(`[${[...all].map((c) => c.replace(REGEX_SPECIAL, "\\$&")).join("")}]`, "gu");
    markRegexes.set(marks, re);
  }
  const out: number[] = [];
  for (const m of text.matchAll(re)) out.push(m.index);
  return out;
}

/**
 * Top-level quoted spans of the blocks, in text order.
 * `marks` maps an opening mark to the marks that close it.
 */
export function pairMarks(text: string, blocks: Span[], marks: Map<string, Set<string>>): MarkedSpan[] {
  const positions = markPositions(text, marks);
  let next = 0;
  const pairs: Pair[] = [];
  const stack = new OpenStack(marks);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    let from = block.start;
    if (stack.length) {
      // A quote still open: does this paragraph carry it on?
      const first = firstVisible(text, block);
      // “… ¶ “… (English) or «… ¶ »… (Greek) carries the quote on
      const outer = stack.items[0].mark;
      const carries = text[first] === outer || (first + 1 < block.end && marks.get(outer)?.has(text[first]) && isLetter(text[first + 1]));
      if (carries) from = first + 1;
      else {
        closeAtBlockEnd(stack.items, pairs, blocks[b - 1].end);
        stack.truncate(0);
      }
    }
    while (next < positions.length && positions[next] < from) next++;
    for (; next < positions.length && positions[next] < block.end; next++) {
      const i = positions[next];
      const ch = text[i];
      const opens = marks.has(ch);
      if (APOSTROPHES.has(ch) && isLetter(text[i - 1]) && isLetter(text[i + 1])) continue;
      const depth = stack.closedBy(ch);
      const symmetric = opens && (marks.get(ch)?.has(ch) ?? false);
      // A symmetric mark (") closes when it follows a word, opens when a word follows it.
      const closes = depth >= 0 && (!symmetric || !SPACE.test(text[i - 1] ?? " ") || !isLetter(text[i + 1]));
      if (closes) {
        pairs.push({ open: stack.items[depth], close: i, depth, closed: true });
        stack.truncate(depth);
      } else if (opens && (!symmetric || !isLetter(text[i - 1]))) {
        stack.push({ mark: ch, at: i, block: b });
      }
    }
  }
  if (stack.length) closeAtBlockEnd(stack.items, pairs, blocks[blocks.length - 1].end);
  return pairs
    .filter((p) => p.depth === 0)
    .sort((a, b) => a.open.at - b.open.at)
    .map((p) => {
      const content = trimmed(text, p.open.at + 1, p.close);
      return { open: p.open.at, close: p.close, start: content.start, end: content.end, closed: p.closed, block: p.open.block };
    });
}

/**
 * Settle the quotes left open at a block's end: an outer quote whose last inner
 * quote used the same mark takes that quote's closing mark (the inner opening
 * mark was stray); any other open quote ends with the block.
 */
function closeAtBlockEnd(stack: Open[], pairs: Pair[], blockEnd: number): void {
  const outer = stack[0];
  for (let d = stack.length - 1; d >= 1; d--) pairs.push({ open: stack[d], close: blockEnd, depth: d, closed: false });
  let inner = -1;
  for (let k = pairs.length - 1; k >= 0; k--) {
    const p = pairs[k];
    if (p.open.at < outer.at) break;
    if (p.depth === 1 && p.open.mark === outer.mark && p.close < blockEnd) {
      inner = k;
      break;
    }
  }
  if (inner >= 0) {
    const close = pairs[inner].close;
    pairs.splice(inner, 1);
    pairs.push({ open: outer, close, depth: 0, closed: true });
  } else {
    pairs.push({ open: outer, close: blockEnd, depth: 0, closed: false });
  }
}
