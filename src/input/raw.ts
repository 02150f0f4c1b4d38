// What reading an input yields: a RawInput (decoded text, media type, hints
// from the input itself) or an InputFailure, and the helpers that make them,
// shared by the readers of files, URLs, WARC files, feeds and sitemaps.
import { escapeControl } from "../util/terminal.js";
import { decodeBytes, type CharsetDecision } from "./decode.js";

export type MediaType = "text/plain" | "text/html";

export interface InputHints {
  url?: string;
  title?: string;
  /** The publication date; it overrides the page's own. */
  published?: string;
  /** A publication date used only when the page names none (a feed item's or a WARC record's date). */
  fallbackPublished?: string;
  lang?: string;
}

export interface RawInput {
  source: string;
  mediaType: MediaType;
  text: string;
  charset?: string;
  /** How the charset was chosen (see decode.ts). */
  charsetDecision?: CharsetDecision;
  /** What decoding replaced, corrected or removed, one line each. */
  warnings?: string[];
  hints: InputHints;
  /** Another reading of the same article, analysed when this one yields none (a feed's own text of an item whose page has no readable article). */
  fallback?: RawInput;
}

export interface InputFailure {
  source: string;
  error: string;
}

export function isFailure<T extends object>(x: T | InputFailure): x is InputFailure {
  return "error" in x;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A failure whose source and message are safe to print on one line. */
export function failure(source: string, error: string): InputFailure {
  return { source: escapeControl(source), error: escapeControl(error) };
}

/** Bytes decoded as a page or text (the declared charset, when there is one, first). */
export function decodeAs(bytes: Uint8Array, source: string, mediaType: MediaType, hints: InputHints = {}, declared?: string): RawInput {
  const d = decodeBytes(bytes, { html: mediaType === "text/html", declared });
  const raw: RawInput = { source, mediaType, text: d.text, charset: d.charset, charsetDecision: d.decision, hints };
  if (d.warnings.length) raw.warnings = d.warnings.map(escapeControl);
  return raw;
}
