// Articles: GET /api/articles (newest stored first), GET /api/articles/{id}
// (the record `analyze --json` prints), POST /api/analyze (a posted text, HTML
// page or URL analysed and not stored) and POST /api/articles (the same,
// stored; it needs the write token).
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { toRecord } from "../../doc/record.js";
import type { Store } from "../../store/store.js";
import type { AppOptions, BodyLimits } from "../options.js";
import { requireToken } from "./auth.js";
import { decodeCursor, nextCursor, queryDigest } from "./cursor.js";
import { Intake, IntakeSchema } from "./intake.js";
import { langParam, pageParams } from "./params.js";
import { ProblemError, limitBody, problemContent } from "./problem.js";
import { ArticleListSchema, ArticleRecordSchema, PutResultSchema } from "./schemas.js";

const ARTICLE_ID = /^[0-9a-f]{16}$/u;
const RECORD_CONTENT = { "application/json": { schema: ArticleRecordSchema } };
const INTAKE_BODY = { body: { content: { "application/json": { schema: IntakeSchema } }, required: true } };
const INTAKE_ERRORS = {
  400: problemContent("The body is not valid"),
  413: problemContent("The body is too large"),
  422: problemContent("The input cannot be read or analysed (no article in it, a limit exceeded, a URL refused)"),
  502: problemContent("The URL could not be fetched"),
};

const listRoute = createRoute({
  method: "get",
  path: "/articles",
  summary: "The stored articles, the most recently stored first",
  tags: ["articles"],
  request: { query: z.object({ lang: langParam, ...pageParams }) },
  responses: { 200: { content: { "application/json": { schema: ArticleListSchema } }, description: "A page of articles" }, 400: problemContent("A parameter is not valid") },
});

const getRoute = createRoute({
  method: "get",
  path: "/articles/{id}",
  summary: "One stored article: its full record (what `newsgraph analyze --json` prints)",
  tags: ["articles"],
  request: { params: z.object({ id: z.string().regex(ARTICLE_ID, "16 hexadecimal digits").openapi({ param: { name: "id", in: "path" }, example: "3f2a9c10b7e4d215" }) }) },
  responses: { 200: { content: RECORD_CONTENT, description: "The article record" }, 400: problemContent("The id is not valid"), 404: problemContent("No article has this id") },
});

const analyzeRoute = (maxBytes: number) =>
  createRoute({
    method: "post",
    path: "/analyze",
    summary: "Analyse a posted text, HTML page or URL without storing it",
    tags: ["articles"],
    middleware: [limitBody(maxBytes)] as const,
    request: INTAKE_BODY,
    responses: { 200: { content: RECORD_CONTENT, description: "The article record" }, ...INTAKE_ERRORS },
  });

const ingestRoute = (token: string | undefined, maxBytes: number) =>
  createRoute({
    method: "post",
    path: "/articles",
    summary: "Analyse a posted text, HTML page or URL and store it (needs the write token)",
    tags: ["articles"],
    security: [{ bearer: [] }],
    middleware: [requireToken(token), limitBody(maxBytes)] as const,
    request: INTAKE_BODY,
    responses: {
      200: { content: { "application/json": { schema: PutResultSchema } }, description: "Stored before: unchanged, or updated (same address, new content)" },
      201: { content: { "application/json": { schema: PutResultSchema } }, description: "Added" },
      ...INTAKE_ERRORS,
      401: problemContent("No token, or not the server's"),
      403: problemContent("The server takes no writes (no token configured)"),
    },
  });

export function articleRoutes(api: OpenAPIHono, options: AppOptions, limits: BodyLimits): void {
  const store: Store = options.store;
  const intake = new Intake(options);
  api.openapi(listRoute, async (c) => {
    const p = c.req.valid("query");
    const digest = queryDigest({ lang: p.lang });
    const offset = decodeCursor(p.cursor, digest);
    const { articles, total } = await store.list({ lang: p.lang, limit: p.limit, offset });
    return c.json({ total, articles, next: nextCursor(offset, articles.length, p.limit, digest, total) }, 200);
  });
  api.openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const record = await store.get(id);
    if (!record) throw new ProblemError(404, `no article with id ${id}`);
    return c.json(record, 200);
  });
  api.openapi(analyzeRoute(limits.articleBytes), async (c) => {
    const doc = await intake.analyze(c.req.valid("json"), "POST /api/analyze");
    return c.json(toRecord(doc), 200);
  });
  api.openapi(ingestRoute(options.token, limits.articleBytes), async (c) => {
    const doc = await intake.analyze(c.req.valid("json"), "POST /api/articles");
    const result = await store.put(doc);
    return c.json(result, result.status === "added" ? 201 : 200);
  });
}
