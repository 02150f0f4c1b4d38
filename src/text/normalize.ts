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
