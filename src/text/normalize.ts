// Normalisation and matching keys: NFC for every stored text, and the fold key
// (lower case, no accents or diaeresis, final sigma as σ) used for matching.

const COMBINING_MARKS = /\p{M}+/gu;
const FINAL_SIGMA = /ς/g;
const GREEK_LETTER = /\p{Script=Greek}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
/** Latin capitals that look like Greek ones, as found inside Greek words on real pages. */
const LATIN_TO_GREEK_LOOKALIKE: Record<string, string> = {
  A: "Α", B: "Β", E: "Ε", H: "Η", I: "Ι", K: "Κ", M: "Μ", N: "Ν", O: "Ο", P: "Ρ", T: "Τ", X: "Χ", Y: "Υ", Z: "Ζ",
  a: "α", o: "ο", v: "ν", u: "υ", i: "ι", k: "κ", x: "χ",
};
const LOOKALIKE_RE = new RegExp(`[${Object.keys(LATIN_TO_GREEK_LOOKALIKE).join("")}]`, "g");

export function nfc(text: string): string {
  return text.normalize("NFC");
}

/**
 * Invisible format characters that split words for search and matching: soft
 * hyphen, zero-width space, word joiner, BOM / zero-width no-break space, and
 * the invisible operators. Zero-width (non-)joiners are removed too, except
 * where they shape text: inside emoji sequences and between letters or marks
 * of scripts other than Latin, Greek and Cyrillic (Arabic, Persian, Indic).
 */
const INVISIBLE = /[\u00ad\u200b\u2060-\u2064\ufeff]/u;
const INVISIBLE_ALL = /[\u00ad\u200b\u2060-\u2064\ufeff]+/gu;
const JOINERS = /[\u200c\u200d]/u;
const SHAPING_NEIGHBOUR = /[\p{Extended_Pictographic}\u{1f3fb}-\u{1f3ff}\ufe0f]|(?![\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}])[\p{L}\p{M}]/u;
const JOINER_RUNS = /[\u200c\u200d]+/gu;

/** The text without invisible format characters (see INVISIBLE); unchanged, and not copied, when it has none. */
export function removeInvisible(text: string): string {
  let out = INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, "") : text;
  if (JOINERS.test(out)) {
    out = out.replace(JOINER_RUNS, (run, at: number, s: string) => {
      const before = at > 0 ? String.fromCodePoint(s.codePointAt(at - 1 - (isLowSurrogate(s, at - 1) ? 1 : 0)) ?? 0) : "";
      const after = s.codePointAt(at + run.length);
      const next = after === undefined ? "" : String.fromCodePoint(after);
      return SHAPING_NEIGHBOUR.test(before) || SHAPING_NEIGHBOUR.test(next) ? run : "";
    });
  }
  return out;
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0;
}

/** Words up to this length are folded once and remembered: matching folds the same words again and again. */
const CACHED_MAX_LENGTH = 48;
const CACHE_LIMIT = 100_000;
const foldCache = new Map<string, string>();

function foldUncached(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(COMBINING_MARKS, "").replace(FINAL_SIGMA, "σ");
}

/** Lower case, accents and diaeresis removed, final sigma → σ. */
export function fold(text: string): string {
  if (text.length > CACHED_MAX_LENGTH) return foldUncached(text);
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = foldUncached(text);
    if (foldCache.size >= CACHE_LIMIT) foldCache.clear();
    foldCache.set(text, folded);
  }
  return folded;
}

/**
 * Fold a word, first mapping Latin look-alike letters to Greek when the word
 * mixes the two scripts (a Latin "Ι" inside a Greek word).
 */
export function foldWord(word: string): string {
  if (GREEK_LETTER.test(word) && LATIN_LETTER.test(word)) {
    return fold(word.replace(LOOKALIKE_RE, (c) => LATIN_TO_GREEK_LOOKALIKE[c] ?? c));
  }
  return fold(word);
}
