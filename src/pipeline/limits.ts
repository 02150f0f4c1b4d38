// The limits of one analysis, as one typed object: the HTML extractor's (bytes,
// tags, nesting, open elements), tokens per document and a time budget per
// document. A document over a limit fails with a LimitError naming it; the run
// goes on with the next one.
import { HTML_LIMITS, type HtmlLimits } from "../extract/html/tree.js";
import { LimitError } from "../util/limits.js";

export interface AnalysisLimits extends HtmlLimits {
  /** Most tokens in one document. A text with more words than this is refused before extraction (every word is at least one token). */
  maxTokens: number;
  /** Time for one document, in milliseconds: checked between components; a worker thread stuck beyond twice this is replaced. */
  timeBudgetMs: number;
}

/**
 * The defaults. 100,000 tokens is some 80,000 words, several times the longest
 * news feature, and keeps a document within the time budget and far under 1 GB.
 */
export const ANALYSIS_LIMITS: Readonly<AnalysisLimits> = {
  ...HTML_LIMITS,
  maxTokens: 100_000,
  timeBudgetMs: 30_000,
};

/** A worker stuck in one document this many times its time budget is terminated and replaced. */
export const WORKER_BUDGET_FACTOR = 2;

/** Line feed, carriage return, tab, space and the other Unicode white space that separates words. */
function isSpace(c: number): boolean {
  return c <= 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Runs of characters between white space, counted without building strings: a lower bound on the tokens. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Refuses a text with more words than the token limit, before any work on it. */
export function checkWords(text: string, maxTokens: number): void {
  const words = countWords(text);
  if (words > maxTokens) throw new LimitError("maxTokens", words, maxTokens, "the text has more words than the token limit allows (every word is at least one token)");
}

/** Refuses a tokenised document with more tokens than the limit. */
export function checkTokens(tokens: number, maxTokens: number): void {
  if (tokens > maxTokens) throw new LimitError("maxTokens", tokens, maxTokens, "the document has more tokens than the limit");
}

/** Refuses a document whose analysis has taken longer than its budget, naming the last component run. */
export function checkBudget(started: number, budgetMs: number, after: string): void {
  const elapsed = Math.round(performance.now() - started);
  if (elapsed > budgetMs) throw new LimitError("timeBudgetMs", elapsed, budgetMs, `the analysis took longer than its time budget (stopped after ${after})`, " ms");
}
