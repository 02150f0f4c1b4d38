// The request parameters the routes share, declared once (zod, documented in
// the OpenAPI document), and the limits they hold requests to: page sizes,
// query and name lengths, graph sizes.
import { z } from "@hono/zod-openapi";
import { EXPORT_FORMATS } from "../export/stream.js";

export const API_LIMITS = {
  /** Items of a list page when the request names no limit. */
  defaultPage: 20,
  /** The largest page of a list (exports are not pages: they hold every row). */
  maxPage: 200,
  /** The longest search query in an address (GET); longer queries are POSTed. */
  maxQueryChars: 1_000,
  /** The longest search query in a POST body, and the most words it may look for. */
  maxPostQueryChars: 20_000,
  maxPostQueryTerms: 256,
  /** The longest name, phrase or outlet filter. */
  maxNameChars: 300,
  defaultGraphNodes: 100,
  maxGraphNodes: 500,
  /** The most matching articles a search may be asked to rank and count (exports take every match). */
  maxSearchNewest: 100_000,
  /** Entities and speakers listed among a search's facets. */
  facetTop: 10,
} as const;

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?$/u;
const LANG_CODE = /^[a-z]{2,3}$/u;

export const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(API_LIMITS.maxPage)
  .default(API_LIMITS.defaultPage)
  .openapi({ description: `Items per page (at most ${API_LIMITS.maxPage})` });
export const cursorParam = z.string().max(200).optional().openapi({ description: "The `next` cursor of the previous page" });
export const formatParam = z
  .enum(EXPORT_FORMATS)
  .optional()
  .openapi({ description: "Export every matching row (not a page) as a file: json (one array), csv (RFC 4180) or ndjson" });
export const dateParam = (what: string) =>
  z.string().regex(DATE_PREFIX, "a date YYYY-MM-DD, YYYY-MM or YYYY").optional().openapi({ description: `${what} (YYYY-MM-DD, YYYY-MM or YYYY; publication dates)` });
export const langParam = z.string().regex(LANG_CODE, "a language code (el, en …)").optional().openapi({ description: "Only articles in this language (el, en …)" });
export const nameParam = (description: string) => z.string().min(1).max(API_LIMITS.maxNameChars).optional().openapi({ description });
export const siteParam = nameParam("Only articles of this outlet (its site, e.g. kathimerini.gr)");
export const entityFilterParam = (what: string) => nameParam(`${what}: a registry id, or a name in any script or inflection (every entity it may mean)`);

/** The page parameters of every list. */
export const pageParams = { limit: limitParam, cursor: cursorParam };
