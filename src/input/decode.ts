// Bytes → string. The charset comes from a BOM, then a declared charset (HTTP
// header or HTML meta), then content sniffing; decoding is done by iconv-lite.
// Sniffing is our own because the general detectors confuse windows-1253 with
// ISO-8859-7 (they differ in only a few bytes, which we test for directly).
import iconv from "iconv-lite";

export interface Decoded {
  text: string;
  charset: string;
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
/** Share of high (≥0x80) letter bytes above which single-byte text is taken as Greek. */
const GREEK_HIGH_BYTE_SHARE = 0.3;
/** Bytes where windows-1253 and ISO-8859-7 disagree on a common Greek letter. */
const WIN1253_ALPHA_TONOS = 0xa2; // Ά in windows-1253
const ISO8859_7_ALPHA_TONOS = 0xb6; // Ά in ISO-8859-7 (¶ in windows-1253)

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

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
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

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const bom = bomCharset(bytes);
  let charset: string;
  let body = bytes;
  if (bom) {
    charset = bom.charset;
    body = bytes.subarray(bom.skip);
  } else if (options.declared) {
    charset = normalizeCharset(options.declared);
  } else {
    const meta = options.html ? metaCharset(bytes) : null;
    if (meta) charset = normalizeCharset(meta);
    else charset = isUtf8(bytes) ? "utf-8" : sniffSingleByte(bytes);
  }
  // A declared UTF-8 that is not valid UTF-8 is a lie we can recover from.
  if (charset === "utf-8" && !bom && !isUtf8(body)) charset = sniffSingleByte(body);
  if (!iconv.encodingExists(charset)) throw new DecodeError(`unknown character set "${charset}"`);
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), charset, { stripBOM: true });
  return { text, charset };
}
