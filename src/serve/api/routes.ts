// The JSON API: routes and their schemas declared once with zod, from which
// come the validation, the TypeScript types and the OpenAPI 3.1 document.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppOptions } from "../options.js";

const StatsSchema = z
  .object({
    articles: z.number().int(),
    byLang: z.record(z.string(), z.number().int()),
    indexed: z.number().int(),
    bytesPerArticle: z.number(),
    schemaVersion: z.number().int(),
  })
  .openapi("Stats");

const statsRoute = createRoute({
  method: "get",
  path: "/stats",
  summary: "How many articles the store holds, by language",
  responses: { 200: { content: { "application/json": { schema: StatsSchema } }, description: "The store's size" } },
});

export function apiRoutes({ store }: AppOptions): OpenAPIHono {
  const api = new OpenAPIHono();
  api.openapi(statsRoute, async (c) => c.json(await store.stats(), 200));
  api.doc31("/openapi.json", { openapi: "3.1.0", info: { title: "newsgraph API", version: "0.1.0" } });
  return api;
}
