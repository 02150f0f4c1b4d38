// Opens a store by its address: a file path (or file: URL) is a SQLite store;
// a postgres:// address names a PostgreSQL store (postgres/store.ts), with an
// optional ?schema= to keep its tables in one schema.
import { fileURLToPath } from "node:url";
import { DEFAULT_DB_FILE, SqliteStore, type SqliteOptions } from "./sqlite.js";
import { PostgresStore } from "./postgres/store.js";
import { StoreError, type Store } from "./store.js";

/** The store used when none is named. */
export const DEFAULT_STORE = DEFAULT_DB_FILE;

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const POSTGRES_SCHEMES = new Set(["postgres", "postgresql"]);
const FILE_SCHEME = "file";

/** Read-only opening (the store must exist; read commands use it), how long to wait for a store another process is writing, story settings. */
export type OpenOptions = SqliteOptions;

export async function openStore(address: string, options: OpenOptions = {}): Promise<Store> {
  const scheme = URL_SCHEME.exec(address)?.[1].toLowerCase();
  if (scheme === undefined) return new SqliteStore(address, options);
  if (scheme === FILE_SCHEME) return new SqliteStore(fileURLToPath(address), options);
  if (POSTGRES_SCHEMES.has(scheme)) return PostgresStore.open(address, { readonly: options.readonly, stories: options.stories });
  throw new StoreError(`no store for ${scheme}:// addresses: give a SQLite file or a postgres:// address`);
}
