// Language data: loads the tables in lang/<code>/ (JSON files) into one typed
// object per language. Algorithms read these tables and never test language codes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fold } from "../text/normalize.js";

/** The language tag given to text no table covers: processed by the neutral steps only. */
export const UNDETERMINED = "und";

const LANG_ROOT = fileURLToPath(new URL("../../lang/", import.meta.url));
const FINAL_DOT = /\.$/u;

export interface StemRules {
  minStem: number;
  /** Suffixes, longest first. */
  suffixes: string[];
  replacements: Record<string, string>;
}

export type NumericOrder = "dmy" | "mdy";

/** lang/<code>/dates.json, folded: what every reader of dates (pages, time expressions) uses. */
export interface DateTables {
  /** Folded month names and abbreviations (without a final dot) → month number 1–12. */
  months: Map<string, number>;
  /** Folded weekday names → ISO weekday (1 = Monday). */
  weekdays: Map<string, number>;
  /** Numeric date order by region of a language tag; "default" when none is given or listed. */
  numericOrder: Record<string, NumericOrder>;
  /** Folded afternoon and morning markers after a time ("pm", "μμ"). */
  pm: string[];
  am: string[];
}

/** lang/<code>/related-markers.json, folded: lines that open a related block or end an article. */
export interface RelatedMarkers {
  /** Line starts that open a block of links or headlines of other stories. */
  related: string[];
  /** Whole lines that open such a block ("more"). */
  exact: string[];
  /** Line starts that close an article (comments, author box, tags). */
  end: string[];
  /** Longest marker line, in words. */
  maxWords: number;
}

/** lang/<code>/boilerplate.json: page furniture, as patterns over the folded line. */
export interface Boilerplate {
  /** Furniture lines of HTML and plain-text pages. */
  lines: RegExp[];
  /** Furniture blocks of HTML pages only. */
  blocks: RegExp[];
  /** Comment and tag headers: furniture of plain-text pages (they end an HTML article). */
  headers: RegExp[];
  /** Longest line tested, in words. */
  maxWords: number;
}

/** lang/<code>/clitics.json: clitics written after a word with an apostrophe (Iran's, they're). */
export interface Clitics {
  apostrophes: string[];
  /** Lower-case clitic forms. */
  forms: string[];
  /** Forms that make a possessive. */
  possessive: string[];
}

/** Quotation marks of lang/<code>/quote-marks.json: pairs, and which marks open and close alike. */
export interface QuoteMarks {
  /** [opening, closing] pairs, in table order. */
  pairs: [string, string][];
}

export interface LangData {
  code: string;
  name: string;
  /** Unicode script of the language's words, e.g. "Greek", "Latin". */
  script: string;
  sentenceTerminals: Set<string>;
  /** Folded abbreviations (without their final dot); tables are folded on load. */
  abbreviations: Set<string>;
  /** Abbreviations that may also end a sentence. */
  finalAbbreviations: Set<string>;
  relatedMarkers: RelatedMarkers;
  boilerplate: Boilerplate;
  stem: StemRules;
  dates: DateTables;
  clitics: Clitics;
  quoteMarks: QuoteMarks;
  /** Lower-case vowels of the language's script, accented forms included (lang/<code>/orthography.json). */
  vowels: string;
  /** Codes the language identifier reports for this language (ISO 639-3). */
  francCodes: string[];
  /** Any other table in the folder, by file name without extension. */
  tables: Record<string, unknown>;
}

interface LangJson {
  code: string;
  name: string;
  script: string;
  sentenceTerminals: string[];
  francCodes?: string[];
}

const NEUTRAL: Omit<LangData, "code" | "name" | "tables"> = {
  script: "",
  sentenceTerminals: new Set([".", "!", "?", "…"]),
  abbreviations: new Set(),
  finalAbbreviations: new Set(),
  relatedMarkers: { related: [], exact: [], end: [], maxWords: 0 },
  boilerplate: { lines: [], blocks: [], headers: [], maxWords: 0 },
  stem: { minStem: Infinity, suffixes: [], replacements: {} },
  dates: { months: new Map(), weekdays: new Map(), numericOrder: {}, pm: [], am: [] },
  clitics: { apostrophes: [], forms: [], possessive: [] },
  quoteMarks: { pairs: [] },
  vowels: "",
  francCodes: [],
};

interface DatesJson {
  months: string[][];
  weekdays: string[][];
  numericOrder: Record<string, NumericOrder>;
  pm: string[];
  am: string[];
}

const cache = new Map<string, LangData>();

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

/** Codes of the languages that have data under lang/. */
export function knownLanguages(): string[] {
  return readdirSync(LANG_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${LANG_ROOT}${d.name}/lang.json`))
    .map((d) => d.name)
    .sort();
}

const pattern = (source: string) => new RegExp(source, "u");

/** Folded names by their 1-based position in the table (month or ISO weekday number). */
function byPosition(lists: string[][]): Map<string, number> {
  const out = new Map<string, number>();
  lists.forEach((names, i) => {
    for (const n of names) out.set(fold(n).replace(FINAL_DOT, ""), i + 1);
  });
  return out;
}

function dateTables(json: DatesJson | undefined): DateTables {
  if (!json) return NEUTRAL.dates;
  return { months: byPosition(json.months), weekdays: byPosition(json.weekdays), numericOrder: json.numericOrder, pm: json.pm.map(fold), am: json.am.map(fold) };
}

function load(code: string): LangData {
  const dir = `${LANG_ROOT}${code}/`;
  const base = readJson<LangJson>(`${dir}lang.json`);
  if (!base) return { ...NEUTRAL, code, name: code, tables: {} };
  const abbr = readJson<{ titles: string[]; final: string[] }>(`${dir}abbreviations.json`);
  const related = readJson<{ related: string[]; exact: string[]; end: string[]; maxWords: number }>(`${dir}related-markers.json`);
  const boiler = readJson<{ lines: string[]; blocks: string[]; headers: string[]; maxWords: number }>(`${dir}boilerplate.json`);
  const stem = readJson<{ minStem: number; suffixes: string[]; replacements?: Record<string, string> }>(`${dir}stem.json`);
  const tables: Record<string, unknown> = {};
  for (const file of readdirSync(dir)) {
    if (file.endsWith(".json")) tables[file.slice(0, -5)] = readJson(`${dir}${file}`);
  }
  return {
    code: base.code,
    name: base.name,
    script: base.script,
    sentenceTerminals: new Set(base.sentenceTerminals),
    abbreviations: new Set([...(abbr?.titles ?? []), ...(abbr?.final ?? [])].map(fold)),
    finalAbbreviations: new Set((abbr?.final ?? []).map(fold)),
    relatedMarkers: related
      ? { related: related.related.map(fold), exact: related.exact.map(fold), end: related.end.map(fold), maxWords: related.maxWords }
      : NEUTRAL.relatedMarkers,
    boilerplate: boiler
      ? { lines: boiler.lines.map(pattern), blocks: boiler.blocks.map(pattern), headers: boiler.headers.map(pattern), maxWords: boiler.maxWords }
      : NEUTRAL.boilerplate,
    stem: stem
      ? { minStem: stem.minStem, suffixes: [...stem.suffixes].sort((a, b) => b.length - a.length), replacements: stem.replacements ?? {} }
      : NEUTRAL.stem,
    dates: dateTables(readJson<DatesJson>(`${dir}dates.json`)),
    clitics: readJson<Clitics>(`${dir}clitics.json`) ?? NEUTRAL.clitics,
    quoteMarks: readJson<QuoteMarks>(`${dir}quote-marks.json`) ?? NEUTRAL.quoteMarks,
    vowels: readJson<{ vowels: string }>(`${dir}orthography.json`)?.vowels ?? NEUTRAL.vowels,
    francCodes: base.francCodes ?? [],
    tables,
  };
}

/** The data for a language code; unknown codes get the neutral defaults. */
export function getLang(code: string): LangData {
  let data = cache.get(code);
  if (!data) {
    data = load(code);
    cache.set(code, data);
  }
  return data;
}

/** All languages with data, loaded. */
export function allLangs(): LangData[] {
  return knownLanguages().map(getLang);
}

/** The union over every language of one of its lists (for language-neutral steps that need them all). */
export function unionOfLangs(pick: (lang: LangData) => Iterable<string>): string[] {
  return [...new Set(allLangs().flatMap((l) => [...pick(l)]))];
}

/** Every language's quotation marks, for the language-neutral steps (tokens, sentences). */
export interface QuoteMarkSets {
  /** Every mark, opening or closing. */
  all: string[];
  /** Marks that only open (« “ „ ‘ …): an opening and a closing mark differ. */
  opening: Set<string>;
  /** Marks that open and close alike (" '). */
  symmetric: Set<string>;
  /** The closing mark of each opening mark, from the first pair that lists it. */
  closerOf: Map<string, string>;
}

let quoteMarkSets: QuoteMarkSets | undefined;

export function allQuoteMarks(): QuoteMarkSets {
  if (quoteMarkSets) return quoteMarkSets;
  const pairs = allLangs().flatMap((l) => l.quoteMarks.pairs);
  const closerOf = new Map<string, string>();
  const symmetric = new Set<string>();
  const opening = new Set<string>();
  for (const [open, close] of pairs) {
    if (open === close) symmetric.add(open);
    else opening.add(open);
    if (!closerOf.has(open)) closerOf.set(open, close);
  }
  quoteMarkSets = { all: [...new Set(pairs.flat())], opening, symmetric, closerOf };
  return quoteMarkSets;
}
