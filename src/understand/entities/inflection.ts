// The nominative of a name's words, for languages whose names decline
// (lang/<code>/entity-inflection.json): an oblique ending is replaced by the
// nominative ending of its gender, number and case (Πυροσβεστικής → Πυροσβεστική,
// Μητσοτάκη → Μητσοτάκης); words whose ending is not listed do not decline.
// The case of a name is read from the article before it
// (lang/<code>/entity-determiners.json) or the taggers' features.
import { getLang } from "../../lang/lang.js";

const DETERMINER_TABLE = "entity-determiners";
const INFLECTION_TABLE = "entity-inflection";
const FIRST_NAME_TABLE = "entity-first-names";
const GENDERS = ["Masc", "Fem", "Neut"] as const;
const NOMINATIVE = "Nom";
const SINGULAR = "Sing";
const FEATURE_SEPARATOR = "|";
const FEATURE_VALUE = "=";
const ACUTE = "\u0301";
const COMBINING_MARKS = /\p{M}/gu;
const ACCENTED = /[\u0301\u0344]/u;
const ACUTES = /\u0301/gu;
const UPPER_START = /^\p{Lu}/u;

/** Case, gender and number of a word or name, as Universal Dependencies values; unknown ones are left out. */
export interface Morph {
  case?: string;
  gender?: string;
  number?: string;
}

/** What an article before a name allows. */
export interface DeterminerMorph {
  case: string[];
  gender: string[];
  number: string[];
}

interface InflectionJson {
  nominative: Record<string, Record<string, string>>;
  invariantSurname?: string[];
  accentMarks?: string[];
}

export interface Inflection {
  /** 'Gender|Number|Case' → [oblique ending, nominative ending], longest ending first. */
  endings: Map<string, [string, string][]>;
  invariantSurname: Set<string>;
  accentMarks: Set<string>;
  /** First names by their letters without accents, lower case: the name as listed and its gender. */
  firstNames: Map<string, { name: string; gender: string }>;
}

const inflections = new Map<string, Inflection | null>();

/** The inflection table of a language, or null when its names do not decline. */
export function inflectionOf(lang: string): Inflection | null {
  let inf = inflections.get(lang);
  if (inf === undefined) {
    const tables = getLang(lang).tables;
    const json = tables[INFLECTION_TABLE] as InflectionJson | undefined;
    const names = (tables[FIRST_NAME_TABLE] ?? {}) as Partial<Record<string, string[]>>;
    const firstNames = new Map<string, { name: string; gender: string }>();
    for (const gender of GENDERS) for (const name of names[gender] ?? []) firstNames.set(bare(name), { name, gender });
    inf = json
      ? {
          endings: new Map(Object.entries(json.nominative).map(([k, v]) => [k, Object.entries(v).sort((a, b) => b[0].length - a[0].length)])),
          invariantSurname: new Set(json.invariantSurname ?? []),
          accentMarks: new Set(json.accentMarks ?? []),
          firstNames,
        }
      : null;
    inflections.set(lang, inf);
  }
  return inf;
}

/** The determiner table of a language: lower-case form → what it allows. */
export function determinersOf(lang: string): ReadonlyMap<string, DeterminerMorph> {
  let d = determiners.get(lang);
  if (!d) {
    const json = getLang(lang).tables[DETERMINER_TABLE] as { determiners: Record<string, DeterminerMorph> } | undefined;
    determiners.set(lang, (d = new Map(Object.entries(json?.determiners ?? {}))));
  }
  return d;
}

/** Each language's determiners, read once (every entity of every article asks). */
const determiners = new Map<string, ReadonlyMap<string, DeterminerMorph>>();

/** The case, gender and number of a FEATS string ("Case=Gen|Gender=Fem|Number=Sing"). */
export function morphOfFeats(feats: string | undefined): Morph {
  const out: Morph = {};
  for (const pair of (feats ?? "").split(FEATURE_SEPARATOR)) {
    const [k, v] = pair.split(FEATURE_VALUE);
    if (k === "Case") out.case = v;
    else if (k === "Gender") out.gender = v;
    else if (k === "Number") out.number = v;
  }
  return out;
}

/** One value: the only one the determiner allows, else the tagger's if the determiner allows it, else the determiner's first. */
function pick(allowed: string[] | undefined, tagged: string | undefined): string | undefined {
  if (!allowed) return tagged;
  if (allowed.length === 1) return allowed[0];
  return tagged && allowed.includes(tagged) ? tagged : allowed[0];
}

/** A name's morphology from the determiner before it (if any) and the tagger's features of its head word. */
export function combineMorph(det: DeterminerMorph | undefined, tagged: Morph): Morph {
  return { case: pick(det?.case, tagged.case), gender: pick(det?.gender, tagged.gender), number: pick(det?.number, tagged.number) };
}

export const isNominative = (m: Morph) => m.case === undefined || m.case === NOMINATIVE;

const bare = (s: string) => s.normalize("NFD").replace(COMBINING_MARKS, "").toLowerCase();
const accents = (s: string) => [...s.normalize("NFD")].filter((c) => ACCENTED.test(c)).length;

/**
 * The nominative of one word in the given morphology: its longest listed
 * ending replaced, else the word itself. The accent stays where it was unless
 * the tagger's lemma has the same stem with one accent elsewhere (Κυπέλλου →
 * Κύπελλο, Πανεπιστημίου → Πανεπιστήμιο) and the new ending carries none.
 */
export function nominativeWord(inf: Inflection, word: string, m: Morph, lemma?: string): string {
  if (isNominative(m) || !m.gender || !m.number) return word;
  const rules = inf.endings.get([m.gender, m.number, m.case].join(FEATURE_SEPARATOR));
  if (!rules) return word;
  const lower = word.toLowerCase();
  const rule = rules.find(([ending]) => lower.endsWith(ending) && lower.length > ending.length);
  if (!rule) return word;
  const [ending, nominative] = rule;
  const stem = word.slice(0, word.length - ending.length);
  const out = stem + (word === word.toUpperCase() && word.length > 1 ? nominative.toUpperCase() : nominative);
  if (!lemma || accents(nominative) > 0 || accents(lemma) !== 1) return out;
  const lemmaStem = lemma.normalize("NFC").slice(0, stem.length);
  if (bare(lemmaStem) !== bare(stem) || accents(lemmaStem) !== 1) return out;
  // The lemma's accent on the word's own letters (their case kept).
  const restored = [...stem].map((ch, i) => {
    const lemmaAccented = ACCENTED.test(lemmaStem[i].normalize("NFD"));
    const base = ch.normalize("NFD").replace(ACUTES, "");
    return (lemmaAccented ? base + ACUTE : base).normalize("NFC");
  });
  return restored.join("") + nominative;
}

/** A word written after an accent mark ('Ακης): its first capital vowel with the accent, if the word has none. */
export function restoreAccentMark(inf: Inflection, markBefore: string, word: string): string {
  if (!inf.accentMarks.has(markBefore) || !UPPER_START.test(word) || accents(word) > 0) return word;
  const accented = (word[0] + ACUTE).normalize("NFC");
  return accented.length === 1 && accented !== word[0] ? accented + word.slice(1) : word;
}

/**
 * A listed first name in any case: its morphology and its listed nominative
 * (Γλυκερίας → Fem, Gen, Γλυκερία; Κυριάκο → Masc, Acc, Κυριάκος; Γιωργος →
 * Masc, Nom, Γιώργος), or null.
 */
export function firstName(inf: Inflection, word: string): { morph: Morph; name: string } | null {
  const listed = inf.firstNames.get(bare(word));
  if (listed) return { morph: { case: NOMINATIVE, gender: listed.gender, number: SINGULAR }, name: listed.name };
  for (const key of inf.endings.keys()) {
    const [gender, number, c] = key.split(FEATURE_SEPARATOR);
    if (number !== SINGULAR) continue;
    const morph = { case: c, gender, number };
    const found = inf.firstNames.get(bare(nominativeWord(inf, word, morph)));
    if (found && found.gender === gender) return { morph, name: found.name };
  }
  return null;
}
