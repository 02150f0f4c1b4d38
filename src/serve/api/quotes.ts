// GET /api/quotes: who said what across the stored articles (the CLI's
// `quotes`), filtered by speaker, words of the quotation, the outlet it came
// through (via), language and dates; a page, or every quotation as an export.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { QuoteQuery, Store, StoredQuote } from "../../store/store.js";
import type { CsvColumn } from "../export/csv.js";
import { exportResponse } from "../export/stream.js";
import { decodeCursor, nextCursor, queryDigest } from "./cursor.js";
import { dateParam, formatParam, langParam, nameParam, pageParams } from "./params.js";
import { problemContent } from "./problem.js";
import { QuoteListSchema } from "./schemas.js";

export const QUOTE_COLUMNS: CsvColumn<StoredQuote>[] = [
  { name: "articleId", value: (q) => q.articleId },
  { name: "title", value: (q) => q.title },
  { name: "published", value: (q) => q.published },
  { name: "lang", value: (q) => q.lang },
  { name: "speaker", value: (q) => q.speaker },
  { name: "speakerEntityId", value: (q) => q.speakerEntityId },
  { name: "role", value: (q) => q.role },
  { name: "cue", value: (q) => q.cue },
  { name: "stance", value: (q) => q.stance },
  { name: "polarity", value: (q) => q.polarity },
  { name: "via", value: (q) => q.via },
  { name: "citing", value: (q) => q.citing },
  { name: "kind", value: (q) => q.kind },
  { name: "start", value: (q) => q.start },
  { name: "end", value: (q) => q.end },
  { name: "text", value: (q) => q.text },
];

const route = createRoute({
  method: "get",
  path: "/quotes",
  summary: "Quotations across the stored articles, the most recently stored articles first",
  tags: ["quotes"],
  request: {
    query: z.object({
      speaker: nameParam("Words of the speaker's name or description (all required; accents, case and inflection aside)"),
      words: nameParam("Words of the quotation (all required)"),
      via: nameParam("Words of the outlet it came through (Reuters, ΑΠΕ)"),
      lang: langParam,
      from: dateParam("Published on or after"),
      to: dateParam("Published on or before"),
      format: formatParam,
      ...pageParams,
    }),
  },
  responses: {
    200: {
      content: { "application/json": { schema: QuoteListSchema }, "text/csv": { schema: { type: "string" } }, "application/x-ndjson": { schema: { type: "string" } } },
      description: "A page of quotations, or (with format) every one as a file",
    },
    400: problemContent("A parameter is not valid"),
  },
});

export function quoteRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(route, async (c) => {
    const p = c.req.valid("query");
    const query: QuoteQuery = { speaker: p.speaker, about: p.words, via: p.via, lang: p.lang, from: p.from, to: p.to };
    if (p.format) {
      return exportResponse({ format: p.format, name: "newsgraph-quotes", columns: QUOTE_COLUMNS, page: async (offset, limit) => (await store.quotes({ ...query, limit, offset })).quotes });
    }
    const digest = queryDigest({ ...query });
    const offset = decodeCursor(p.cursor, digest);
    const { quotes, total } = await store.quotes({ ...query, limit: p.limit, offset });
    return c.json({ total, quotes, next: nextCursor(offset, quotes.length, p.limit, digest, total) }, 200);
  });
}
