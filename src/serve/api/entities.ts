// Entities: GET /api/entities?q= (registry entities a name may mean: any form
// in either script, an inflection, a surname or an ISO code) and
// GET /api/entities/{id} (the entity report: names, aliases, why each article
// was linked, its articles, quotations by it and about it, events as actor or
// target, co-occurring entities, mentions per day), each list paged together.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Store } from "../../store/store.js";
import { decodeCursor, nextCursor, queryDigest } from "./cursor.js";
import { API_LIMITS, pageParams } from "./params.js";
import { ProblemError, problemContent } from "./problem.js";
import { EntityListSchema, EntityReportSchema } from "./schemas.js";

const listRoute = createRoute({
  method: "get",
  path: "/entities",
  summary: "Registry entities a name may mean (any script or inflection, a surname, an ISO code), most mentioned first",
  tags: ["entities"],
  request: {
    query: z.object({
      q: z.string().min(1).max(API_LIMITS.maxNameChars).openapi({ description: "A name: Ryabkov also finds «Σεργκέι Ριαμπκόφ»", example: "Ryabkov" }),
      ...pageParams,
    }),
  },
  responses: { 200: { content: { "application/json": { schema: EntityListSchema } }, description: "A page of entities" }, 400: problemContent("A parameter is not valid") },
});

const reportRoute = createRoute({
  method: "get",
  path: "/entities/{id}",
  summary: "Everything about one registry entity; every list is one page (the same cursor gives the next page of each)",
  tags: ["entities"],
  request: {
    params: z.object({ id: z.coerce.number().int().min(1).openapi({ param: { name: "id", in: "path" }, example: 42 }) }),
    query: z.object(pageParams),
  },
  responses: {
    200: { content: { "application/json": { schema: EntityReportSchema } }, description: "The entity report" },
    400: problemContent("A parameter is not valid"),
    404: problemContent("No entity has this id"),
  },
});

export function entityRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(listRoute, async (c) => {
    const p = c.req.valid("query");
    const digest = queryDigest({ q: p.q });
    const offset = decodeCursor(p.cursor, digest);
    const entities = await store.findEntities(p.q, { limit: p.limit, offset });
    return c.json({ query: p.q, entities, next: nextCursor(offset, entities.length, p.limit, digest) }, 200);
  });
  api.openapi(reportRoute, async (c) => {
    const { id } = c.req.valid("param");
    const p = c.req.valid("query");
    const digest = queryDigest({ id });
    const offset = decodeCursor(p.cursor, digest);
    const report = await store.entity(id, { limit: p.limit, offset });
    if (!report) throw new ProblemError(404, `no entity with id ${id}`);
    const strip = ({ role: _role, ...q }: (typeof report.quotes)[number]) => q;
    const quotesBy = report.quotes.filter((q) => q.role === "speaker").map(strip);
    const quotesAbout = report.quotes.filter((q) => q.role === "mentioned").map(strip);
    const lists = [report.aliases, report.links, report.articles, quotesBy, quotesAbout, report.events, report.cooccurring];
    const full = lists.some((l) => l.length >= p.limit);
    return c.json(
      {
        entity: report.entity,
        aliases: report.aliases,
        links: report.links,
        articles: report.articles,
        quotesBy,
        quotesAbout,
        events: report.events,
        cooccurring: report.cooccurring,
        mentionsPerDay: report.mentionsPerDay,
        next: full ? nextCursor(offset, p.limit, p.limit, digest) : null,
      },
      200,
    );
  });
}
