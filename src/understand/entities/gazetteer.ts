// The gazetteer: country names (from the i18n-iso-countries package, in the
// locale of every language under lang/, plus that language's additions in
// entity-countries.json), capitals (entity-capitals.json) and nationality
// nouns and adjectives (entity-demonyms.json), all by ISO 3166-1 code; and
// well-known organisations (entity-organisations.json) by a neutral code.
// Names match on search keys, so inflected forms meet (Ρωσίας, του Λευκού
// Οίκου), acronyms only in capitals (WHO, not "Who"); demonyms on their listed
// folded forms, so Ρώσος is not read as Ρωσία.
import { createRequire } from "node:module";
import { allLangs, type LangData } from "../../lang/lang.js";
import { fold } from "../../text/normalize.js";
import { searchKey } from "../../text/stem.js";

const COUNTRY_TABLE = "entity-countries";
const CAPITAL_TABLE = "entity-capitals";
const DEMONYM_TABLE = "entity-demonyms";
const WORDS_TABLE = "entity-words";
const ORGANISATION_TABLE = "entity-organisations";
const PACKAGE_LOCALE = (code: string) => `i18n-iso-countries/langs/${code}.json`;
const PARADIGM_MARK = "|";
const DOTS = /\./g;
const ACRONYM = /^[\p{Lu}.]+$/u;

export type PlaceKind = "country" | "capital" | "demonym" | "organisation";

export interface PlaceEntry {
  code: string;
  kind: PlaceKind;
  /** Listed as an acronym: matches only text in capitals. */
  acronym?: boolean;
}

export interface CountryNames {
  /** Display name by language code. */
  names: Record<string, string>;
}

/** Words of the entity layer for one language (see lang/<code>/entity-words.json), folded. */
export interface EntityWords {
  articles: Set<string>;
  connectors: Set<string>;
  acronymSkip: Set<string>;
  titles: Set<string>;
  titleWords: Set<string>;
  orgHeads: Set<string>;
  stateHeads: Set<string>;
  /** Words after which a capitalised genitive is a portfolio, not a place (υπουργός Γεωργίας: agriculture, not Georgia). */
  portfolioHeads: Set<string>;
  functionWords: Set<string>;
  placeCues: string[][];
}

interface CountryTable {
  canonical?: Record<string, string>;
  aliases?: Record<string, string[]>;
}

interface DemonymTable {
  paradigms: Record<string, string[]>;
  demonyms: Record<string, string[]>;
}

interface WordsJson {
  articles?: string[];
  connectors?: string[];
  acronymSkip?: string[];
  titles?: string[];
  titleWords?: string[];
  orgHeads?: string[];
  stateHeads?: string[];
  portfolioHeads?: string[];
  functionWords?: string[];
}

/** The key a word of a place name is matched on: its search key without dots (Η.Π.Α. = ΗΠΑ). */
export function wordKey(word: string): string {
  return searchKey(word.replace(DOTS, ""));
}

/** A name as the sequence of its word keys, joined by spaces. */
export function nameKey(words: string[]): string {
  return words.map(wordKey).join(" ");
}

function addLength(starts: Map<string, number>, first: string, words: number): void {
  starts.set(first, (starts.get(first) ?? 0) | (1 << words));
}

export class Gazetteer {
  /** Country and capital names by name key. */
  readonly byKey = new Map<string, PlaceEntry>();
  /** Demonym forms by folded text (words joined by spaces). */
  readonly demonyms = new Map<string, string>();
  readonly countries = new Map<string, CountryNames>();
  /** Display names of organisations by code, then language. */
  readonly organisations = new Map<string, Record<string, string>>();
  /** Longest name, in words. */
  maxWords = 1;
  /** The lengths (in words, as bits: 1 << n) of the names whose first word has this key: a token no name starts with is passed at once. */
  readonly nameStarts = new Map<string, number>();
  /** The same for the demonym forms, by the fold of their first word. */
  readonly demonymStarts = new Map<string, number>();
  private readonly words = new Map<string, EntityWords>();
  private union: EntityWords | null = null;

  addCountry(lang: string, code: string, name: string, display: boolean): void {
    const c = this.countries.get(code) ?? { names: {} };
    if (display || !c.names[lang]) c.names[lang] = name;
    this.countries.set(code, c);
    this.addName(name, { code, kind: "country" });
  }

  addName(name: string, entry: PlaceEntry): void {
    const words = name.split(/\s+/u);
    this.maxWords = Math.max(this.maxWords, words.length);
    const key = nameKey(words);
    addLength(this.nameStarts, wordKey(words[0]), words.length);
    // The first listing of a key wins.
    if (!this.byKey.has(key)) this.byKey.set(key, ACRONYM.test(name) ? { ...entry, acronym: true } : entry);
  }

  addOrganisation(lang: string, code: string, names: string[]): void {
    const display = this.organisations.get(code) ?? {};
    display[lang] ??= names[0];
    this.organisations.set(code, display);
    for (const n of names) this.addName(n, { code, kind: "organisation" });
  }

  addDemonym(form: string, code: string): void {
    const words = form.split(/\s+/u);
    this.maxWords = Math.max(this.maxWords, words.length);
    const key = fold(form);
    const folded = key.split(" ");
    addLength(this.demonymStarts, folded[0], folded.length);
    this.demonyms.set(key, code);
  }

  setWords(lang: string, words: EntityWords): void {
    this.words.set(lang, words);
    this.union = null;
  }

  /**
   * The entity words of every language at once: articles quote names and
   * titles of other languages («Prime Minister Mitsotakis» in a Greek text),
   * and the tables of different scripts do not collide.
   */
  wordsFor(_lang: string): EntityWords {
    if (!this.union) {
      const u = emptyWords();
      for (const w of this.words.values()) {
        for (const k of Object.keys(u) as (keyof EntityWords)[]) {
          if (k === "placeCues") u.placeCues.push(...w.placeCues);
          else for (const x of w[k]) u[k].add(x);
        }
      }
      this.union = u;
    }
    return this.union;
  }

  /** The display name of a country in a language, or null. */
  countryName(code: string, lang: string): string | null {
    return this.countries.get(code)?.names[lang] ?? null;
  }

  /** The display name of an organisation in a language, or null. */
  organisationName(code: string, lang: string): string | null {
    return this.organisations.get(code)?.[lang] ?? null;
  }
}

function emptyWords(): EntityWords {
  return {
    articles: new Set(), connectors: new Set(), acronymSkip: new Set(), titles: new Set(), titleWords: new Set(),
    orgHeads: new Set(), stateHeads: new Set(), portfolioHeads: new Set(), functionWords: new Set(), placeCues: [],
  };
}

const require = createRequire(import.meta.url);

/** Country names of the package's locale for a language: code → [official, other names …]. */
function packageNames(code: string): Record<string, string | string[]> {
  try {
    return (require(PACKAGE_LOCALE(code)) as { countries: Record<string, string | string[]> }).countries;
  } catch {
    return {};
  }
}

/** The display name: the first common name that is not an acronym, after the official one. */
function displayName(names: string[]): string {
  const plain = names.filter((n) => !ACRONYM.test(n));
  return plain[1] ?? plain[0] ?? names[0];
}

function loadLanguage(g: Gazetteer, lang: LangData): void {
  const table = (lang.tables[COUNTRY_TABLE] ?? {}) as CountryTable;
  for (const [code, value] of Object.entries(packageNames(lang.code))) {
    const names = Array.isArray(value) ? value : [value];
    const display = table.canonical?.[code] ?? displayName(names);
    g.addCountry(lang.code, code, display, true);
    for (const n of names) g.addCountry(lang.code, code, n, false);
  }
  for (const [code, names] of Object.entries(table.aliases ?? {})) for (const n of names) g.addCountry(lang.code, code, n, false);
  const capitals = lang.tables[CAPITAL_TABLE] as { capitals?: Record<string, string[]>; placeCues?: string[] } | undefined;
  for (const [code, names] of Object.entries(capitals?.capitals ?? {})) for (const n of names) g.addName(n, { code, kind: "capital" });
  const orgs = lang.tables[ORGANISATION_TABLE] as { organisations?: Record<string, string[]> } | undefined;
  for (const [code, names] of Object.entries(orgs?.organisations ?? {})) g.addOrganisation(lang.code, code, names);
  const dem = lang.tables[DEMONYM_TABLE] as DemonymTable | undefined;
  for (const [code, forms] of Object.entries(dem?.demonyms ?? {})) {
    for (const form of forms) {
      const [stem, paradigm] = form.split(PARADIGM_MARK);
      const endings = paradigm !== undefined ? (dem?.paradigms[paradigm] ?? [""]) : [""];
      for (const ending of endings) g.addDemonym(stem + ending, code);
    }
  }
  const w = (lang.tables[WORDS_TABLE] ?? {}) as WordsJson;
  const set = (xs: string[] | undefined) => new Set((xs ?? []).map(fold));
  g.setWords(lang.code, {
    articles: set(w.articles),
    connectors: set(w.connectors),
    acronymSkip: set(w.acronymSkip),
    titles: set(w.titles),
    titleWords: set(w.titleWords),
    orgHeads: set(w.orgHeads),
    stateHeads: set(w.stateHeads),
    portfolioHeads: set(w.portfolioHeads),
    functionWords: set(w.functionWords),
    placeCues: (capitals?.placeCues ?? []).map((c) => fold(c).split(/\s+/u)),
  });
}

let shared: Gazetteer | null = null;

/** The gazetteer of every language with data, built once. */
export function gazetteer(): Gazetteer {
  if (!shared) {
    const g = new Gazetteer();
    for (const lang of allLangs()) loadLanguage(g, lang);
    shared = g;
  }
  return shared;
}
