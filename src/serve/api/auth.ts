// Bearer tokens for the write routes: the token the server was started with
// (NEWSGRAPH_TOKEN), compared in constant time (both sides hashed to the same
// length first). No token configured: writes are refused with 403; a missing
// or wrong token is 401 with a WWW-Authenticate challenge.
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ProblemError } from "./problem.js";

const BEARER = /^Bearer\s+(\S+)\s*$/iu;
const CHALLENGE = { "www-authenticate": 'Bearer realm="newsgraph"' };

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Does `given` equal `token`? In time that does not depend on where they differ. */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

export function requireToken(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token) throw new ProblemError(403, "writes are disabled on this server: start it with NEWSGRAPH_TOKEN set to allow them");
    const given = BEARER.exec(c.req.header("authorization") ?? "")?.[1];
    if (given === undefined) throw new ProblemError(401, 'this route needs the header "Authorization: Bearer <token>"', undefined, CHALLENGE);
    if (!tokenMatches(given, token)) throw new ProblemError(401, "the token is not the server's", undefined, CHALLENGE);
    await next();
  };
}
