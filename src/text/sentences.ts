// Sentence splitter over tokens, paragraph by paragraph. A sentence ends at a
// terminal mark (from the language table: . ! ? and, for Greek, ; as the
// question mark) followed by closing quotes/brackets and then an upper-case
// word, an opening quote, a digit or the end of the paragraph. Abbreviations
// are tokens of their own and do not end sentences unless the table says they
// may; a quotation followed by its attribution («…», τόνισε ο …) stays whole.
import { TokenKind, tokenRange, type Span, type TokenColumns } from "../doc/doc.js";
import { allQuoteMarks, type LangData } from "../lang/lang.js";
import { fold } from "./normalize.js";
import { tokenTexts } from "./words.js";

/** Quotation marks of every language (lang/<code>/quote-marks.json). */
const QUOTE_MARKS = allQuoteMarks();
const OPENING_QUOTES = QUOTE_MARKS.opening;
const AMBIGUOUS_QUOTES = QUOTE_MARKS.symmetric;
const CLOSING_BRACKETS = new Set([")", "]", "}"]);
const UPPER_START = /^[\p{Lu}\p{Lt}]/u;
const LOWER_START = /^\p{Ll}/u;
const DIGIT_START = /^\p{N}/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
/** Marks that may follow a quotation and tie it to its attribution. */
const ATTRIBUTION_LINKS = new Set([",", "—", "–", "-"]);
/** The closing mark of each opening mark, for tracking quotations and their attribution. */
const QUOTE_PAIRS = QUOTE_MARKS.closerOf;
/** Opening marks that also close another opening mark (“ closes „ in „…“), with the marks they close. */
const CLOSES_OPENERS = new Map<string, string[]>();
for (const [open, close] of QUOTE_PAIRS) {
  if (OPENING_QUOTES.has(close)) CLOSES_OPENERS.set(close, [...(CLOSES_OPENERS.get(close) ?? []), open]);
}

export interface SplitOptions {
  lang: LangData;
  /** The text of each token, when the caller has it (the word view's column); else it is made here. */
  words?: readonly string[];
}

interface Ctx {
  text: string;
  tok: TokenColumns;
  lang: LangData;
  words: readonly string[];
}

/** Is token i (a quote mark) opening? Ambiguous marks open after space or start. */
function isOpening(c: Ctx, i: number, first: number): boolean {
  const t = c.words[i];
  if (OPENING_QUOTES.has(t) && !closesEarlierOpener(c, i, first)) return true;
  if (!AMBIGUOUS_QUOTES.has(t)) return false;
  if (i === first) return true;
  const before = c.text.charCodeAt(c.tok.start[i] - 1);
  return before === 0x20 || before === 0x0a || before === 0x09 || before === 0x28; // space, newline, tab, (
}

/** In „…“ the “ closes: a mark that closes an opener still open before it in the sentence. */
function closesEarlierOpener(c: Ctx, i: number, first: number): boolean {
  const t = c.words[i];
  const openers = CLOSES_OPENERS.get(t);
  if (!openers) return false;
  for (let j = i - 1; j >= first; j--) {
    const u = c.words[j];
    if (openers.includes(u)) return true;
    if (u === t || u === QUOTE_PAIRS.get(t)) return false;
  }
  return false;
}

/**
 * Token ranges of quotations that are followed by an attribution (a comma,
 * dash or lower-case word right after the closing mark): no split inside them.
 */
function attributedQuotes(c: Ctx, first: number, last: number): [number, number][] {
  const out: [number, number][] = [];
  const stack: { open: number; close: string }[] = [];
  for (let i = first; i < last; i++) {
    if (c.tok.kind[i] !== TokenKind.Quote) continue;
    const t = c.words[i];
    const top = stack[stack.length - 1];
    if (top && (t === top.close || (AMBIGUOUS_QUOTES.has(t) && !isOpening(c, i, first)))) {
      stack.pop();
      if (stack.length === 0 && i + 1 < last) {
        const next = c.words[i + 1];
        if (ATTRIBUTION_LINKS.has(next) || LOWER_START.test(next)) out.push([top.open, i]);
      }
    } else if (QUOTE_PAIRS.has(t) && isOpening(c, i, first)) {
      stack.push({ open: i, close: QUOTE_PAIRS.get(t) ?? t });
    } else if (AMBIGUOUS_QUOTES.has(t) && isOpening(c, i, first)) {
      stack.push({ open: i, close: t });
    }
  }
  return out;
}

/** Does the token at i start a new sentence? */
function startsSentence(c: Ctx, i: number, first: number): boolean {
  const t = c.words[i];
  if (c.tok.kind[i] === TokenKind.Quote) return isOpening(c, i, first);
  if (t === "(" || t === "[" || t === "—" || t === "–" || t === "-") return true;
  return UPPER_START.test(t) || DIGIT_START.test(t);
}

function isTerminal(c: Ctx, i: number): boolean {
  const kind = c.tok.kind[i];
  if (kind === TokenKind.Punct) return c.lang.sentenceTerminals.has(c.words[i]);
  if (kind === TokenKind.Abbreviation) {
    const t = c.words[i];
    return c.lang.finalAbbreviations.has(fold(t.slice(0, -1)));
  }
  return false;
}

/** Split one paragraph (a token range) into sentences. */
function splitRange(c: Ctx, first: number, last: number, out: Span[]): void {
  if (first >= last) return;
  // Top-level quotations: disjoint and in order, so one cursor follows the terminals.
  const protectedRanges = attributedQuotes(c, first, last);
  let range = 0;
  const isProtected = (i: number) => {
    while (range < protectedRanges.length && protectedRanges[range][1] <= i) range++;
    return range < protectedRanges.length && i > protectedRanges[range][0];
  };
  let sentenceStart = first;
  let i = first;
  while (i < last) {
    if (!isTerminal(c, i)) {
      i++;
      continue;
    }
    // A single capital and a dot is an initial (Σ. Ριαμπκόφ), not an end.
    if (i > first && c.words[i] === "." && SINGLE_CAPITAL.test(c.words[i - 1]) && c.tok.end[i - 1] === c.tok.start[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < last && (isTerminal(c, j) || CLOSING_BRACKETS.has(c.words[j]) || (c.tok.kind[j] === TokenKind.Quote && !isOpening(c, j, first)))) j++;
    if (j < last && (isProtected(i) || !startsSentence(c, j, first) || c.tok.start[j] === c.tok.end[j - 1])) {
      i = j;
      continue;
    }
    out.push({ start: c.tok.start[sentenceStart], end: c.tok.end[j - 1] });
    sentenceStart = j;
    i = j;
  }
  if (sentenceStart < last) out.push({ start: c.tok.start[sentenceStart], end: c.tok.end[last - 1] });
}

/** Sentences of each block (paragraph or headline); no sentence crosses a block. */
export function splitSentences(text: string, tokens: TokenColumns, blocks: Span[], options: SplitOptions): Span[] {
  const c: Ctx = { text, tok: tokens, lang: options.lang, words: options.words ?? tokenTexts(text, tokens) };
  const out: Span[] = [];
  for (const block of blocks) {
    const [first, last] = tokenRange(tokens, block);
    splitRange(c, first, last, out);
  }
  return out;
}
