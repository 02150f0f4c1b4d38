// The document model: one immutable text per document and stand-off annotation
// layers over it, all in UTF-16 code-unit offsets (as JavaScript strings index).
// Tokens are parallel typed-array columns; Span and Token objects are views.
// The layers themselves are declared in layers.ts; this module maps character
// spans to token ranges (charSpan) the way spaCy's Doc.char_span does.
import type { Layers } from "./layers.js";
import { NO_FEATS, TOKEN_KIND_NAMES, type DocMeta, type Span, type Token, type TokenColumns } from "./base.js";

export * from "./base.js";

export type { Layers, LayerMap, LayerName, Mention } from "./layers.js";

export interface Doc {
  readonly id: string;
  readonly text: string;
  lang: string;
  langConfidence: number;
  meta: DocMeta;
  layers: Layers;
}

export function emptyTokens(): TokenColumns {
  return { length: 0, start: new Uint32Array(0), end: new Uint32Array(0), kind: new Uint8Array(0) };
}

export function spanText(doc: Doc, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

export function tokenAt(doc: Doc, index: number): Token {
  const t = doc.layers.tokens;
  if (index < 0 || index >= t.length) throw new RangeError(`token ${index} out of range`);
  const start = t.start[index];
  const end = t.end[index];
  const token: Token = { index, start, end, text: doc.text.slice(start, end), kind: TOKEN_KIND_NAMES[t.kind[index]] ?? "unknown" };
  if (t.pos && t.posTags) token.pos = t.posTags[t.pos[index]];
  if (t.lemma && t.lemmas) {
    const id = t.lemma[index];
    if (id > 0) token.lemma = t.lemmas[id];
  }
  if (t.feats && t.feats[index] !== NO_FEATS) token.feats = t.feats[index];
  return token;
}

/** Index of the first token that starts at or after `offset` (binary search on starts). */
export function firstTokenAt(tokens: TokenColumns, offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.start[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices [first, last) of the tokens inside a span. */
export function tokenRange(tokens: TokenColumns, span: Span): [number, number] {
  return [firstTokenAt(tokens, span.start), firstTokenAt(tokens, span.end)];
}

/** Index of the first token that ends after `offset` (binary search on ends). */
function firstTokenEndingAfter(tokens: TokenColumns, offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.end[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A token range [first, last). */
export interface TokenSpan {
  first: number;
  last: number;
}

/**
 * How a character span snaps to tokens: `strict` only when both edges fall on
 * token boundaries; `contract` to the tokens wholly inside it; `expand` to every
 * token it touches.
 */
export type Alignment = "strict" | "contract" | "expand";

/** The tokens [first, last) a character span covers, or null when none do (or, strict, when an edge cuts a token). */
export function charSpan(doc: Doc, span: Span, mode: Alignment = "strict"): TokenSpan | null {
  const t = doc.layers.tokens;
  let first: number;
  let last: number;
  if (mode === "expand") {
    first = firstTokenEndingAfter(t, span.start);
    last = firstTokenAt(t, span.end);
  } else {
    first = firstTokenAt(t, span.start);
    last = firstTokenEndingAfter(t, span.end);
    if (mode === "strict" && ((first < t.length && t.start[first] !== span.start) || (last > 0 && t.end[last - 1] !== span.end))) return null;
  }
  return first < last ? { first, last } : null;
}

/** Do two spans share at least one character? */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The blocks no sentence crosses, in text order: the headline (when there is one) and each paragraph. */
export function blocks(doc: Doc): Span[] {
  return doc.meta.title ? [doc.meta.title, ...doc.layers.paragraphs] : [...doc.layers.paragraphs];
}

export function* tokens(doc: Doc, span?: Span): Generator<Token> {
  const [first, last] = span ? tokenRange(doc.layers.tokens, span) : [0, doc.layers.tokens.length];
  for (let i = first; i < last; i++) yield tokenAt(doc, i);
}

export function title(doc: Doc): string {
  return doc.meta.title ? spanText(doc, doc.meta.title) : "";
}

export function body(doc: Doc): string {
  return doc.meta.body ? spanText(doc, doc.meta.body) : "";
}
