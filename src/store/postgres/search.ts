// Full-text search on PostgreSQL with the project's own search keys, so that
// hits equal SQLite's: the index is a tsvector written directly (as a literal,
// no text-search parser or dictionary between: the `simple` behaviour) from
// the same keys SQLite's FTS5 index gets (search-text.ts), split into tokens as
// FTS5's unicode61 tokenizer splits them; a query is the tsquery of the same
// parsed query tree (words ANDed, phrases as <-> chains, OR, NOT). Title tokens
// are weighted A, body tokens D, with a gap of positions between them so no
// phrase spans the two (FTS5 keeps them in separate columns).
import type { QueryTerm, QueryTree } from "../search-text.js";

/** What FTS5's unicode61 tokenizer keeps in a token: letters, numbers, marks (diacritics removed by the keys already), private use. */
const TOKEN_SEPARATORS = /[^\p{L}\p{N}\p{M}\p{Co}]+/u;
/** tsvector's largest position (higher ones are stored as it) and most positions kept per lexeme. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Positions between the last title token and the first body token. */
const COLUMN_GAP = 2;
const TITLE_WEIGHT = "A";
/** ts_rank weights {D, C, B, A}: a title token counts twice a body token, as bm25(articles_fts, 2.0, 1.0) weighs them in SQLite. */
export const RANK_WEIGHTS = "{0.5, 0, 0, 1.0}";

/** The tokens of a key string, as FTS5's unicode61 tokenizer reads it (lower case). */
export function tokensOf(keys: string): string[] {
  return keys.toLowerCase().split(TOKEN_SEPARATORS).filter((t) => t !== "");
}

const quoteLexeme = (t: string) => `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/** The tsvector literal of an article's title and body keys. */
export function tsvectorLiteral(titleKeys: string, bodyKeys: string): string {
  const positions = new Map<string, string[]>();
  const add = (token: string, at: number, weight: string) => {
    const list = positions.get(token) ?? [];
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(at, MAX_POSITION)}${weight}`);
    positions.set(token, list);
  };
  const title = tokensOf(titleKeys);
  title.forEach((t, i) => add(t, i + 1, TITLE_WEIGHT));
  const offset = title.length + COLUMN_GAP;
  tokensOf(bodyKeys).forEach((t, i) => add(t, offset + i + 1, ""));
  return [...positions].map(([t, at]) => `${quoteLexeme(t)}:${at.join(",")}`).join(" ");
}

/** A lexeme no token can be (tokens hold no spaces): what a term without tokens looks for, so it matches nothing, as an empty FTS5 phrase does. */
const NO_TOKEN = "' '";

/** A term as a tsquery: one lexeme, or a phrase (<->). */
function termQuery(term: QueryTerm): string {
  const tokens = term.flatMap(tokensOf);
  if (!tokens.length) return NO_TOKEN;
  return tokens.length === 1 ? quoteLexeme(tokens[0]) : `(${tokens.map(quoteLexeme).join(" <-> ")})`;
}

/** The tsquery of a parsed query (its tree: search-text.ts). */
export function tsquery(tree: QueryTree): string {
  const chain = (c: QueryTree["any"][number][number]) =>
    c.not.length ? `(${[termQuery(c.head), ...c.not.map((t) => `!${termQuery(t)}`)].join(" & ")})` : termQuery(c.head);
  const alternative = (chains: QueryTree["any"][number]) => chains.map(chain).join(" & ");
  const positive = tree.any.length > 1 ? tree.any.map((a) => `(${alternative(a)})`).join(" | ") : alternative(tree.any[0]);
  return [`(${positive})`, ...tree.not.map((t) => `!${termQuery(t)}`)].join(" & ");
}
