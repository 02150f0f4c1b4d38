// The back ends the store's test suites run on, one suite for all: SQLite
// always (a file in a temporary folder), PostgreSQL at NEWSGRAPH_TEST_PG
// (default: the local server, database `test`), each store in a schema of its
// own (random name) that is dropped when the suite ends. When the server
// cannot be reached the PostgreSQL suite is skipped with a message saying so,
// except on CI (CI=true), where it runs and fails.
import { after } from "node:test";
import { dropSchemas, unreachable } from "../store/postgres/admin.js";
import { openStore, type OpenOptions } from "../store/open.js";
import type { Store } from "../store/store.js";
import { TempDir } from "./fixtures.js";

export const DEFAULT_TEST_PG = "postgres://127.0.0.1:5432/test";
const SCHEMA_PREFIX = "ng_test_";

export interface StoreBackend {
  name: "sqlite" | "postgres";
  /** Why the back end's suite is skipped (node:test prints it), or undefined when it runs. */
  skip: string | undefined;
  /** The address of a new, empty store (a file, or a schema of the test database). */
  address(label?: string): string;
  /** A new, empty store. */
  open(options?: OpenOptions): Promise<Store>;
}

const pgAddress = () => process.env.NEWSGRAPH_TEST_PG || DEFAULT_TEST_PG;

let counter = 0;
const runId = `${process.pid}_${Date.now().toString(36)}`;

function sqliteBackend(): StoreBackend {
  const dir = new TempDir();
  after(() => dir.remove());
  const address = (label = "store") => dir.file(`${label}-${++counter}.db`);
  return { name: "sqlite", skip: undefined, address, open: (options) => openStore(address(), options) };
}

async function postgresBackend(): Promise<StoreBackend> {
  const base = pgAddress();
  const problem = await unreachable(base);
  const onCi = process.env.CI === "true";
  const skip = problem && !onCi ? `PostgreSQL at ${base} is unreachable (${problem}): the PostgreSQL suite is skipped` : undefined;
  if (skip) process.stderr.write(`# ${skip}\n`);
  const schemas: string[] = [];
  after(() => dropSchemas(base, schemas));
  const address = (label = "store") => {
    const schema = `${SCHEMA_PREFIX}${runId}_${++counter}_${label.replace(/[^a-z0-9_]/g, "_")}`.toLowerCase();
    schemas.push(schema);
    const url = new URL(base);
    url.searchParams.set("schema", schema);
    return url.toString();
  };
  return { name: "postgres", skip, address, open: (options) => openStore(address(), options) };
}

/** SQLite, then PostgreSQL. */
export const STORE_BACKENDS: StoreBackend[] = [sqliteBackend(), await postgresBackend()];
