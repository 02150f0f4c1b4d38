// Pairs quotation marks into quoted spans, block by block (headline,
// paragraphs): nested quotes stay inside their outer quote; a quote left open
// at the end of a paragraph continues when the next paragraph opens with the
// same mark (the English convention) or with its closing mark (the Greek one,
// »…), or runs on over paragraphs without marks when the next mark closes it
// (or the text is cut off inside it); it takes in a stray repeated opening mark
// when one closing mark ends both, and otherwise runs to the end of its
// paragraph. An apostrophe-like mark between two letters or digits is never a
// quote; two single marks in a row (‘’…’’) stand for a double one.
import type { Span } from "../../doc/doc.js";

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
/** Marks that are also apostrophes: between two letters or digits they are never quotes (don’t, Turkey’s). */
const APOSTROPHES = new Set(["'", "’", "‘"]);
/** The double marks a doubled single mark stands for (‘’I heard …,’’). */
const DOUBLE_OPEN = "“";
const DOUBLE_CLOSE = "”";
/** The last characters of a text that ends a sentence (or a quote); any other end is a cut. */
const TEXT_END = /[.!?;…\u037e»”"’')\]]\s*$/u;
const TEXT_END_PROBE = 8;

/** A top-level quoted span. */
export interface MarkedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the (last character of the) closing mark; the end of the content when the quote is left open. */
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
  /** Characters of the mark (2 for a doubled single mark). */
  len: number;
  block: number;
}

interface Pair {
  open: Open;
  close: number;
  closeLen: number;
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

/** Per mark table, which UTF-16 code units are marks: the text is read by code, no match objects made. */
const markTables = new WeakMap<Map<string, Set<string>>, Uint8Array>();
const CODE_UNITS = 0x10000;

function markTable(marks: Map<string, Set<string>>): Uint8Array {
  let table = markTables.get(marks);
  if (!table) {
    table = new Uint8Array(CODE_UNITS);
    for (const [open, closers] of marks) {
      for (const m of [open, ...closers]) {
        if (m.length !== 1) throw new Error(`a quotation mark is one character of the Basic Multilingual Plane, not "${m}"`);
        table[m.charCodeAt(0)] = 1;
      }
    }
    markTables.set(marks, table);
  }
  return table;
}

/** A quotation mark in the text: one character, or two single marks written for a double one. */
interface Mark {
  at: number;
  /** The mark it stands for (a doubled single mark stands for the double one). */
  ch: string;
  len: number;
}

/**
 * Every quotation mark of the table in the text, in order, without the
 * apostrophes between letters; two single marks in a row (‘’ or ’’, typed for
 * a double mark) are one double mark, opening before a word and closing after one.
 */
function markList(text: string, marks: Map<string, Set<string>>): Mark[] {
  const table = markTable(marks);
  const doubled = marks.get(DOUBLE_OPEN)?.has(DOUBLE_CLOSE) ?? false;
  const out: Mark[] = [];
  let skip = -1;
  for (let i = 0; i < text.length; i++) {
    if (!table[text.charCodeAt(i)] || i === skip) continue;
    const ch = text[i];
    if (doubled && APOSTROPHES.has(ch) && APOSTROPHES.has(text[i + 1] ?? "")) {
      out.push({ at: i, ch: isLetter(text[i + 2]) && !isLetter(text[i - 1]) ? DOUBLE_OPEN : DOUBLE_CLOSE, len: 2 });
      skip = i + 1;
      continue;
    }
    if (APOSTROPHES.has(ch) && isLetter(text[i - 1]) && isLetter(text[i + 1])) continue;
    out.push({ at: i, ch, len: 1 });
  }
  return out;
}

/** Does the text stop mid-sentence (an excerpt cut off), its last visible character no terminal? */
function cutOff(text: string, blocks: Span[]): boolean {
  const last = blocks[blocks.length - 1];
  return last !== undefined && !TEXT_END.test(text.slice(Math.max(last.start, last.end - TEXT_END_PROBE), last.end));
}

/**
 * Top-level quoted spans of the blocks, in text order.
 * `marks` maps an opening mark to the marks that close it.
 */
export function pairMarks(text: string, blocks: Span[], marks: Map<string, Set<string>>): MarkedSpan[] {
  const list = markList(text, marks);
  let next = 0;
  const pairs: Pair[] = [];
  const stack = new OpenStack(marks);
  const cut = cutOff(text, blocks);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    let from = block.start;
    if (stack.length) {
      // A quote still open: does this paragraph carry it on?
      const first = firstVisible(text, block);
      while (next < list.length && list[next].at < first) next++;
      // “… ¶ “… (English) or «… ¶ »… (Greek) carries the quote on
      const outer = stack.items[0].mark;
      const mark = next < list.length && list[next].at === first ? list[next] : null;
      const carries = mark && (mark.ch === outer || (marks.get(outer)?.has(mark.ch) && isLetter(text[first + mark.len])));
      if (mark && carries) from = first + mark.len;
      else if (!carriedOver(text, blocks, b, list, next, stack, cut)) {
        closeAtBlockEnd(stack.items, pairs, blocks[b - 1].end);
        stack.truncate(0);
      }
    }
    while (next < list.length && list[next].at < from) next++;
    for (; next < list.length && list[next].at < block.end; next++) {
      const { at: i, ch, len } = list[next];
      const opens = marks.has(ch);
      const depth = stack.closedBy(ch);
      const symmetric = opens && (marks.get(ch)?.has(ch) ?? false);
      // A symmetric mark (") closes when it follows a word, opens when a word follows it.
      const closes = depth >= 0 && (!symmetric || !SPACE.test(text[i - 1] ?? " ") || !isLetter(text[i + len]));
      if (closes) {
        pairs.push({ open: stack.items[depth], close: i, closeLen: len, depth, closed: true });
        stack.truncate(depth);
      } else if (opens && (!symmetric || !isLetter(text[i - 1]))) {
        stack.push({ mark: ch, at: i, len, block: b });
      }
    }
  }
  if (stack.length) closeAtBlockEnd(stack.items, pairs, blocks[blocks.length - 1].end);
  return pairs
    .filter((p) => p.depth === 0)
    .sort((a, b) => a.open.at - b.open.at)
    .map((p) => {
      const content = trimmed(text, p.open.at + p.open.len, p.close);
      return { open: p.open.at, close: p.close + p.closeLen - 1, start: content.start, end: content.end, closed: p.closed, block: p.open.block };
    });
}

/** Index of the first block from `from` on that ends after offset `at` (binary search). */
function blockAt(blocks: Span[], from: number, at: number): number {
  let lo = from;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A quote left open at a paragraph's end runs on over paragraphs without
 * marks when the next mark of the text closes it or opens a paragraph as the
 * quote's own mark did (a quote of several paragraphs whose inner ones do not
 * open with a mark), or, when no mark
 * follows at all, when the text is cut off mid-sentence (an excerpt that ends
 * inside the quote).
 */
function carriedOver(text: string, blocks: Span[], b: number, list: Mark[], next: number, stack: OpenStack, cut: boolean): boolean {
  if (next >= list.length) return cut;
  const { at, ch } = list[next];
  const outer = stack.items[0].mark;
  // the next mark opens a later paragraph as the open quote did (“… ¶ … ¶ “…): the inner paragraph lost its mark
  if (ch === outer) {
    const k = blockAt(blocks, b, at);
    if (k < blocks.length && firstVisible(text, blocks[k]) === at) return true;
  }
  if (stack.closedBy(ch) !== 0) return false;
  // a symmetric mark after a space opens a quote
  return !(outer === ch && SPACE.test(text[at - 1] ?? " "));
}

/**
 * Settle the quotes left open at a block's end: an outer quote whose last inner
 * quote used the same mark takes that quote's closing mark (the inner opening
 * mark was stray); any other open quote ends with the block.
 */
function closeAtBlockEnd(stack: Open[], pairs: Pair[], blockEnd: number): void {
  const outer = stack[0];
  for (let d = stack.length - 1; d >= 1; d--) pairs.push({ open: stack[d], close: blockEnd, closeLen: 1, depth: d, closed: false });
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
    const { close, closeLen } = pairs[inner];
    pairs.splice(inner, 1);
    pairs.push({ open: outer, close, closeLen, depth: 0, closed: true });
  } else {
    pairs.push({ open: outer, close: blockEnd, closeLen: 1, depth: 0, closed: false });
  }
}
