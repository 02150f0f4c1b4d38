// GET /api/graph: the entity network of the articles a search matches, or of
// the articles around one entity — nodes (entities, weighted by articles) and
// edges (co-occurrence, speaker → entity named in the quotation, actor →
// target) — as JSON or as a GEXF 1.3 file.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { EntityGraph, GraphQuery, Store } from "../../store/store.js";
import { GEXF_MEDIA_TYPE, gexfDocument } from "../export/gexf.js";
import { resolveEntityFilter } from "./entity-filter.js";
import { API_LIMITS, dateParam, entityFilterParam, langParam, siteParam } from "./params.js";
import { ProblemError, problemContent } from "./problem.js";
import { GraphSchema } from "./schemas.js";

const UNDIRECTED_KINDS = ["cooccurrence"];

const route = createRoute({
  method: "get",
  path: "/graph",
  summary: "The entity graph of a search's articles or around an entity (their latest 500 articles)",
  tags: ["graph"],
  request: {
    query: z.object({
      q: z.string().min(1).max(API_LIMITS.maxQueryChars).optional().openapi({ description: "A search (as /api/search takes it)" }),
      entity: entityFilterParam("Draw the graph around this entity"),
      lang: langParam,
      site: siteParam,
      from: dateParam("Published on or after"),
      to: dateParam("Published on or before"),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(API_LIMITS.maxGraphNodes)
        .default(API_LIMITS.defaultGraphNodes)
        .openapi({ description: "The most nodes: the entities in the most articles" }),
      format: z.enum(["json", "gexf"]).default("json").openapi({ description: "json, or gexf (GEXF 1.3, for Gephi)" }),
    }),
  },
  responses: {
    200: { content: { "application/json": { schema: GraphSchema }, "application/gexf+xml": { schema: { type: "string" } } }, description: "The graph" },
    400: problemContent("A parameter is not valid"),
    404: problemContent("No entity matches `entity`"),
  },
});

/** The graph as the API gives it: ids as strings, labels for names. */
export function graphBody(g: EntityGraph) {
  return {
    nodes: g.nodes.map((n) => ({ id: String(n.id), label: n.name, type: n.type, weight: n.weight })),
    edges: g.edges.map((e) => ({ source: String(e.source), target: String(e.target), kind: e.kind, weight: e.weight })),
    sampled: g.sampled,
  };
}

export function graphRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(route, async (c) => {
    const p = c.req.valid("query");
    const around = await resolveEntityFilter(store, p.entity);
    if (around && !around.ids.length) throw new ProblemError(404, `no entity matches ${JSON.stringify(p.entity)}`);
    const query: GraphQuery = { query: p.q, around: around?.ids[0], lang: p.lang, site: p.site, from: p.from, to: p.to, nodes: p.limit };
    const body = graphBody(await store.graph(query));
    if (p.format === "json") return c.json(body, 200);
    const description = [p.q ? `search: ${p.q}` : "", p.entity ? `around: ${p.entity}` : ""].filter(Boolean).join("; ") || "all articles";
    return new Response(gexfDocument(body, { description, undirected: UNDIRECTED_KINDS }), {
      status: 200,
      headers: { "content-type": GEXF_MEDIA_TYPE, "content-disposition": 'attachment; filename="newsgraph-graph.gexf"', "cache-control": "no-store" },
    });
  });
}
