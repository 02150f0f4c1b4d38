// What every CLI command shares: output streams, exit codes, option parsing
// helpers and the error class for usage mistakes.
import { Option, type Command } from "commander";
import { POLITENESS_DEFAULTS, type PolitenessOptions } from "../input/polite.js";
import { READ_DEFAULTS, type ReadOptions } from "../input/sources.js";
import { ANALYSIS_LIMITS, type AnalysisLimits } from "../pipeline/limits.js";
import { DEFAULT_STORE } from "../store/open.js";
import { isPostgresAddress } from "../store/queue.js";
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
  return new Option("--db <store>", "the store: a SQLite database file, or a PostgreSQL address postgres://user@host/db (?schema=name)").env("NEWSGRAPH_DB").default(DEFAULT_STORE);
}

/** --queue-db: where the work queue lives (see queueAddress). */
export function queueDbOption(): Option {
  return new Option("--queue-db <address>", "the work queue: a PostgreSQL address postgres://… (default: --db when it is one, else NEWSGRAPH_QUEUE)");
}

/** The queue's address: --queue-db, else --db when it is a PostgreSQL store, else NEWSGRAPH_QUEUE. */
export function queueAddress(flags: { queueDb?: string; db: string }): string {
  const address = flags.queueDb ?? (isPostgresAddress(flags.db) ? flags.db : process.env.NEWSGRAPH_QUEUE);
  if (!address) throw new UsageError("no work queue: give --queue-db postgres://… (or set NEWSGRAPH_QUEUE), or keep the store in PostgreSQL (--db postgres://…)");
  if (!isPostgresAddress(address)) throw new UsageError(`the work queue lives in PostgreSQL: give a postgres:// address, not "${address}"`);
  return address;
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

/** The options of commands that read inputs, the limits of their analysis included (and --published, unless the inputs are followed pages). */
export function inputOptions(cmd: Command, o: { published?: boolean } = {}): Command {
  limitOptions(cmd)
    .option("--timeout <ms>", "time-out for fetching one URL, in milliseconds", String(READ_DEFAULTS.timeoutMs))
    .option("--allow-private", "allow URLs on private, loopback and link-local addresses", false);
  if (o.published === false) return cmd;
  return cmd.option("--published <date>", "publication date YYYY-MM-DD that relative times (σήμερα, last week) resolve against; it overrides a page's own date, not a JSON Lines record's");
}

/** The limits of the analysis of one article (--max-bytes is also the largest input read). */
export function limitOptions(cmd: Command): Command {
  const L = ANALYSIS_LIMITS;
  return cmd
    .option("--max-bytes <n>", "largest file, page or standard input read, in bytes", String(READ_DEFAULTS.maxBytes))
    .option("--max-tags <n>", "most tags on an HTML page, start and end tags counted", String(L.maxTags))
    .option("--max-open <n>", "most HTML elements open (unclosed) at once", String(L.maxOpen))
    .option("--max-depth <n>", "HTML nesting kept as elements; deeper elements are folded into their ancestor", String(L.maxDepth))
    .option("--max-tokens <n>", "most tokens in one article (a text with more words is refused before extraction)", String(L.maxTokens))
    .option("--time-budget <ms>", "time for analysing one article, in milliseconds (with --jobs, a worker stuck twice as long is replaced)", String(L.timeBudgetMs));
}

/** The manners of commands that fetch many pages: the gap between requests to one host and the limits on requests at once. */
export function politenessOptions(cmd: Command): Command {
  const P = POLITENESS_DEFAULTS;
  return cmd
    .option("--gap <duration>", "least time between two requests to one host (500ms, 5s, 1m); a longer robots.txt Crawl-delay is honoured", formatDuration(P.gapMs))
    .option("--per-host <n>", "most requests to one host at once", String(P.perHost))
    .option("--concurrency <n>", "most requests at once, all hosts together", String(P.concurrency));
}

export interface PolitenessFlags {
  gap?: string;
  perHost?: string;
  concurrency?: string;
}

export function politeness(flags: PolitenessFlags): Pick<PolitenessOptions, "gapMs" | "perHost" | "concurrency"> {
  const P = POLITENESS_DEFAULTS;
  return {
    gapMs: flags.gap === undefined ? P.gapMs : durationMs(flags.gap, "--gap", { zero: true }),
    perHost: positiveInt(flags.perHost, "--per-host", P.perHost),
    concurrency: positiveInt(flags.concurrency, "--concurrency", P.concurrency),
  };
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/u;
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration written with its unit (500ms, 5s, 30m, 2h, 1d) in milliseconds. */
export function durationMs(value: string, option: string, o: { zero?: boolean } = {}): number {
  const m = DURATION.exec(value.trim());
  const ms = m ? Math.round(Number(m[1]) * DURATION_UNITS[m[2]]) : NaN;
  if (!Number.isFinite(ms) || ms < 0 || (ms === 0 && !o.zero)) throw new UsageError(`${option} must be a duration such as 500ms, 5s, 30m, 2h or 1d, not "${value}"`);
  return ms;
}

/** A duration in its largest whole unit (5000 → "5s"). */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m", "s"]) if (ms >= DURATION_UNITS[unit] && ms % DURATION_UNITS[unit] === 0) return `${ms / DURATION_UNITS[unit]}${unit}`;
  return `${ms}ms`;
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
