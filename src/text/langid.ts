// Language identification: franc-min (trigram profiles of 80+ languages, script
// first) gives ranked ISO 639-3 guesses; we map them to the languages that have
// tables in lang/ (el, en, …) and to ISO 639-1 for the rest, with a confidence.
import { francAll } from "franc-min";
import { iso6393To1 } from "iso-639-3";
import { allLangs, UNDETERMINED } from "../lang/lang.js";

export interface LangGuess {
  lang: string;
  confidence: number;
}

export interface LangIdOptions {
  /** Characters read from the start of the text; longer texts add time, not accuracy. */
  sampleChars?: number;
  /** Below this many letters the answer is "und". */
  minLetters?: number;
}

const DEFAULTS: Required<LangIdOptions> = { sampleChars: 3000, minLetters: 12 };
/**
 * Sharpness of the softmax that turns franc's relative scores (close to 1 for
 * every candidate on long texts) into a probability.
 */
const SCORE_SHARPNESS = 300;
/** Below this many letters the confidence is scaled down in proportion. */
const RELIABLE_LETTERS = 60;
const LETTER = /\p{L}/gu;

let byFranc: Map<string, string> | null = null;

function francToLang(code: string): string {
  if (!byFranc) {
    byFranc = new Map();
    for (const lang of allLangs()) for (const f of lang.francCodes) byFranc.set(f, lang.code);
  }
  return byFranc.get(code) ?? iso6393To1[code] ?? code;
}

export function identifyLanguage(text: string, options: LangIdOptions = {}): LangGuess {
  const o = { ...DEFAULTS, ...options };
  const sample = text.slice(0, o.sampleChars);
  const letters = sample.match(LETTER)?.length ?? 0;
  if (letters < o.minLetters) return { lang: UNDETERMINED, confidence: 0 };
  const ranked = francAll(sample, { minLength: o.minLetters });
  const [top] = ranked;
  if (!top || top[0] === "und") return { lang: UNDETERMINED, confidence: 0 };
  // Softmax over the ranked guesses, pooled by the language they map to.
  const mass = new Map<string, number>();
  let total = 0;
  for (const [code, score] of ranked) {
    const w = Math.exp(SCORE_SHARPNESS * (score - 1));
    const lang = francToLang(code);
    mass.set(lang, (mass.get(lang) ?? 0) + w);
    total += w;
  }
  const lang = francToLang(top[0]);
  const reliability = Math.min(1, letters / RELIABLE_LETTERS);
  const confidence = Math.round(((mass.get(lang) ?? 0) / total) * reliability * 1000) / 1000;
  return { lang, confidence };
}
