import { strict as assert } from "node:assert";
import { test } from "node:test";
import { HTTPException } from "hono/http-exception";
import { BlockedAddressError, HttpStatusError, InvalidUrlError, TimeoutError } from "../../input/fetch.js";
import { NoArticleError } from "../../pipeline/analyze.js";
import { QueryError } from "../../store/search-text.js";
import { LimitError } from "../../util/limits.js";
import { PROBLEM_MEDIA_TYPE, ProblemError, errorResponse, inputErrorStatus, problemBody } from "./problem.js";

async function body(r: Response) {
  assert.equal(r.headers.get("content-type"), PROBLEM_MEDIA_TYPE);
  return (await r.json()) as { type: string; title: string; status: number; detail: string };
}

test("a problem has a type, the status's title, the status and a detail; validation adds the fields", () => {
  assert.deepEqual(problemBody(404, "no article"), { type: "about:blank", title: "Not Found", status: 404, detail: "no article" });
  const invalid = [{ in: "query", name: "q", reason: "required" }];
  assert.deepEqual(problemBody(400, "bad", invalid).invalidParams, invalid);
  assert.equal(problemBody(418, "teapot").title, "Error");
});

test("errors map to statuses: problems as they are, refused queries 400, inputs over a limit 422, the rest 500 without their message", async () => {
  const challenge = errorResponse(new ProblemError(401, "no token", undefined, { "www-authenticate": "Bearer" }));
  assert.deepEqual([challenge.status, challenge.headers.get("www-authenticate")], [401, "Bearer"]);
  assert.equal((await body(errorResponse(new QueryError("the query has no words\nto search for")))).detail, "the query has no words to search for");
  assert.equal(errorResponse(new LimitError("maxTokens", 10, 5, "too long")).status, 422);
  assert.equal(errorResponse(new NoArticleError("no article")).status, 422);
  assert.equal(errorResponse(new HTTPException(415, { message: "Unsupported Media Type" })).status, 415);
  const internal = await body(errorResponse(new Error("SQLITE_CORRUPT at /secret/path.db")));
  assert.equal(internal.status, 500);
  assert.doesNotMatch(internal.detail, /secret|SQLITE/u);
});

test("input errors: a refused or malformed URL is the client's (422), a page that could not be fetched the other server's (502)", () => {
  assert.equal(inputErrorStatus(new BlockedAddressError("private address")), 422);
  assert.equal(inputErrorStatus(new InvalidUrlError("bad url")), 422);
  assert.equal(inputErrorStatus(new HttpStatusError("404", 404)), 502);
  assert.equal(inputErrorStatus(new TimeoutError("slow")), 502);
  assert.equal(inputErrorStatus(new Error("analysis failed")), 422);
});
