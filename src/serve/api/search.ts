// GET and POST /api/search: the CLI's search (accent-, case- and
// inflection-blind words, "phrases", OR, NOT, -excluded) with filters for
// dates, language, outlet, mentioned entity and quoted speaker; a page of hits
// with the total, facets (languages, outlets, entities, speakers) and articles
// per day, or every hit as an export. POST takes the same fields as a JSON
// body, for queries too long for an address.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { SearchHit, SearchOptions, Store } from "../../store/store.js";
import type { CsvColumn } from "../export/csv.js";
import { exportResponse, type ExportFormat } from "../export/stream.js";
import { decodeCursor, nextCursor, queryDigest } from "./cursor.js";
import { resolveEntityFilter } from "./entity-filter.js";
import { API_LIMITS, dateParam, entityFilterParam, formatParam, langParam, pageParams, siteParam } from "./params.js";
import { DEFAULT_SEARCH_NEWEST } from "../../store/search-window.js";
import { limitBody, problemContent } from "./problem.js";
import { SearchResponseSchema } from "./schemas.js";

const filters = {
  lang: langParam,
  site: siteParam,
  from: dateParam("Published on or after"),
  to: dateParam("Published on or before"),
  entity: entityFilterParam("Only articles that mention this entity"),
  speaker: entityFilterParam("Only articles that quote this speaker"),
  newest: z.coerce
    .number()
    .int()
    .min(1)
    .max(API_LIMITS.maxSearchNewest)
    .optional()
    .openapi({ description: `Rank and count only this many of the matching articles, the most recently stored (default ${DEFAULT_SEARCH_NEWEST}; at most ${API_LIMITS.maxSearchNewest}); an export takes every match` }),
  format: formatParam,
  ...pageParams,
};

const QUERY_DESCRIPTION = 'Words (all must match), "a phrase", OR, NOT, -excluded; accents, case and inflection do not matter';
export const SearchQuerySchema = z.object({ q: z.string().min(1).max(API_LIMITS.maxQueryChars).openapi({ description: QUERY_DESCRIPTION }), ...filters });
export const SearchBodySchema = z.object({ q: z.string().min(1).max(API_LIMITS.maxPostQueryChars).openapi({ description: QUERY_DESCRIPTION }), ...filters }).openapi("SearchRequest");
type SearchParams = z.infer<typeof SearchQuerySchema>;

export const SEARCH_COLUMNS: CsvColumn<SearchHit>[] = [
  { name: "id", value: (h) => h.id },
  { name: "title", value: (h) => h.title },
  { name: "published", value: (h) => h.published },
  { name: "lang", value: (h) => h.lang },
  { name: "site", value: (h) => h.site },
  { name: "url", value: (h) => h.url },
  { name: "score", value: (h) => h.score },
  { name: "quotes", value: (h) => h.quotes },
  { name: "entities", value: (h) => h.entities },
  { name: "snippet", value: (h) => h.snippet },
];

const EXPORT_CONTENT = {
  "text/csv": { schema: { type: "string" as const } },
  "application/x-ndjson": { schema: { type: "string" as const } },
};

const responses = {
  200: { content: { "application/json": { schema: SearchResponseSchema }, ...EXPORT_CONTENT }, description: "A page of hits with facets, or (with format) every hit as a file" },
  400: problemContent("The query or a parameter is not valid"),
  413: problemContent("The body is too large"),
};

const getRoute = createRoute({
  method: "get",
  path: "/search",
  summary: "Search the stored articles",
  tags: ["search"],
  request: { query: SearchQuerySchema },
  responses,
});

const postRoute = (maxBytes: number) =>
  createRoute({
    method: "post",
    path: "/search",
    summary: "Search the stored articles (a long query in a JSON body)",
    tags: ["search"],
    middleware: [limitBody(maxBytes)] as const,
    request: { body: { content: { "application/json": { schema: SearchBodySchema } }, required: true } },
    responses,
  });

async function search(store: Store, p: SearchParams, maxTerms?: number) {
  const entity = await resolveEntityFilter(store, p.entity);
  const speaker = await resolveEntityFilter(store, p.speaker);
  const unresolved = [entity, speaker].flatMap((f) => (f?.unresolved ? [f.unresolved] : []));
  const filter: SearchOptions = { lang: p.lang, site: p.site, from: p.from, to: p.to, entity: entity?.ids, speaker: speaker?.ids, maxTerms };
  const digest = queryDigest({ q: p.q, lang: p.lang, site: p.site, from: p.from, to: p.to, entity: p.entity, speaker: p.speaker, newest: p.newest });
  if (p.format) {
    return exportResponse({
      format: p.format as ExportFormat,
      name: "newsgraph-search",
      columns: SEARCH_COLUMNS,
      page: async (offset, limit) => (unresolved.length ? [] : (await store.search(p.q, { ...filter, newest: Infinity, limit, offset })).hits),
    });
  }
  const offset = decodeCursor(p.cursor, digest);
  if (unresolved.length) {
    return { query: p.q, total: 0, totalExact: true, hits: [], next: null, facets: { languages: [], outlets: [], entities: [], speakers: [], sampled: 0 }, perDay: [], unresolved };
  }
  const result = await store.search(p.q, { ...filter, newest: p.newest, limit: p.limit, offset });
  const counted = await store.searchEntities(p.q, { ...filter, top: API_LIMITS.facetTop });
  const values = (counts: Record<string, number>) => Object.entries(counts).map(([value, articles]) => ({ value, articles }));
  return {
    query: p.q,
    total: result.total,
    totalExact: result.totalExact,
    hits: result.hits,
    next: nextCursor(offset, result.hits.length, p.limit, digest, result.total),
    facets: { languages: values(result.facets.lang), outlets: values(result.facets.site), entities: counted.entities, speakers: counted.speakers, sampled: counted.sampled },
    perDay: result.days,
    unresolved,
  };
}

export function searchRoutes(api: OpenAPIHono, store: Store, queryBytes: number): void {
  api.openapi(getRoute, async (c) => {
    const out = await search(store, c.req.valid("query"));
    return out instanceof Response ? out : c.json(out, 200);
  });
  api.openapi(postRoute(queryBytes), async (c) => {
    const out = await search(store, c.req.valid("json"), API_LIMITS.maxPostQueryTerms);
    return out instanceof Response ? out : c.json(out, 200);
  });
}
