// Search keys: a folded word with its inflectional ending stripped by the
// suffix table of the language whose script the word is written in, so that
// «Ρωσίας», «ΡΩΣΙΑ» and «ρωσια» share a key, and so do "drone" and "drones".
// Our own, table-driven: there is no maintained Greek stemmer for JavaScript,
// and a light stripper keeps unrelated words apart better than an aggressive one.
import { allLangs, type StemRules } from "../lang/lang.js";
import { foldWord } from "./normalize.js";

const FIRST_LETTER = /\p{L}/u;
/** The hyphens of a compound word, with a stray space kept by the tokenizer («Ταλαεΐ- Νικ»). */
const COMPOUND_HYPHEN = /\s*[-‐‑]\s*/u;
const KEY_HYPHEN = "-";

interface ScriptRules {
  letter: RegExp;
  rules: StemRules;
}

let byScript: ScriptRules[] | null = null;

function scriptRules(): ScriptRules[] {
  if (!byScript) {
    const seen = new Set<string>();
    byScript = [];
    for (const lang of allLangs()) {
      if (!lang.script || !lang.stem.suffixes.length || seen.has(lang.script)) continue;
      seen.add(lang.script);
      byScript.push({ letter: new RegExp(`\\p{Script=${lang.script}}`, "u"), rules: lang.stem });
    }
  }
  return byScript;
}

/** The stemming rules of the script the word's first letter is written in. */
function rulesFor(word: string): StemRules | undefined {
  const m = FIRST_LETTER.exec(word);
  return m ? scriptRules().find((s) => s.letter.test(m[0]))?.rules : undefined;
}

/** Strip the longest listed suffix that leaves at least `minStem` characters. */
export function stripSuffix(folded: string, rules: StemRules): string {
  for (const suffix of rules.suffixes) {
    if (folded.length - suffix.length >= rules.minStem && folded.endsWith(suffix)) {
      return folded.slice(0, folded.length - suffix.length) + (rules.replacements[suffix] ?? "");
    }
  }
  return folded;
}

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 200_000;

function partKey(part: string): string {
  const folded = foldWord(part);
  const rules = rulesFor(folded);
  return rules ? stripSuffix(folded, rules) : folded;
}

/**
 * The search key of one word; a hyphenated word's parts are keyed each
 * («Ταλαεΐ- Νικ» → ταλα-νικ), so that a search for one part finds it.
 */
export function searchKey(word: string): string {
  let key = keyCache.get(word);
  if (key !== undefined) return key;
  key = COMPOUND_HYPHEN.test(word) ? word.split(COMPOUND_HYPHEN).map(partKey).join(KEY_HYPHEN) : partKey(word);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(word, key);
  return key;
}
