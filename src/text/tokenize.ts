// Tokenizer: one pass of a single regular expression over the text, giving
// tokens as offset columns (typed arrays). Knows URLs, e-mail addresses,
// hashtags, numbers such as 1.500,50 and 15/10, dotted abbreviations (π.χ.,
// U.S.), abbreviations from the language tables (κ., Dr.), hyphenated names
// written with a space («Ταλαεΐ- Νικ»), clitics ('s, from every language's
// lang/<code>/clitics.json), quote marks and ellipses. Every alternative that
// may fail after a long scan has its repetition bounded, so that retrying it
// at each position of a long run (a.a.a…, ----, %%%%) stays linear.
import { TokenKind, type TokenColumns, type TokenKindCode } from "../doc/doc.js";
import { allQuoteMarks, unionOfLangs, type LangData } from "../lang/lang.js";
import { fold } from "./normalize.js";

const WORD_CHARS = String.raw`[\p{L}\p{M}\p{N}]`;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/gu;
const NEVER = "(?!)";
/** Longest local part of an e-mail address (RFC 5321), in characters. */
const MAX_EMAIL_LOCAL = 64;
/** Most letter-and-dot parts of a dotted abbreviation (π.χ., U.S.A., κ.λπ.). */
const MAX_ABBREVIATION_PARTS = 12;
const escape = (s: string) => s.replace(REGEX_SPECIAL, "\\$&");
/** Every language's quotation marks (lang/<code>/quote-marks.json) as one character class. */
const QUOTE_CLASS = `[${allQuoteMarks().all.map(escape).join("")}]`;
const APOSTROPHES = unionOfLangs((l) => l.clitics.apostrophes);
/** Clitic forms as written, lower or upper case, longest first. */
const CLITIC_FORMS = unionOfLangs((l) => l.clitics.forms.flatMap((f) => [f, f.toUpperCase()])).sort((a, b) => b.length - a.length);
const CLITIC = APOSTROPHES.length && CLITIC_FORMS.length
  ? String.raw`(?<=\p{L})(?:${APOSTROPHES.map(escape).join("|")})(?:${CLITIC_FORMS.map(escape).join("|")})(?![\p{L}\p{N}])`
  : NEVER;
/** Alternatives in priority order; each is one capture group, in TOKEN_KINDS order. */
const TOKEN_PATTERNS: [TokenKindCode, string][] = [
  [TokenKind.Url, String.raw`(?:https?:\/\/|www\.)[^\s<>«»"“”]*[^\s<>«»"“”.,;:!?)\]'’]`],
  [TokenKind.Email, String.raw`[\p{L}\p{N}._%+-]{1,${MAX_EMAIL_LOCAL}}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`],
  [TokenKind.Hashtag, String.raw`[#@][\p{L}\p{N}_]+`],
  // Dotted abbreviations and initialisms: π.χ., κ.λπ., U.S., Ph.D.
  [TokenKind.Abbreviation, String.raw`(?:\p{L}{1,3}\.){2,${MAX_ABBREVIATION_PARTS}}(?!\p{L})`],
  [TokenKind.Number, String.raw`[+-]?\p{N}+(?:[.,:/]\p{N}+)*(?!${WORD_CHARS})`],
  // Names hyphenated with a stray space: «Ταλαεΐ- Νικ».
  [TokenKind.Word, String.raw`\p{Lu}${WORD_CHARS}*-\x20(?=\p{Lu})${WORD_CHARS}+`],
  [TokenKind.Word, String.raw`${WORD_CHARS}+(?:(?:[-‐]|['’](?=\p{Lu}))${WORD_CHARS}+)*`],
  // Clitics after a word, as the taggers' training data splits them: Iran 's, they 're.
  [TokenKind.Word, CLITIC],
  [TokenKind.Punct, String.raw`\.{3}|…`],
  [TokenKind.Quote, QUOTE_CLASS],
  [TokenKind.Punct, String.raw`[\p{P}]`],
  [TokenKind.Symbol, String.raw`\S`],
];
const TOKEN_RE = new RegExp(TOKEN_PATTERNS.map(([, p]) => `(${p})`).join("|"), "gu");
const KIND_OF_GROUP = TOKEN_PATTERNS.map(([kind]) => kind);

/** The text of each token as the expression matched it, by the columns it was made with (see tokenStringsOf). */
const MATCHED = new WeakMap<TokenColumns, string[]>();

export interface TokenizeOptions {
  /** Language tables whose abbreviations keep their final dot. */
  lang?: LangData;
}

function grow(cols: { start: Uint32Array; end: Uint32Array; kind: Uint8Array }, size: number) {
  const start = new Uint32Array(size);
  const end = new Uint32Array(size);
  const kind = new Uint8Array(size);
  start.set(cols.start);
  end.set(cols.end);
  kind.set(cols.kind);
  return { start, end, kind };
}

/** Tokenize a whole text (or the part [from, to)) into offset columns. */
export function tokenize(text: string, options: TokenizeOptions = {}, from = 0, to = text.length): TokenColumns {
  const abbreviations = options.lang?.abbreviations;
  let cols = { start: new Uint32Array(64), end: new Uint32Array(64), kind: new Uint8Array(64) };
  const texts: string[] = [];
  let n = 0;
  // One shared expression (compiling it costs more than tokenizing an article); no re-entry here.
  const re = TOKEN_RE;
  re.lastIndex = from;
  const source = to === text.length ? text : text.slice(0, to);
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null) {
    let group = 1;
    while (m[group] === undefined) group++;
    let kind = KIND_OF_GROUP[group - 1];
    let token = m[0];
    let end = m.index + token.length;
    if (kind === TokenKind.Word && source.charCodeAt(end) === 0x2e /* . */ && abbreviations?.has(fold(token))) {
      kind = TokenKind.Abbreviation;
      token += ".";
      end++;
      re.lastIndex = end;
    } else if (kind === TokenKind.Abbreviation && abbreviations && !abbreviations.has(fold(token.slice(0, -1))) && !isInitialism(token)) {
      // Not a known abbreviation: keep the last dot as punctuation.
      token = token.slice(0, -1);
      end--;
      re.lastIndex = end;
    }
    if (n === cols.start.length) cols = grow(cols, n * 2);
    cols.start[n] = m.index;
    cols.end[n] = end;
    cols.kind[n] = kind;
    texts.push(token);
    n++;
  }
  const out: TokenColumns = { length: n, start: cols.start.slice(0, n), end: cols.end.slice(0, n), kind: cols.kind.slice(0, n) };
  MATCHED.set(out, texts);
  return out;
}

/**
 * The text of each token of columns made by `tokenize` in this process, as
 * matched (the expression has made these strings already: slicing them again
 * would double the work); undefined for columns read from a store.
 */
export function matchedTexts(cols: TokenColumns): readonly string[] | undefined {
  return MATCHED.get(cols);
}

const INITIALISM = /^(?:\p{Lu}\.){2,}$/u;

/** U.S., Ε.Ε.: capitals each followed by a dot. */
function isInitialism(token: string): boolean {
  return INITIALISM.test(token);
}

/** Token strings, for tests and debugging. */
export function tokenStrings(text: string, cols: TokenColumns): string[] {
  const out: string[] = [];
  for (let i = 0; i < cols.length; i++) out.push(text.slice(cols.start[i], cols.end[i]));
  return out;
}
