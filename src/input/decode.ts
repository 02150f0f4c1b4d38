// Bytes → string. The charset comes from a BOM, then a declared charset (HTTP
// header or HTML meta), then content sniffing; decoding is done by iconv-lite.
// Sniffing is our own because the general detectors confuse windows-1253 with
// ISO-8859-7 (they differ in only a few bytes, which we test for directly).
// Nothing is garbled silently: UTF-8 with a few bad bytes stays UTF-8 (the bad
// bytes become U+FFFD), a declared charset the bytes contradict is corrected,
// control characters are removed, and every such decision is a warning.
import iconv from "iconv-lite";

/** How the charset was chosen. */
export type CharsetDecision = "bom" | "declared" | "meta" | "sniffed" | "corrected";

export interface Decoded {
  text: string;
  charset: string;
  decision: CharsetDecision;
  /** The charset the transport or the page declared, when there was one. */
  declared?: string;
  /** Invalid UTF-8 sequences replaced by U+FFFD. */
  replaced: number;
  /** Control characters removed from the text. */
  removed: number;
  /** One line each: what was replaced, corrected or removed. */
  warnings: string[];
}

export interface DecodeOptions {
  /** Charset declared by the transport (HTTP Content-Type), trusted after a BOM. */
  declared?: string;
  /** Look for <meta charset> in the first bytes (for HTML). */
  html?: boolean;
}

export class DecodeError extends Error {
  override name = "DecodeError";
}

const META_SCAN_BYTES = 4096;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i;
const CHARSET_ALIASES: Record<string, string> = {
  "utf8": "utf-8",
  "iso8859-7": "iso-8859-7",
  "iso_8859-7": "iso-8859-7",
  "greek": "iso-8859-7",
  "cp1253": "windows-1253",
  "cp1252": "windows-1252",
  // WHATWG: latin1 and ascii labels mean windows-1252.
  "iso-8859-1": "windows-1252",
  "latin1": "windows-1252",
  "us-ascii": "windows-1252",
  "ascii": "windows-1252",
};
/** Declared Latin charsets that Greek single-byte pages are known to carry by mistake. */
const LATIN_CHARSETS = new Set(["windows-1252", "iso-8859-15", "iso-8859-9", "windows-1254"]);
const UNICODE_CHARSET = /^utf-/;
/** Share of high (≥0x80) letter bytes above which single-byte text is taken as Greek. */
const GREEK_HIGH_BYTE_SHARE = 0.3;
/** Bytes where windows-1253 and ISO-8859-7 disagree on a common Greek letter. */
const WIN1253_ALPHA_TONOS = 0xa2; // Ά in windows-1253
const ISO8859_7_ALPHA_TONOS = 0xb6; // Ά in ISO-8859-7 (¶ in windows-1253)
/** Valid multi-byte sequences needed per invalid byte for bytes to be taken as damaged UTF-8. */
const UTF8_VALID_PER_INVALID = 3;
/** Valid multi-byte sequences (and no invalid byte) that prove UTF-8 against a declared single-byte charset. */
const UTF8_PROOF_SEQUENCES = 8;
/** Words needed before the share of all-high-byte words is judged. */
const MOJIBAKE_MIN_WORDS = 5;
/** Share of words made only of bytes ≥ 0xC0 above which a Latin reading is Greek mojibake. */
const MOJIBAKE_WORD_SHARE = 0.3;
/** Controls removed from text: C0 except tab, line feed, carriage return, vertical tab and form feed; DEL; C1. */
const REMOVED_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/gu;
/** Vertical tab and form feed separate words: they become spaces. */
const SPACE_CONTROLS = /[\u000b\u000c]/gu;
const REPLACEMENT = /\ufffd/gu;
/** Binary sniffing: NULs in the first bytes, or too many NULs or control bytes anywhere. */
const BINARY_SNIFF_BYTES = 8192;
const MAX_CONTROL_SHARE = 0.02;
const MAX_NUL_SHARE = 0.001;

export function normalizeCharset(label: string): string {
  const l = label.trim().toLowerCase();
  return CHARSET_ALIASES[l] ?? l;
}

function bomCharset(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: "utf-16be", skip: 2 };
  return null;
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_SCAN_BYTES)).toString("latin1");
  const m = META_CHARSET.exec(head);
  return m ? m[1] : null;
}

interface Utf8Scan {
  /** Well-formed multi-byte sequences. */
  multibyte: number;
  /** Bytes that start no well-formed sequence. */
  invalid: number;
  /** Well-formed U+FFFD already in the bytes. */
  replacements: number;
}

/** One pass over the bytes, counting well-formed and ill-formed UTF-8. */
export function scanUtf8(b: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { multibyte: 0, invalid: 0, replacements: 0 };
  const n = b.length;
  let i = 0;
  while (i < n) {
    const x = b[i];
    if (x < 0x80) {
      i++;
      continue;
    }
    let len = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) len = 2;
    else if (x >= 0xe0 && x <= 0xef) {
      len = 3;
      if (x === 0xe0) lo = 0xa0;
      if (x === 0xed) hi = 0x9f;
    } else if (x >= 0xf0 && x <= 0xf4) {
      len = 4;
      if (x === 0xf0) lo = 0x90;
      if (x === 0xf4) hi = 0x8f;
    }
    let ok = len > 0 && i + len <= n && b[i + 1] >= lo && b[i + 1] <= hi;
    for (let k = 2; ok && k < len; k++) ok = b[i + k] >= 0x80 && b[i + k] <= 0xbf;
    if (!ok) {
      scan.invalid++;
      i++;
      continue;
    }
    scan.multibyte++;
    if (x === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd) scan.replacements++;
    i += len;
  }
  return scan;
}

/** Valid UTF-8, or UTF-8 damaged in a few places (many good sequences per bad byte). */
function readsAsUtf8(s: Utf8Scan): boolean {
  return s.invalid === 0 || s.multibyte >= s.invalid * UTF8_VALID_PER_INVALID;
}

/** Guess the single-byte charset of bytes that are not UTF-8. */
export function sniffSingleByte(bytes: Uint8Array): string {
  let high = 0;
  let ascii = 0;
  let c1 = 0;
  let win1253Tonos = 0;
  let isoTonos = 0;
  for (const b of bytes) {
    if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) ascii++;
    else if (b >= 0xb8) high++;
    if (b >= 0x80 && b <= 0x9f) c1++;
    if (b === WIN1253_ALPHA_TONOS) win1253Tonos++;
    if (b === ISO8859_7_ALPHA_TONOS) isoTonos++;
  }
  const share = high / Math.max(1, high + ascii);
  if (share < GREEK_HIGH_BYTE_SHARE) return "windows-1252";
  // C1 bytes are printable (quotes, dashes) only in windows-1253.
  if (isoTonos > win1253Tonos && c1 === 0) return "iso-8859-7";
  return "windows-1253";
}

/**
 * Greek single-byte text read as Latin: many words made only of bytes ≥ 0xC0
 * ("ÅëëÜäá"), which Latin text, with an accented letter here and there, never has.
 */
export function looksLikeGreekMojibake(bytes: Uint8Array): boolean {
  let words = 0;
  let highWords = 0;
  let len = 0;
  let allHigh = true;
  const endWord = () => {
    if (len >= 2) {
      words++;
      if (allHigh) highWords++;
    }
    len = 0;
    allHigh = true;
  };
  for (const b of bytes) {
    const high = b >= 0xc0 && b !== 0xd7 && b !== 0xf7;
    if (high || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) {
      len++;
      if (!high) allHigh = false;
    } else if (len) endWord();
  }
  if (len) endWord();
  return words >= MOJIBAKE_MIN_WORDS && highWords >= words * MOJIBAKE_WORD_SHARE;
}

/** NUL bytes in the first bytes, or many NULs or control bytes anywhere: not text. UTF-16 with a BOM is text. */
export function isBinary(bytes: Uint8Array): boolean {
  const bom = bomCharset(bytes);
  if (bom && bom.charset !== "utf-8") return false;
  const head = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let nul = 0;
  let control = 0;
  let headControl = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c) continue;
    if (b === 0) {
      if (i < head) return true;
      nul++;
    }
    control++;
    if (i < head) headControl++;
  }
  return headControl > head * MAX_CONTROL_SHARE || control > bytes.length * MAX_CONTROL_SHARE || nul > bytes.length * MAX_NUL_SHARE;
}

/** The text without control characters (tab, line breaks kept; vertical tab and form feed become spaces). */
export function stripControls(text: string): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(SPACE_CONTROLS, " ").replace(REMOVED_CONTROLS, () => {
    removed++;
    return "";
  });
  return { text: out, removed };
}

interface Choice {
  charset: string;
  decision: CharsetDecision;
  declared?: string;
  warnings: string[];
}

/** The charset the bytes are read in, and why. */
function chooseCharset(body: Uint8Array, bom: string | null, options: DecodeOptions, scan: () => Utf8Scan): Choice {
  if (bom) return { charset: bom, decision: "bom", warnings: [] };
  const meta = !options.declared && options.html ? metaCharset(body) : null;
  const label = options.declared ?? meta;
  if (!label) {
    const charset = readsAsUtf8(scan()) ? "utf-8" : sniffSingleByte(body);
    return { charset, decision: "sniffed", warnings: [] };
  }
  const declared = normalizeCharset(label);
  const decision: CharsetDecision = options.declared ? "declared" : "meta";
  const corrected = (charset: string): Choice => ({
    charset,
    decision: "corrected",
    declared,
    warnings: [`the ${decision === "meta" ? "page" : "server"} declares the character set "${declared}" but the bytes are ${charset}; read as ${charset}`],
  });
  if (declared === "utf-8") return readsAsUtf8(scan()) ? { charset: declared, decision, declared, warnings: [] } : corrected(sniffSingleByte(body));
  if (!UNICODE_CHARSET.test(declared)) {
    const s = scan();
    if (s.invalid === 0 && s.multibyte >= UTF8_PROOF_SEQUENCES) return corrected("utf-8");
    if (LATIN_CHARSETS.has(declared) && looksLikeGreekMojibake(body)) {
      const greek = sniffSingleByte(body);
      if (greek !== "windows-1252") return corrected(greek);
    }
  }
  return { charset: declared, decision, declared, warnings: [] };
}

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const bom = bomCharset(bytes);
  const body = bom ? bytes.subarray(bom.skip) : bytes;
  let scanned: Utf8Scan | null = null;
  const scan = () => (scanned ??= scanUtf8(body));
  const choice = chooseCharset(body, bom?.charset ?? null, options, scan);
  const { charset } = choice;
  if (!iconv.encodingExists(charset)) throw new DecodeError(`unknown character set "${charset}"`);
  const raw = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), charset, { stripBOM: true });
  const warnings = [...choice.warnings];
  let replaced = 0;
  if (charset === "utf-8") {
    const s = scan();
    if (s.invalid > 0) {
      replaced = (raw.match(REPLACEMENT)?.length ?? 0) - s.replacements;
      warnings.push(`${replaced} invalid UTF-8 sequence${replaced === 1 ? "" : "s"} replaced by U+FFFD`);
    }
  }
  const { text, removed } = stripControls(raw);
  if (removed) warnings.push(`${removed} control character${removed === 1 ? "" : "s"} removed`);
  const decoded: Decoded = { text, charset, decision: choice.decision, replaced, removed, warnings };
  if (choice.declared) decoded.declared = choice.declared;
  return decoded;
}
