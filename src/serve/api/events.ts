// GET /api/events: who did what to whom, when, according to whom, with the
// sentence it was read from (the CLI's `events`), filtered by actor, target,
// who asserts it (names in any script, resolved through the registry), type
// and dates; a page, or every event as an export.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { EventQuery, Store, StoredEvent } from "../../store/store.js";
import type { CsvColumn } from "../export/csv.js";
import { exportResponse } from "../export/stream.js";
import { decodeCursor, nextCursor, queryDigest } from "./cursor.js";
import { dateParam, formatParam, nameParam, pageParams } from "./params.js";
import { problemContent } from "./problem.js";
import { EventListSchema } from "./schemas.js";

const EVENT_TYPE = /^[A-Za-z_]{2,40}$/u;

export const EVENT_COLUMNS: CsvColumn<StoredEvent>[] = [
  { name: "articleId", value: (e) => e.articleId },
  { name: "title", value: (e) => e.title },
  { name: "published", value: (e) => e.published },
  { name: "type", value: (e) => e.type },
  { name: "subtype", value: (e) => e.subtype },
  { name: "actorId", value: (e) => e.actor?.id },
  { name: "actor", value: (e) => e.actor?.name },
  { name: "targetId", value: (e) => e.target?.id },
  { name: "target", value: (e) => e.target?.name },
  { name: "instrument", value: (e) => e.instrument },
  { name: "quantity", value: (e) => e.quantity },
  { name: "polarity", value: (e) => e.polarity },
  { name: "modality", value: (e) => e.modality },
  { name: "time", value: (e) => e.time },
  { name: "assertedBy", value: (e) => e.assertedBy },
  { name: "evidence", value: (e) => e.evidence },
];

const route = createRoute({
  method: "get",
  path: "/events",
  summary: "Events across the stored articles, the oldest articles first",
  tags: ["events"],
  request: {
    query: z.object({
      actor: nameParam("The actor: a name in any script or inflection, or an ISO code"),
      target: nameParam("The target"),
      assertedBy: nameParam("Who asserts it"),
      type: z.string().regex(EVENT_TYPE, "an event type (COOPERATE, TRANSFER …)").optional().openapi({ description: "The event type (any case)" }),
      from: dateParam("Published on or after"),
      to: dateParam("Published on or before"),
      format: formatParam,
      ...pageParams,
    }),
  },
  responses: {
    200: {
      content: { "application/json": { schema: EventListSchema }, "text/csv": { schema: { type: "string" } }, "application/x-ndjson": { schema: { type: "string" } } },
      description: "A page of events, or (with format) every one as a file",
    },
    400: problemContent("A parameter is not valid"),
  },
});

export function eventRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(route, async (c) => {
    const p = c.req.valid("query");
    const query: EventQuery = { actor: p.actor, target: p.target, assertedBy: p.assertedBy, type: p.type, from: p.from, to: p.to };
    if (p.format) {
      return exportResponse({ format: p.format, name: "newsgraph-events", columns: EVENT_COLUMNS, page: async (offset, limit) => (await store.events({ ...query, limit, offset })).events });
    }
    const digest = queryDigest({ ...query });
    const offset = decodeCursor(p.cursor, digest);
    const { events, total, unresolved } = await store.events({ ...query, limit: p.limit, offset });
    return c.json({ total, events, next: nextCursor(offset, events.length, p.limit, digest, total), unresolved }, 200);
  });
}
