// The JSON API: routes and their schemas declared once with zod, from which
// come the validation, the TypeScript types and the OpenAPI 3.1 document
// (/api/openapi.json, rendered at /api/docs). Every error is a problem
// (application/problem+json): validation errors list the fields refused, an
// unknown route is 404, a body over its limit 413.
import { OpenAPIHono, createRoute, type z } from "@hono/zod-openapi";
import { BODY_LIMITS, type AppOptions } from "../options.js";
import { articleRoutes } from "./articles.js";
import { DOCS_CSS, DOCS_STYLESHEET_PATH, docsPage, type OpenApiDocument } from "./docs-page.js";
import { entityRoutes } from "./entities.js";
import { eventRoutes } from "./events.js";
import { graphRoutes } from "./graph.js";
import { ProblemError, errorResponse } from "./problem.js";
import { quoteRoutes } from "./quotes.js";
import { HealthSchema, StatsSchema } from "./schemas.js";
import { searchRoutes } from "./search.js";

export const API_VERSION = "0.1.0";
const OPENAPI_PATH = "/openapi.json";
const DOC_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "newsgraph API",
    version: API_VERSION,
    description:
      "Articles, entities, quotations and events of a newsgraph store, in Greek and English. Lists page with an opaque cursor (a page gives `next`; pass it back as `cursor`); list routes export every row with `format`.",
  },
  servers: [{ url: "/api" }],
};

const statsRoute = createRoute({
  method: "get",
  path: "/stats",
  summary: "How many articles the store holds, by language",
  tags: ["store"],
  responses: { 200: { content: { "application/json": { schema: StatsSchema } }, description: "The store's size" } },
});

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  summary: "The server answers (reads nothing)",
  tags: ["store"],
  responses: { 200: { content: { "application/json": { schema: HealthSchema } }, description: "It does" } },
});

type ValidationResult = { target: string } & ({ success: true } | { success: false; error: z.ZodError });

/** A request that fails its schema: a 400 problem listing each field and why. */
function validationHook(result: ValidationResult): void {
  if (result.success) return;
  const invalidParams = result.error.issues.map((i) => ({ in: result.target, name: i.path.map(String).join(".") || "(body)", reason: i.message }));
  const first = invalidParams[0];
  throw new ProblemError(400, `the request is not valid: ${first.name}: ${first.reason}${invalidParams.length > 1 ? ` (and ${invalidParams.length - 1} more)` : ""}`, invalidParams);
}

export function apiRoutes(options: AppOptions): OpenAPIHono {
  const { store } = options;
  const limits = { ...BODY_LIMITS, ...options.bodyLimits };
  const api = new OpenAPIHono({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "The server's NEWSGRAPH_TOKEN" });
  searchRoutes(api, store, limits.queryBytes);
  articleRoutes(api, options, limits);
  entityRoutes(api, store);
  quoteRoutes(api, store);
  eventRoutes(api, store);
  graphRoutes(api, store);
  api.openapi(statsRoute, async (c) => c.json(await store.stats(), 200));
  api.openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
  api.doc31(OPENAPI_PATH, DOC_CONFIG);
  let document: OpenApiDocument | undefined;
  api.get("/docs", (c) => {
    document ??= api.getOpenAPI31Document(DOC_CONFIG) as OpenApiDocument;
    return c.html(docsPage(document, `${DOC_CONFIG.servers[0].url}${OPENAPI_PATH}`));
  });
  api.get(`/${DOCS_STYLESHEET_PATH}`, (c) => c.body(DOCS_CSS, 200, { "content-type": "text/css; charset=utf-8" }));
  api.all("*", (c) => {
    throw new ProblemError(404, `no API route ${c.req.method} ${new URL(c.req.url).pathname} (the routes: /api/docs)`);
  });
  api.onError((err) => errorResponse(err));
  return api;
}

