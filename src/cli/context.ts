// What every CLI command shares: output streams, exit codes, option parsing
// helpers and the error class for usage mistakes.
import { Option, type Command } from "commander";
import { READ_DEFAULTS, type ReadOptions } from "../input/sources.js";
import { ANALYSIS_LIMITS, type AnalysisLimits } from "../pipeline/limits.js";
import { DEFAULT_STORE } from "../store/open.js";
import { STYLE, safeForTerminal } from "../util/terminal.js";

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface CommandContext {
  /** Standard output; what is written is made safe for a terminal (control characters of article content escaped). */
  out(s: string): void;
  err(s: string): void;
  /** Is standard error a terminal (progress bars, colour)? */
  isTTY: boolean;
  code: number;
}

/** Adds one command (its options, help and action) to the program. */
export type Register = (program: Command, ctx: CommandContext) => void;

/** --db, with NEWSGRAPH_DB and ./newsgraph.db as fall-backs. */
export function dbOption(): Option {
  return new Option("--db <file>", "the store: a SQLite database file").env("NEWSGRAPH_DB").default(DEFAULT_STORE);
}

/** The page of a list: --limit (with its default) and --offset. */
export function pageOptions(flags: { limit?: string; offset?: string }, defaultLimit: number): { limit: number; offset: number } {
  const offset = Number(flags.offset ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new UsageError(`--offset must be a whole number, not "${flags.offset}"`);
  return { limit: positiveInt(flags.limit, "--limit", defaultLimit), offset };
}

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** --from and --to: a year, a month or a day (YYYY, YYYY-MM, YYYY-MM-DD). */
export function dateOption(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && !DATE_PREFIX.test(value)) throw new UsageError(`${option} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not "${value}"`);
  return value;
}

/** The options of list commands: their page and, where the query has them, language and publication dates. */
export function listOptions(cmd: Command, what: string, defaultLimit: number, filters: { lang?: boolean; dates?: boolean } = {}): Command {
  cmd.option("--limit <n>", `largest number of ${what}`, String(defaultLimit)).option("--offset <n>", `skip the first n ${what} (the next page)`);
  if (filters.lang) cmd.option("--lang <code>", "only articles in this language (el, en …)");
  if (filters.dates) cmd.option("--from <date>", "only articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)").option("--to <date>", "only articles published on or before this date");
  return cmd;
}

/** The options of commands that read inputs, the limits of their analysis included. */
export function inputOptions(cmd: Command): Command {
  const L = ANALYSIS_LIMITS;
  return cmd
    .option("--max-bytes <n>", "largest file, page or standard input read, in bytes", String(READ_DEFAULTS.maxBytes))
    .option("--max-tags <n>", "most tags on an HTML page, start and end tags counted", String(L.maxTags))
    .option("--max-open <n>", "most HTML elements open (unclosed) at once", String(L.maxOpen))
    .option("--max-depth <n>", "HTML nesting kept as elements; deeper elements are folded into their ancestor", String(L.maxDepth))
    .option("--max-tokens <n>", "most tokens in one article (a text with more words is refused before extraction)", String(L.maxTokens))
    .option("--time-budget <ms>", "time for analysing one article, in milliseconds (with --jobs, a worker stuck twice as long is replaced)", String(L.timeBudgetMs))
    .option("--timeout <ms>", "time-out for fetching one URL, in milliseconds", String(READ_DEFAULTS.timeoutMs))
    .option("--allow-private", "allow URLs on private, loopback and link-local addresses", false)
    .option("--published <date>", "publication date YYYY-MM-DD that relative times (σήμερα, last week) resolve against; it overrides a page's own date, not a JSON Lines record's");
}

export class UsageError extends Error {
  override name = "UsageError";
}

export function positiveInt(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${option} must be a positive whole number, not "${value}"`);
  return n;
}

export interface InputFlags {
  maxBytes?: string;
  maxTags?: string;
  maxOpen?: string;
  maxDepth?: string;
  maxTokens?: string;
  timeBudget?: string;
  timeout?: string;
  allowPrivate?: boolean;
  published?: string;
}

const PUBLISHED_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readOptions(flags: InputFlags): ReadOptions {
  if (flags.published !== undefined && !PUBLISHED_DATE.test(flags.published)) {
    throw new UsageError(`--published must be a date YYYY-MM-DD, not "${flags.published}"`);
  }
  return {
    ...(flags.published ? { published: flags.published } : {}),
    maxBytes: positiveInt(flags.maxBytes, "--max-bytes", READ_DEFAULTS.maxBytes),
    timeoutMs: positiveInt(flags.timeout, "--timeout", READ_DEFAULTS.timeoutMs),
    allowPrivate: Boolean(flags.allowPrivate),
  };
}

/** The analysis limits of the options; --max-bytes is both the read limit and the HTML page limit. */
export function analysisLimits(flags: InputFlags): AnalysisLimits {
  const L = ANALYSIS_LIMITS;
  return {
    maxBytes: positiveInt(flags.maxBytes, "--max-bytes", READ_DEFAULTS.maxBytes),
    maxTags: positiveInt(flags.maxTags, "--max-tags", L.maxTags),
    maxOpen: positiveInt(flags.maxOpen, "--max-open", L.maxOpen),
    maxDepth: positiveInt(flags.maxDepth, "--max-depth", L.maxDepth),
    maxTokens: positiveInt(flags.maxTokens, "--max-tokens", L.maxTokens),
    timeBudgetMs: positiveInt(flags.timeBudget, "--time-budget", L.timeBudgetMs),
  };
}

/** Mark the given spans of a string: bold on a terminal, [brackets] elsewhere; the text is escaped first, so only these marks style it. */
export function highlight(text: string, spans: { start: number; end: number }[], tty: boolean): string {
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += safeForTerminal(text.slice(at, s.start)) + (tty ? STYLE.bold : "[") + safeForTerminal(text.slice(s.start, s.end)) + (tty ? STYLE.reset : "]");
    at = s.end;
  }
  return out + safeForTerminal(text.slice(at));
}
