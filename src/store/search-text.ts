// Full-text search over search keys: the index holds each word's key (folded,
// inflection stripped: see text/stem.ts) instead of the word, and queries are
// turned into keys the same way, so «ρωσια», «ΡΩΣΙΑ» and «Ρωσία» all find
// «της Ρωσίας». Snippets are cut from the original text around matched words.
import { TokenKind, type Span, type TokenColumns } from "../doc/doc.js";
import { fold } from "../text/normalize.js";
import { searchKey } from "../text/stem.js";
import { tokenize } from "../text/tokenize.js";

const INDEXED_KINDS = new Set<number>([TokenKind.Word, TokenKind.Number, TokenKind.Abbreviation, TokenKind.Hashtag]);
const QUERY_PART = /"([^"]*)"?|(\S+)/gu;
const OPERATORS = new Set(["OR", "AND", "NOT"]);
const ABBREVIATION_DOT = /\.$/u;

/** Characters on each side of the densest stretch of matches that are tokenised to cut a snippet. */
const REGION_CHARS = 500;
/** The stretch of text in which matches are counted to find the densest place. */
const DENSITY_CHARS = 200;
const SPACE = /\s/u;
/** The blocks whose letters are folded to build the patterns of keys: Latin (with its extensions) and Greek (with its extended block). */
const FOLDED_BLOCKS: [number, number][] = [[0x41, 0x24f], [0x370, 0x3ff], [0x1f00, 0x1fff]];
/** Characters that stand for themselves only escaped: in a pattern, and in a character class. */
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/gu;
const CLASS_SPECIAL = /[\\\]^-]/gu;

export interface SnippetOptions {
  /** Words of context on each side of the best match. */
  contextWords?: number;
}

const SNIPPET_DEFAULTS: Required<SnippetOptions> = { contextWords: 12 };

function tokenKey(text: string, tok: TokenColumns, i: number): string {
  return searchKey(text.slice(tok.start[i], tok.end[i]).replace(ABBREVIATION_DOT, ""));
}

/** Space-separated search keys of the indexable tokens inside a span. */
export function indexKeys(text: string, tok: TokenColumns, span: Span): string {
  const keys: string[] = [];
  for (let i = 0; i < tok.length; i++) {
    if (tok.start[i] < span.start) continue;
    if (tok.end[i] > span.end) break;
    if (INDEXED_KINDS.has(tok.kind[i])) keys.push(tokenKey(text, tok, i));
  }
  return keys.join(" ");
}

/** The search keys of the words of a text, in order. */
export function keysOf(text: string): string[] {
  const tok = tokenize(text);
  const keys: string[] = [];
  for (let i = 0; i < tok.length; i++) if (INDEXED_KINDS.has(tok.kind[i])) keys.push(tokenKey(text, tok, i));
  return keys;
}

/** A term: one key, or the keys of a phrase, in order. */
export type QueryTerm = string[];

/** The query's logic, for back ends other than FTS5: any of the alternatives (each all of its chains: a term without its excluded terms), without the excluded terms. */
export interface QueryTree {
  any: { head: QueryTerm; not: QueryTerm[] }[][];
  not: QueryTerm[];
}

export interface ParsedQuery {
  /** The FTS5 MATCH expression. */
  match: string;
  /** The same expression as a tree. */
  tree: QueryTree;
  /** Every key the query looks for, for highlighting. */
  keys: Set<string>;
}

export interface QueryOptions {
  /** The most search keys a query may hold (repeated words count once); more is refused. */
  maxTerms?: number;
}

export const QUERY_DEFAULTS: Required<QueryOptions> = { maxTerms: 64 };

export class QueryError extends Error {
  override name = "QueryError";
}

const ftsString = (keys: string[]) => `"${keys.join(" ").replace(/"/g, '""')}"`;

/** A term and the terms excluded from it by NOT operators. */
interface Chain {
  head: string;
  excluded: Set<string>;
}

const chainString = (c: Chain) => [c.head, ...c.excluded].join(" NOT ");

/** The FTS5 MATCH expression of text holding every one of the keys. */
export function allKeysMatch(keys: readonly string[]): string {
  return keys.map((k) => ftsString([k])).join(" AND ");
}

/** The same as a query tree (for back ends that render their own query language). */
export function allKeysTree(keys: readonly string[]): QueryTree {
  return { any: [keys.map((k) => ({ head: [k], not: [] }))], not: [] };
}

/**
 * Words are ANDed; "quoted words" form a phrase; OR, AND and NOT (in capitals)
 * are operators; a word with a leading - is excluded from every result, so
 * `drones -russia` is drones NOT russia. Repeated terms count once, and the
 * whole query is read in one pass (time proportional to its length).
 */
export function parseQuery(query: string, options: QueryOptions = {}): ParsedQuery {
  const maxTerms = options.maxTerms ?? QUERY_DEFAULTS.maxTerms;
  /** Alternatives (OR), each a set of ANDed chains. */
  const alternatives: Map<string, Chain>[] = [];
  const excluded = new Set<string>();
  /** The keys of each term, by its FTS5 text. */
  const termList = new Map<string, QueryTerm>();
  const keys = new Set<string>();
  const termsSeen = new Set<string>();
  const keysOfWord = new Map<string, string[]>();
  let termKeys = 0;
  let chain: Chain | null = null;
  let operator: string | null = null;
  const tooMany = () => new QueryError(`the query has more than ${maxTerms} words to search for`);
  const term = (termKeyList: string[]): string => {
    // A phrase longer than the limit is refused before its term string is built and hashed.
    if (termKeyList.length > maxTerms) throw tooMany();
    const t = ftsString(termKeyList);
    if (!termsSeen.has(t)) {
      termsSeen.add(t);
      termList.set(t, termKeyList);
      termKeys += termKeyList.length;
      if (termKeys > maxTerms) throw tooMany();
    }
    return t;
  };
  const endChain = () => {
    if (chain) alternatives[alternatives.length - 1].set(chainString(chain), chain);
  };
  const addPositive = (termKeyList: string[]) => {
    const t = term(termKeyList);
    if (chain && operator === "NOT") chain.excluded.add(t);
    else {
      endChain();
      termKeyList.forEach((k) => keys.add(k));
      if (!chain || operator === "OR") alternatives.push(new Map());
      chain = { head: t, excluded: new Set() };
    }
    operator = null;
  };
  for (const m of query.matchAll(QUERY_PART)) {
    if (m[1] !== undefined) {
      const phrase = keysOf(m[1]);
      if (phrase.length) addPositive(phrase);
      continue;
    }
    const word = m[2];
    if (OPERATORS.has(word)) {
      if (chain && operator === null) operator = word;
      continue;
    }
    const negative = word.startsWith("-") && word.length > 1;
    const bare = negative ? word.slice(1) : word;
    let wordKeys = keysOfWord.get(bare);
    if (!wordKeys) keysOfWord.set(bare, (wordKeys = keysOf(bare)));
    if (!wordKeys.length) continue;
    if (negative) excluded.add(term(wordKeys));
    else addPositive(wordKeys);
  }
  endChain();
  if (!alternatives.length) {
    throw new QueryError(excluded.size ? "a query of only excluded words (-word) matches nothing: add a word to look for" : "the query has no words to search for");
  }
  // Explicit AND: FTS5 binds an implicit AND tighter than NOT, an explicit one looser.
  const distinct = new Map(alternatives.map((a) => [[...a.keys()].join(" AND "), [...a.values()]]));
  const positive = distinct.size > 1 ? `(${[...distinct.keys()].join(" OR ")})` : [...distinct.keys()][0];
  const keysOfTerm = (t: string) => termList.get(t) ?? [];
  const tree: QueryTree = {
    any: [...distinct.values()].map((chains) => chains.map((c) => ({ head: keysOfTerm(c.head), not: [...c.excluded].map(keysOfTerm) }))),
    not: [...excluded].map(keysOfTerm),
  };
  return { match: [positive, ...excluded].join(" NOT "), tree, keys };
}

/**
 * For each folded letter, every letter that folds to it (capitals, accents,
 * diaeresis, final sigma) in the Latin and Greek blocks: a key becomes a
 * pattern that finds, in the text as it is, the words whose fold starts with it.
 */
let foldVariants: Map<string, string> | undefined;

function variantsOf(letter: string): string | undefined {
  if (!foldVariants) {
    const sets = new Map<string, Set<string>>();
    for (const [lo, hi] of FOLDED_BLOCKS) {
      for (let cp = lo; cp <= hi; cp++) {
        const ch = String.fromCodePoint(cp);
        const f = fold(ch);
        if (f.length !== 1) continue;
        const set = sets.get(f) ?? new Set([f]);
        set.add(ch);
        sets.set(f, set);
      }
    }
    foldVariants = new Map([...sets].map(([f, set]) => [f, [...set].join("")]));
  }
  return foldVariants.get(letter);
}

const escapeRegex = (s: string) => s.replace(REGEX_SPECIAL, "\\$&");
const escapeClass = (s: string) => s.replace(CLASS_SPECIAL, "\\$&");

/** The pattern of the words a set of keys may match (their fold starts with a key), made once per set. */
const keyPatterns = new WeakMap<Set<string>, RegExp | null>();

function keyPattern(keys: Set<string>): RegExp | null {
  let re = keyPatterns.get(keys);
  if (re !== undefined) return re;
  const alternatives = [...keys].filter((k) => k !== "").map((k) => [...k].map((c) => { const v = variantsOf(c); return v ? `[${escapeClass(v)}]` : escapeRegex(c); }).join(""));
  re = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternatives.join("|")})`, "gu") : null;
  keyPatterns.set(keys, re);
  return re;
}

/**
 * The stretch of the text around the densest group of places where a word may
 * match (found by the keys' pattern, far cheaper than tokenising the whole
 * article); the whole text when there is none.
 */
function densestRegion(text: string, keys: Set<string>): { start: number; end: number } {
  const re = keyPattern(keys);
  const at = re ? [...text.matchAll(re)].map((m) => m.index) : [];
  if (!at.length) return { start: 0, end: text.length };
  let best = 0;
  let bestCount = 0;
  for (let hi = 0, lo = 0; hi < at.length; hi++) {
    while (at[hi] - at[lo] > DENSITY_CHARS) lo++;
    if (hi - lo + 1 > bestCount) {
      bestCount = hi - lo + 1;
      best = Math.round((at[lo] + at[hi]) / 2);
    }
  }
  let start = Math.max(0, best - REGION_CHARS);
  let end = Math.min(text.length, best + REGION_CHARS);
  // Cut at spaces, never inside a word.
  while (start > 0 && !SPACE.test(text[start - 1])) start--;
  while (end < text.length && !SPACE.test(text[end])) end++;
  return { start, end };
}

/** A window of the text around the densest group of matched words (looked for around the densest stretch of possible matches). */
export function makeSnippet(fullText: string, keys: Set<string>, options: SnippetOptions = {}): { snippet: string; highlights: Span[] } {
  const o = { ...SNIPPET_DEFAULTS, ...options };
  const region = densestRegion(fullText, keys);
  const text = fullText.slice(region.start, region.end);
  const tok = tokenize(text);
  const words: number[] = [];
  const hits: number[] = [];
  for (let i = 0; i < tok.length; i++) {
    if (!INDEXED_KINDS.has(tok.kind[i])) continue;
    if (keys.has(tokenKey(text, tok, i))) hits.push(words.length);
    words.push(i);
  }
  if (!words.length) return { snippet: "", highlights: [] };
  // The window of 2·context words holding the most hits.
  const width = 2 * o.contextWords;
  let best = hits.length ? Math.max(0, hits[0] - o.contextWords) : 0;
  let bestCount = 0;
  for (let h = 0, lo = 0; h < hits.length; h++) {
    while (hits[h] - hits[lo] > width) lo++;
    if (h - lo + 1 > bestCount) {
      bestCount = h - lo + 1;
      best = Math.max(0, Math.round((hits[lo] + hits[h]) / 2) - o.contextWords);
    }
  }
  const firstWord = best;
  const lastWord = Math.min(words.length - 1, best + width);
  const from = tok.start[words[firstWord]];
  const to = tok.end[words[lastWord]];
  const prefix = region.start + from > 0 ? "…" : "";
  const suffix = region.start + to < fullText.length ? "…" : "";
  const snippet = prefix + text.slice(from, to).replace(/\s+/gu, " ") + suffix;
  // Recompute highlights on the flattened snippet.
  const highlights: Span[] = [];
  const stok = tokenize(snippet);
  for (let i = 0; i < stok.length; i++) {
    if (INDEXED_KINDS.has(stok.kind[i]) && keys.has(tokenKey(snippet, stok, i))) highlights.push({ start: stok.start[i], end: stok.end[i] });
  }
  return { snippet, highlights };
}
