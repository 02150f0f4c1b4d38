import { strict as assert } from "node:assert";
import { test } from "node:test";
import { Hono } from "hono";
import { requireToken, tokenMatches } from "./auth.js";
import { errorResponse } from "./problem.js";

function app(token: string | undefined) {
  const a = new Hono();
  a.post("/w", requireToken(token), (c) => c.text("written"));
  a.onError((err) => errorResponse(err));
  return a;
}

const write = (a: Hono, authorization?: string) => a.request("/w", { method: "POST", headers: authorization ? { authorization } : {} });

test("tokens match only when equal, whatever their lengths", () => {
  assert.ok(tokenMatches("s3cret", "s3cret"));
  for (const other of ["", "s3cre", "s3cret ", "S3CRET", "s3cret-longer-than-the-token", "σ3cret"]) assert.ok(!tokenMatches(other, "s3cret"), other);
});

test("a route behind the token: written with it, 401 with a challenge without it or with another, 403 when the server has none", async () => {
  const guarded = app("s3cret");
  const ok = await write(guarded, "Bearer s3cret");
  assert.deepEqual([ok.status, await ok.text()], [200, "written"]);
  assert.equal((await write(guarded, "bearer   s3cret")).status, 200, "the scheme in any case");
  for (const header of [undefined, "Bearer", "Bearer wrong", "Basic s3cret", "Bearer s3cret extra"]) {
    const r = await write(guarded, header);
    assert.equal(r.status, 401, String(header));
    assert.match(r.headers.get("www-authenticate") ?? "", /^Bearer realm=/u);
  }
  const closed = await write(app(undefined), "Bearer s3cret");
  assert.equal(closed.status, 403);
  assert.match(((await closed.json()) as { detail: string }).detail, /NEWSGRAPH_TOKEN/u);
  assert.equal((await write(app(""), "Bearer ")).status, 403, "an empty token is no token");
});
