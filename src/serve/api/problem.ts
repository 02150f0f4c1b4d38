// Errors of the API as RFC 9457 problem details (application/problem+json):
// the ProblemError the routes throw, the response made of it, the schema that
// documents it, and the mapping of the errors the store, the fetcher and the
// analysis raise to HTTP statuses. Messages are one line; stacks never leave
// the server.
import { z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BlockedAddressError, FetchError, InvalidUrlError } from "../../input/fetch.js";
import { NoArticleError } from "../../pipeline/analyze.js";
import { QueryError } from "../../store/search-text.js";
import { LimitError } from "../../util/limits.js";

export const PROBLEM_MEDIA_TYPE = "application/problem+json";
/** The problem type of every problem: its status and title say what it is (RFC 9457 §4.2.1). */
const BLANK_TYPE = "about:blank";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export const InvalidParamSchema = z
  .object({
    /** Where: query, param, json, header. */
    in: z.string(),
    /** The field, dotted (`limit`, `text`). */
    name: z.string(),
    reason: z.string(),
  })
  .openapi("InvalidParam");

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    invalidParams: z.array(InvalidParamSchema).optional().openapi({ description: "For validation errors: each field that was refused and why" }),
  })
  .openapi("Problem", { description: "RFC 9457 problem details" });

export type Problem = z.infer<typeof ProblemSchema>;
export type InvalidParam = z.infer<typeof InvalidParamSchema>;

/** An error that is an HTTP response: a status and a one-line detail (and, for validation, the fields refused). */
export class ProblemError extends Error {
  override name = "ProblemError";

  constructor(
    readonly status: ContentfulStatusCode,
    detail: string,
    readonly invalidParams?: InvalidParam[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function problemBody(status: number, detail: string, invalidParams?: InvalidParam[]): Problem {
  return { type: BLANK_TYPE, title: TITLES[status] ?? "Error", status, detail, ...(invalidParams ? { invalidParams } : {}) };
}

export function problemResponse(status: number, detail: string, invalidParams?: InvalidParam[], headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemBody(status, detail, invalidParams)), {
    status,
    headers: { "content-type": PROBLEM_MEDIA_TYPE, ...headers },
  });
}

const ONE_LINE = /\s*[\r\n]+\s*/gu;
const oneLine = (s: string) => s.replace(ONE_LINE, " ").trim();

/** The status of an error raised while reading, fetching or analysing an input (POST /api/analyze, /api/articles). */
export function inputErrorStatus(err: unknown): ContentfulStatusCode {
  if (err instanceof InvalidUrlError || err instanceof BlockedAddressError) return 422;
  if (err instanceof FetchError) return 502;
  return 422;
}

/** The response for any error a route let through: problems as they are, known errors mapped, the rest a 500 that says nothing of the inside. */
export function errorResponse(err: unknown): Response {
  if (err instanceof ProblemError) return problemResponse(err.status, err.message, err.invalidParams, err.headers);
  if (err instanceof QueryError) return problemResponse(400, oneLine(err.message));
  if (err instanceof LimitError || err instanceof NoArticleError) return problemResponse(422, oneLine(err.message));
  if (err instanceof HTTPException) return problemResponse(err.status, oneLine(err.message) || TITLES[err.status] || "error");
  return problemResponse(500, "the server could not answer this request");
}

/** The OpenAPI description of a problem response. */
export function problemContent(description: string) {
  return { content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } }, description };
}

/** Refuses a body over `maxBytes` with a 413 problem (read as it streams in, whatever Content-Length says). */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({ maxSize: maxBytes, onError: () => problemResponse(413, `the body is larger than the limit of ${maxBytes} bytes`) });
}
