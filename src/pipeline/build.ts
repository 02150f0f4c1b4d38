// Builds a Doc from an extracted article: NFC-normalises its strings and lays
// them out as one text — headline, blank line, body paragraphs separated by
// blank lines — with the headline, body and paragraph spans recorded.
import { createHash } from "node:crypto";
import type { CharsetDecision } from "../input/decode.js";
import { emptyTokens, type Doc, type DocMeta, type ParagraphSpan } from "../doc/doc.js";
import type { ExtractedArticle } from "../extract/article.js";
import { UNDETERMINED } from "../lang/lang.js";
import { nfc, removeInvisible } from "../text/normalize.js";

const BLOCK_SEPARATOR = "\n\n";
const ID_HEX_CHARS = 16;
/**
 * White space to make one plain space: a run of two or more, or one that is not a plain space.
 * A single plain space is left as it is, so that ordinary text is scanned, not rebuilt.
 */
const INNER_WHITESPACE = /[\t\v\f\r \u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\v\f\r\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu;
/** Control characters, removed (tab, line feed and the other whitespace controls are handled as whitespace). */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/gu;

export interface BuildInfo {
  source?: string;
  charset?: string;
  /** How the charset was chosen. */
  charsetDecision?: CharsetDecision;
  /** What decoding replaced, corrected or removed. */
  warnings?: readonly string[];
  /** Language given by the input, trusted over identification. */
  lang?: string;
}

function clean(s: string): string {
  return nfc(removeInvisible(s)).replace(CONTROLS, "").replace(INNER_WHITESPACE, " ").trim();
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Hash of what the reader sees: headline and body. */
export function contentHash(title: string, body: string): string {
  return sha256(`${title}\u0000${body}`);
}

export function buildDoc(article: ExtractedArticle, info: BuildInfo = {}): Doc {
  const title = article.title ? clean(article.title) : "";
  const paragraphs = article.paragraphs.map((p, i) => ({ text: clean(p), kind: article.kinds?.[i] ?? null })).filter((p) => p.text !== "");
  let text = "";
  const meta: DocMeta = {};
  if (title) {
    meta.title = { start: 0, end: title.length };
    text = title;
  }
  const spans: ParagraphSpan[] = [];
  for (const p of paragraphs) {
    if (text) text += BLOCK_SEPARATOR;
    const span: ParagraphSpan = { start: text.length, end: text.length + p.text.length };
    if (p.kind) span.kind = p.kind;
    spans.push(span);
    text += p.text;
  }
  if (spans.length) meta.body = { start: spans[0].start, end: spans[spans.length - 1].end };
  const m = article.meta;
  if (m.url) meta.url = m.url;
  if (m.canonicalUrl) meta.canonicalUrl = m.canonicalUrl;
  if (m.published) meta.published = m.published;
  if (m.modified) meta.modified = m.modified;
  if (m.authors?.length) meta.authors = m.authors.map(clean);
  if (m.site) meta.site = clean(m.site);
  if (m.section) meta.section = clean(m.section);
  if (m.image) meta.image = m.image;
  if (article.relatedMarker) meta.relatedMarker = clean(article.relatedMarker);
  if (info.source) meta.source = info.source;
  if (info.charset) meta.charset = info.charset;
  if (info.charsetDecision) meta.charsetDecision = info.charsetDecision;
  if (info.warnings?.length) meta.warnings = [...info.warnings];
  if (article.verdict) meta.extraction = { ...article.verdict };
  const bodyText = meta.body ? text.slice(meta.body.start, meta.body.end) : "";
  const hash = contentHash(title, bodyText);
  const key = meta.canonicalUrl ?? meta.url ?? hash;
  return {
    id: sha256(key).slice(0, ID_HEX_CHARS),
    text,
    lang: info.lang ?? m.lang ?? UNDETERMINED,
    langConfidence: (info.lang ?? m.lang) ? 1 : 0,
    meta,
    layers: {
      paragraphs: spans,
      sentences: [],
      tokens: emptyTokens(),
      related: article.related.map((r) => ({ title: clean(r.title), url: r.url })).filter((r) => r.title !== ""),
    },
  };
}

/** The content hash of a built document. */
export function docContentHash(doc: Doc): string {
  const title = doc.meta.title ? doc.text.slice(doc.meta.title.start, doc.meta.title.end) : "";
  const body = doc.meta.body ? doc.text.slice(doc.meta.body.start, doc.meta.body.end) : "";
  return contentHash(title, body);
}
