// Server-side chores around PostgreSQL stores that are no part of a store:
// whether a server answers, and dropping the schemas a test run made.
import { userInfo } from "node:os";
import pg from "pg";

const CONNECT_TIMEOUT_MS = 3000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/u;

/** The address with the login user where it names none (libpq's default, which node-postgres lacks). */
export function withUser(address: string): string {
  const url = new URL(address);
  if (!url.username && !url.searchParams.has("user")) url.username = process.env.PGUSER || process.env.USER || userInfo().username;
  return url.toString();
}

/** null when the server at `address` answers a query, else why not. */
export async function unreachable(address: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: withUser(address), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || String((err as { code?: string }).code) : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drop schemas and everything in them. */
export async function dropSchemas(address: string, schemas: string[]): Promise<void> {
  if (!schemas.length) return;
  const client = new pg.Client({ connectionString: withUser(address) });
  await client.connect();
  try {
    for (const s of schemas) {
      if (!SCHEMA_NAME.test(s)) throw new Error(`not a schema name: ${s}`);
      await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    }
  } finally {
    await client.end();
  }
}
