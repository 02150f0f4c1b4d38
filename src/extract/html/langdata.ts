// Language tables the HTML extractor reads, merged over every language under
// lang/ (a page's language is often unknown before extraction): related-block and
// end-of-article markers, boilerplate lines, month names and author prefixes.
import { allLangs, type NumericOrder } from "../../lang/lang.js";
import { fold } from "../../text/normalize.js";

export interface ExtractLangData {
  /** Folded line starts that open a block of links to other stories. */
  related: string[];
  /** Folded whole lines that open a block of links to other stories ("more"). */
  relatedExact: Set<string>;
  /** Folded line starts that close the article (comments, author box, tags). */
  end: string[];
  /** Longest marker line, in words. */
  markerMaxWords: number;
  /** Whole lines that are furniture (patterns over the folded line). */
  boilerplate: RegExp[];
  /** Longest line tested against the boilerplate patterns, in words. */
  boilerplateMaxWords: number;
  /** Folded month names and abbreviations → month number 1–12. */
  months: Map<string, number>;
  /** Folded words that introduce an author name ("by", "του"), longest first. */
  authorPrefixes: string[];
  /** Folded words that join two author names ("and", "και"). */
  authorJoiners: string[];
  /** Folded words after which an author line holds no more names. */
  authorStops: string[];
  /** Numeric date order by language code, then by region ("default" when none). */
  numericOrder: Map<string, Record<string, NumericOrder>>;
  /** Folded afternoon and morning markers after a time ("pm", "μμ"). */
  pm: Set<string>;
  am: Set<string>;
}

export type { NumericOrder };

interface AuthorsJson {
  prefixes?: string[];
  joiners?: string[];
  stops?: string[];
}

const DEFAULT_MARKER_WORDS = 6;
let cache: ExtractLangData | null = null;

/** The merged tables, loaded once. */
export function extractLangData(): ExtractLangData {
  if (cache) return cache;
  const data: ExtractLangData = {
    related: [], relatedExact: new Set(), end: [], markerMaxWords: DEFAULT_MARKER_WORDS, boilerplate: [], boilerplateMaxWords: DEFAULT_MARKER_WORDS, months: new Map(),
    authorPrefixes: [], authorJoiners: [], authorStops: [], numericOrder: new Map(), pm: new Set(), am: new Set(),
  };
  for (const lang of allLangs()) {
    const markers = lang.relatedMarkers;
    data.related.push(...markers.related);
    data.end.push(...markers.end);
    for (const x of markers.exact) data.relatedExact.add(x);
    data.markerMaxWords = Math.max(data.markerMaxWords, markers.maxWords);
    data.boilerplate.push(...lang.boilerplate.lines, ...lang.boilerplate.blocks);
    data.boilerplateMaxWords = Math.max(data.boilerplateMaxWords, lang.boilerplate.maxWords);
    for (const [name, month] of lang.dates.months) data.months.set(name, month);
    const authors = lang.tables["extract-authors"] as AuthorsJson | undefined;
    data.authorPrefixes.push(...(authors?.prefixes ?? []).map(fold));
    data.authorJoiners.push(...(authors?.joiners ?? []).map(fold));
    data.authorStops.push(...(authors?.stops ?? []).map(fold));
    if (Object.keys(lang.dates.numericOrder).length) data.numericOrder.set(lang.code, lang.dates.numericOrder);
    for (const w of lang.dates.pm) data.pm.add(w);
    for (const w of lang.dates.am) data.am.add(w);
  }
  data.authorPrefixes.sort((a, b) => b.length - a.length);
  // Longest first, so that "related articles" wins over "related".
  data.related.sort((a, b) => b.length - a.length);
  data.end.sort((a, b) => b.length - a.length);
  cache = data;
  return data;
}
