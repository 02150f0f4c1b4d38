// Opaque page cursors: where the next page of a list starts, bound to the
// query it belongs to, so a cursor given with another query is refused
// instead of paging through the wrong list. A cursor is base64url JSON of the
// offset and a short digest of the query's parameters (not a secret: it only
// tells lists apart).
import { createHash } from "node:crypto";
import { ProblemError } from "./problem.js";

const DIGEST_CHARS = 12;
/** Cursors longer than this are not ours. */
const MAX_CURSOR_CHARS = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/u;

interface CursorBody {
  /** The offset of the next page. */
  o: number;
  /** The digest of the query. */
  q: string;
}

/** The digest of a list's query: its parameters, the page's own (cursor, limit, format) left out by the caller. */
export function queryDigest(params: Record<string, unknown>): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash("sha256").update(JSON.stringify(entries)).digest("base64url").slice(0, DIGEST_CHARS);
}

export function encodeCursor(offset: number, digest: string): string {
  const body: CursorBody = { o: offset, q: digest };
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

/** The offset a cursor points at (0 without one); a malformed cursor, or one of another query, is a 400 problem. */
export function decodeCursor(cursor: string | undefined, digest: string): number {
  if (cursor === undefined || cursor === "") return 0;
  const refuse = (why: string) => new ProblemError(400, `invalid cursor: ${why}`, [{ in: "query", name: "cursor", reason: why }]);
  if (cursor.length > MAX_CURSOR_CHARS || !BASE64URL.test(cursor)) throw refuse("not a cursor this API gave");
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw refuse("not a cursor this API gave");
  }
  const b = body as Partial<CursorBody> | null;
  if (!b || typeof b !== "object" || !Number.isSafeInteger(b.o) || (b.o as number) < 0 || typeof b.q !== "string") throw refuse("not a cursor this API gave");
  if (b.q !== digest) throw refuse("it belongs to another query (keep the query's parameters when you page)");
  return b.o as number;
}

/** The cursor of the page after one of `count` items at `offset`, or null when that page was the last. */
export function nextCursor(offset: number, count: number, limit: number, digest: string, total?: number): string | null {
  const end = offset + count;
  if (count < limit || (total !== undefined && end >= total)) return null;
  return encodeCursor(end, digest);
}
