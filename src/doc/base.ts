// The primitives of the document model: spans, token columns and kinds,
// metadata and paragraph kinds. doc.ts re-exports them with the Doc itself;
// layers.ts builds the annotation layers on them.
import type { CharsetDecision } from "../input/decode.js";

/** A half-open range [start, end) into `Doc.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A link to another story found in a related-headlines block. */
export interface RelatedLink {
  title: string;
  url: string | null;
}

/** How sure the HTML extractor is that the body is one article's text (0–1), and where the body came from (the page's HTML or its JSON-LD articleBody). */
export interface ExtractionVerdict {
  confidence: number;
  source: "html" | "json-ld";
}

export interface DocMeta {
  /** Where the headline sits in `text`, when the document has one. */
  title?: Span;
  /** Where the body sits in `text` (after the headline). */
  body?: Span;
  url?: string;
  canonicalUrl?: string;
  published?: string;
  modified?: string;
  authors?: string[];
  site?: string;
  section?: string;
  image?: string;
  /** The line that introduced the related block ("Δείτε επίσης"), if any. */
  relatedMarker?: string;
  /** Path or label of the input the document came from. */
  source?: string;
  /** Character set the bytes were decoded from. */
  charset?: string;
  /** How that charset was chosen: a byte-order mark, declared by the transport, a <meta> of the page, sniffed, or corrected (the declared one did not fit the bytes). */
  charsetDecision?: CharsetDecision;
  /** What decoding replaced, corrected or removed, one line each. */
  warnings?: string[];
  /** The HTML extractor's verdict on the page (absent for plain-text pages). */
  extraction?: ExtractionVerdict;
}

/** The FEATS value of a token without features. */
export const NO_FEATS = "_";
/** The lemma of id 0 in `tokens.lemmas`: a token without a lemma. */
export const NO_LEMMA = "";

/** Kinds of token, stored in `TokenColumns.kind`. */
export const TokenKind = {
  Word: 1,
  Number: 2,
  Punct: 3,
  Quote: 4,
  Url: 5,
  Email: 6,
  Hashtag: 7,
  Symbol: 8,
  Abbreviation: 9,
} as const;
export type TokenKindCode = (typeof TokenKind)[keyof typeof TokenKind];
export const TOKEN_KIND_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(TokenKind).map(([name, code]) => [code, name.toLowerCase()]),
);

/**
 * Tokens as parallel columns. `pos` and `lemma` are filled by the taggers:
 * `pos[i]` indexes `posTags`, `lemma[i]` indexes `lemmas` (0 = none).
 */
export interface TokenColumns {
  length: number;
  start: Uint32Array;
  end: Uint32Array;
  kind: Uint8Array;
  pos?: Uint8Array;
  posTags?: string[];
  lemma?: Uint32Array;
  lemmas?: string[];
  /** UD morphological features of each token ("_" = none). */
  feats?: string[];
}

/** A token view made on demand from the columns. */
export interface Token extends Span {
  index: number;
  text: string;
  kind: string;
  pos?: string;
  lemma?: string;
  feats?: string;
}

/** What a body block was on its page; plain paragraphs have none. */
export type ParagraphKind = "heading" | "item" | "quote" | "cell";

/** A paragraph span, with the kind of block it was when not a plain paragraph. */
export interface ParagraphSpan extends Span {
  kind?: ParagraphKind;
}
