// The query parameters of the UI pages: the page of a list (offset and
// limit, bounded), publication dates, and short text filters. A value a page
// cannot take is a ParamError, shown as a 400 page naming the parameter.
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** The longest text a filter or query parameter may hold. */
export const MAX_PARAM_LENGTH = 500;
/** The furthest a list may be paged. */
export const MAX_OFFSET = 1_000_000;
const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?$/u;
const WHOLE_NUMBER = /^\d+$/u;

export class ParamError extends Error {
  override name = "ParamError";
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

export type Query = (name: string) => string | undefined;

export interface Paging {
  offset: number;
  limit: number;
}

function whole(query: Query, name: string, fallback: number, max: number): number {
  const v = query(name)?.trim();
  if (!v) return fallback;
  if (!WHOLE_NUMBER.test(v)) throw new ParamError(name, `${name} must be a whole number, not "${v.slice(0, 20)}"`);
  return Math.min(Number(v), max);
}

/** ?offset= and ?limit= (limit at least 1, at most MAX_PAGE_SIZE). */
export function paging(query: Query, defaultLimit = DEFAULT_PAGE_SIZE): Paging {
  return { offset: whole(query, "offset", 0, MAX_OFFSET), limit: Math.max(1, whole(query, "limit", defaultLimit, MAX_PAGE_SIZE)) };
}

/** The paging parameters of a link to another page of a list: the offset, and the limit when it is not the default. */
export function pageLink(offset: number, limit: number, defaultLimit = DEFAULT_PAGE_SIZE): { offset?: number; limit?: number } {
  return { offset: offset || undefined, limit: limit === defaultLimit ? undefined : limit };
}

/** A text parameter, trimmed; undefined when empty; refused when longer than MAX_PARAM_LENGTH. */
export function text(query: Query, name: string): string | undefined {
  const v = query(name)?.trim();
  if (!v) return undefined;
  if (v.length > MAX_PARAM_LENGTH) throw new ParamError(name, `${name} is longer than ${MAX_PARAM_LENGTH} characters`);
  return v;
}

/** A publication-date bound: YYYY, YYYY-MM or YYYY-MM-DD. */
export function date(query: Query, name: string): string | undefined {
  const v = text(query, name);
  if (v !== undefined && !DATE_PREFIX.test(v)) throw new ParamError(name, `${name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not "${v.slice(0, 20)}"`);
  return v;
}

/** A positive whole number (an id), or undefined when the text is not one. */
export function wholeNumber(v: string | undefined): number | undefined {
  return v !== undefined && WHOLE_NUMBER.test(v) && Number(v) > 0 && Number.isSafeInteger(Number(v)) ? Number(v) : undefined;
}

/** A query string of the parameters that have a value (for links that keep a page's filters). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
