// Transliteration between scripts and a script-independent phonetic key, so
// that a name written in Greek meets the same name written in Latin letters
// (Ριαμπκόφ ~ Ryabkov, Ταλαεΐ-Νικ ~ Talaei-Nik, Ουάσινγκτον ~ Washington).
// The letter tables are language data (lang/<code>/entity-translit.json,
// ELOT 743 / ISO 843 for Greek); the phonetic key then flattens the spelling
// conventions of Latin transcriptions (ph/f, y/i, mp/b, nt/d, final -os/-is …).
import { allLangs } from "../../lang/lang.js";

const TRANSLIT_TABLE = "entity-translit";
const COMBINING_MARKS = /\p{M}/u;
const DIAERESIS = "\u0308";
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
/** Hyphens that join the parts of one name, with or without a stray space («Ταλαεΐ- Νικ»). */
const NAME_HYPHEN = /\s*[-‐‑–]\s*/gu;
const NON_LETTERS = /[^a-z]+/g;
/** Rewrites applied in order to a lower-case Latin word (no diacritics). */
const PHONETIC_RULES: [RegExp, string][] = [
  [/ph/g, "f"], [/th/g, "t"], [/[kc]h/g, "h"], [/gh/g, "g"], [/sh/g, "s"], [/zh/g, "z"],
  [/[td]z/g, "j"], [/ck/g, "k"], [/[cq]/g, "k"], [/x/g, "ks"], [/w/g, "u"], [/y/g, "i"],
  [/m[pb]/g, "b"], [/nt/g, "d"], [/g[kg]/g, "g"], [/nk/g, "ng"],
  [/ou/g, "u"], [/oo/g, "u"], [/v/g, "f"], [/[eo]i/g, "i"], [/ee/g, "i"], [/ai/g, "e"],
  [/(.)\1+/g, "$1"],
];
/** Inflection-like endings dropped from a key word (Mitsotakis ~ Μητσοτάκη). */
const KEY_ENDING = /[aeiou]*s?$/;
const KEY_MIN_STEM = 3;

interface TranslitTable {
  script: string;
  letters: Record<string, string>;
  sequences: [string, string, string?][];
  voiceless: string;
}

interface Scheme {
  letter: RegExp;
  table: TranslitTable;
  /** Sequences longest first. */
  sequences: [string, string, string?][];
}

let schemes: Scheme[] | null = null;

function loadSchemes(): Scheme[] {
  if (!schemes) {
    schemes = [];
    for (const lang of allLangs()) {
      const table = lang.tables[TRANSLIT_TABLE] as TranslitTable | undefined;
      if (!table) continue;
      schemes.push({
        letter: new RegExp(`\\p{Script=${table.script}}`, "u"),
        table,
        sequences: [...table.sequences].sort((a, b) => b[0].length - a[0].length),
      });
    }
  }
  return schemes;
}

interface Letter {
  base: string;
  upper: boolean;
  diaeresis: boolean;
}

function letters(word: string): Letter[] {
  const out: Letter[] = [];
  for (const ch of word.normalize("NFD")) {
    if (COMBINING_MARKS.test(ch)) {
      if (ch === DIAERESIS && out.length) out[out.length - 1].diaeresis = true;
      continue;
    }
    out.push({ base: ch.toLowerCase(), upper: UPPER.test(ch), diaeresis: false });
  }
  return out;
}

function transliterateRun(word: string, scheme: Scheme): string {
  const ls = letters(word);
  const allUpper = ls.filter((l) => LETTER.test(l.base)).length > 1 && ls.every((l) => !LETTER.test(l.base) || l.upper);
  let out = "";
  let i = 0;
  while (i < ls.length) {
    let piece: string | undefined;
    let used = 1;
    for (const [seq, value, beforeVoiceless] of scheme.sequences) {
      if (i + seq.length > ls.length) continue;
      let ok = true;
      for (let k = 0; k < seq.length && ok; k++) ok = ls[i + k].base === seq[k] && !(k > 0 && ls[i + k].diaeresis);
      if (!ok) continue;
      const next = ls[i + seq.length];
      const voicelessNext = !next || !LETTER.test(next.base) || scheme.table.voiceless.includes(next.base);
      piece = beforeVoiceless !== undefined && voicelessNext ? beforeVoiceless : value;
      used = seq.length;
      break;
    }
    piece ??= scheme.table.letters[ls[i].base] ?? ls[i].base;
    if (allUpper) piece = piece.toUpperCase();
    else if (ls[i].upper && piece) piece = piece[0].toUpperCase() + piece.slice(1);
    out += piece;
    i += used;
  }
  return out;
}

/** Text with every run of a transliterated script written in Latin letters. */
export function toLatin(text: string): string {
  const all = loadSchemes();
  if (!all.length) return text;
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    const scheme = all.find((s) => s.letter.test(word));
    return scheme ? transliterateRun(word, scheme) : word;
  });
}

/** Is the text written (at least partly) in a script that has a transliteration table? */
export function needsTransliteration(text: string): boolean {
  return loadSchemes().some((s) => s.letter.test(text));
}

/** The phonetic key of one word (already in Latin letters or not); remembered, as names recur. */
function wordKey(word: string): string {
  const known = wordKeyCache.get(word);
  if (known !== undefined) return known;
  const key = computeWordKey(word);
  if (wordKeyCache.size >= WORD_KEY_CACHE_LIMIT) wordKeyCache.clear();
  wordKeyCache.set(word, key);
  return key;
}

const WORD_KEY_CACHE_LIMIT = 50_000;
const wordKeyCache = new Map<string, string>();

function computeWordKey(word: string): string {
  let key = toLatin(word).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(NON_LETTERS, "");
  for (const [re, to] of PHONETIC_RULES) key = key.replace(re, to);
  const stripped = key.replace(KEY_ENDING, "");
  return stripped.length >= KEY_MIN_STEM ? stripped : key;
}

/**
 * A key that spellings of one name share across scripts: words transliterated,
 * spelling variants flattened, endings dropped, joined by single spaces.
 */
export function phoneticKey(name: string): string {
  return name
    .replace(NAME_HYPHEN, "")
    .split(/\s+/u)
    .map(wordKey)
    .filter((w) => w !== "")
    .join(" ");
}
