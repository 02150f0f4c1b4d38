// The PostgreSQL server of the queue's tests and benchmark: NEWSGRAPH_TEST_PG
// (default the local server, database `test`), a schema name of its own for
// each use, and whether the server answers. Without one the PostgreSQL tests
// are skipped with a message — except on CI (CI=true), where they must run and
// so fail.
import { unreachable } from "../store/postgres/admin.js";

export const TEST_PG = process.env.NEWSGRAPH_TEST_PG || "postgres://127.0.0.1:5432/test";

/** The server's address with a schema of its own (`?schema=`, unique per process and name). */
export function testAddress(name: string): string {
  const url = new URL(TEST_PG);
  url.searchParams.set("schema", `t_${name}_${process.pid}_${Date.now().toString(36)}`.toLowerCase());
  return url.toString();
}

/** False when the server answers; else the reason to skip, printed once. On CI an unreachable server is an error. */
export async function skipWithoutPostgres(): Promise<string | false> {
  const problem = await unreachable(TEST_PG);
  if (problem === null) return false;
  if (process.env.CI === "true") throw new Error(`no PostgreSQL server at ${TEST_PG} (${problem}), and on CI the PostgreSQL tests must run`);
  const reason = `PostgreSQL tests skipped: no server at ${TEST_PG} (${problem}; set NEWSGRAPH_TEST_PG)`;
  process.stderr.write(`# ${reason}\n`);
  return reason;
}
