// The PostgreSQL server of the tests: NEWSGRAPH_TEST_PG (default the local
// server, database `test`), a schema name of its own for each test, and whether
// the server answers. Without one the PostgreSQL tests are skipped with a
// message — except on CI (CI=true), where they must run and so fail.
import { connect } from "node:net";

export const TEST_PG = process.env.NEWSGRAPH_TEST_PG ?? "postgres://127.0.0.1:5432/test";
const DEFAULT_PORT = 5432;
const CONNECT_TIMEOUT_MS = 2000;

/** The server's address with a schema of the test's own (`?schema=`, unique per process and call). */
export function testAddress(name: string): string {
  const url = new URL(TEST_PG);
  url.searchParams.set("schema", `t_${name}_${process.pid}_${Date.now().toString(36)}`.toLowerCase());
  return url.toString();
}

function reachable(): Promise<boolean> {
  const url = new URL(TEST_PG);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname || "127.0.0.1", port: Number(url.port || DEFAULT_PORT), timeout: CONNECT_TIMEOUT_MS });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

/**
 * False when the server answers; else the reason to skip, printed once. On
 * CI an unreachable server is an error.
 */
export async function skipWithoutPostgres(): Promise<string | false> {
  if (await reachable()) return false;
  const reason = `PostgreSQL tests skipped: no server at ${TEST_PG} (set NEWSGRAPH_TEST_PG)`;
  if (process.env.CI === "true") throw new Error(`no PostgreSQL server at ${TEST_PG}, and on CI the PostgreSQL tests must run`);
  console.log(`# ${reason}`);
  return reason;
}
