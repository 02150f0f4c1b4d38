// Explicit limits on hostile input: one error class for every limit, whose
// message names the limit, the value found and the limit itself on one line:
// "max-tokens exceeded (1704645 > 100000): the text has more words than …".

/** A limit an input went over; `limit` is the limit's key (maxTokens), `label` its option name (max-tokens). */
export class LimitError extends Error {
  override name = "LimitError";
  readonly label: string;

  constructor(readonly limit: string, readonly value: number, readonly max: number, detail: string, unit = "") {
    const label = limitLabel(limit);
    super(`${label} exceeded (${value}${unit} > ${max}${unit}): ${detail}`);
    this.label = label;
  }
}

const CAPITAL = /[A-Z]/gu;
/** A unit at the end of a key, left out of the option name. */
const UNIT_SUFFIX = /Ms$/u;

/** The option name of a limit key: maxTokens → max-tokens, timeBudgetMs → time-budget. */
export function limitLabel(limit: string): string {
  return limit.replace(UNIT_SUFFIX, "").replace(CAPITAL, (c) => `-${c.toLowerCase()}`);
}
