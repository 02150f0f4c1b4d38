// SQLite connections shared safely by several processes: a busy timeout, write
// transactions that take the write lock up front (BEGIN IMMEDIATE) and are
// retried with a growing pause when another process still holds it, and
// read-only opening that works where SQLite cannot create its -wal/-shm files.
//
// Read-only opening: a store in WAL mode needs its -shm (and -wal) file to be
// read, and a read-only connection cannot create them in a folder it cannot
// write (SQLITE_READONLY_DIRECTORY at the first read). better-sqlite3 is built
// without URI file names, so `immutable=1` is out of reach; instead the store
// is then read into memory as a snapshot (the WAL flag of its header set back
// to rollback, which an in-memory database needs), up to READONLY_COPY_MAX_BYTES.
// Writers checkpoint the WAL into the main file when they close, so that file
// is the whole store once every writer has gone.
import { readFileSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { StoreError } from "./store.js";

export interface ConnectionOptions {
  /** Open for reading only; the store must exist. */
  readonly?: boolean;
  /** How long one statement waits for another process's lock (SQLite busy_timeout). */
  busyTimeoutMs?: number;
  /** Further attempts of an operation that still found the store busy. */
  retries?: number;
  /** The pause before the first retry; each next one doubles (with jitter). */
  retryDelayMs?: number;
  /** The most memory the connection's page cache may take, in MiB (SQLite cache_size; pages are kept as they are read). */
  cacheMiB?: number;
  /**
   * Pages the WAL grows to before a writer copies them into the main file
   * (SQLite wal_autocheckpoint). Larger steps copy a page written again and
   * again (key counts, the inner pages of indexes) once per step instead of
   * once per commit: at 10,000 stored articles the commits of ingest took
   * about a quarter less time with 10,000 pages than with SQLite's 1,000.
   */
  walCheckpointPages?: number;
}

export const CONNECTION_DEFAULTS: Required<ConnectionOptions> = { readonly: false, busyTimeoutMs: 5000, retries: 4, retryDelayMs: 100, cacheMiB: 64, walCheckpointPages: 10_000 };

/** The options with a default for each one not given. */
export function withDefaults(o: ConnectionOptions): Required<ConnectionOptions> {
  const d = CONNECTION_DEFAULTS;
  return {
    readonly: o.readonly ?? d.readonly,
    busyTimeoutMs: o.busyTimeoutMs ?? d.busyTimeoutMs,
    retries: o.retries ?? d.retries,
    retryDelayMs: o.retryDelayMs ?? d.retryDelayMs,
    cacheMiB: o.cacheMiB ?? d.cacheMiB,
    walCheckpointPages: o.walCheckpointPages ?? d.walCheckpointPages,
  };
}

const KIB_PER_MIB = 1024;

/**
 * The page size of a store created here (SQLite page_size; a store keeps the
 * size it was made with). An article's row is a few kilobytes (its packed
 * text, record and token columns): SQLite keeps the first part of a row in its
 * leaf page and the rest in whole overflow pages, and in pages of 4 KiB that
 * first part averaged 2.9 KB, so most leaves held one row and about 1,000
 * bytes an article were empty room. In pages of 2 KiB, at 10,000 generated
 * articles: the articles table 6,801 → 6,220 bytes an article and the store
 * 21,558 → 21,071, a put as fast (docs/store-scale.md).
 */
export const NEW_STORE_PAGE_BYTES = 2048;

/** The largest store read into memory when it cannot be opened read-only in place. */
export const READONLY_COPY_MAX_BYTES = 512 * 1024 * 1024;

/** Header bytes 18–19: file format write/read versions (1 rollback journal, 2 WAL). */
const HEADER_FORMAT_OFFSETS = [18, 19];
const ROLLBACK_FORMAT = 1;
const BUSY_CODE = /^SQLITE_BUSY/;
/** What a read-only connection meets when it cannot create the -shm/-wal files. */
const CANNOT_SHARE_CODE = /^SQLITE_(READONLY|CANTOPEN)/;
const JITTER = 0.5;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

const sqliteCode = (err: unknown): string => (err instanceof Database.SqliteError ? err.code : "");
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function retryDelay(o: Required<ConnectionOptions>, attempt: number): number {
  return o.retryDelayMs * 2 ** attempt * (1 - JITTER + JITTER * Math.random());
}

function busyError(file: string, o: Required<ConnectionOptions>, err: unknown): StoreError {
  return new StoreError(`the store ${file} stayed busy (another process is writing) after ${o.retries + 1} attempts: ${message(err)}`);
}

/** The pause before the next attempt after `err`; rethrows what is not a busy store, or a busy store past the last attempt. */
function pauseAfter(file: string, o: Required<ConnectionOptions>, err: unknown, attempt: number): number {
  if (!BUSY_CODE.test(sqliteCode(err))) throw err;
  if (attempt >= o.retries) throw busyError(file, o, err);
  return retryDelay(o, attempt);
}

/** Run `fn`, again after a pause when the store is busy; for work that cannot wait asynchronously (opening). */
export function retryBusySync<T>(file: string, o: Required<ConnectionOptions>, fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      Atomics.wait(sleeper, 0, 0, pauseAfter(file, o, err, attempt));
    }
  }
}

/** Run `fn`, again after a pause when the store is busy. */
export async function retryBusy<T>(file: string, o: Required<ConnectionOptions>, fn: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      const pause = pauseAfter(file, o, err, attempt);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

function readonlySnapshot(file: string): Database.Database {
  const size = statSync(file).size;
  if (size > READONLY_COPY_MAX_BYTES) {
    throw new StoreError(`cannot read the store ${file} in place (its folder is not writable) and it is too large to read into memory: copy it to a writable folder`);
  }
  try {
    const bytes = readFileSync(file);
    for (const offset of HEADER_FORMAT_OFFSETS) bytes[offset] = ROLLBACK_FORMAT;
    return new Database(bytes, { readonly: true });
  } catch (err) {
    throw new StoreError(`cannot open the database ${file}: ${message(err)}`);
  }
}

/** Open a connection with the busy timeout set; writable ones in WAL mode. */
export function openConnection(file: string, o: Required<ConnectionOptions>): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: o.readonly, fileMustExist: o.readonly });
    db.pragma(`busy_timeout = ${o.busyTimeoutMs}`);
  } catch (err) {
    throw new StoreError(`cannot open the database ${file}: ${message(err)}`);
  }
  try {
    if (o.readonly) {
      db.prepare("SELECT COUNT(*) FROM sqlite_master").get();
    } else {
      // Only a store with no page yet takes it; it must come before WAL mode.
      db.pragma(`page_size = ${NEW_STORE_PAGE_BYTES}`);
      retryBusySync(file, o, () => db.pragma("journal_mode = WAL"));
      db.pragma("synchronous = NORMAL");
      db.pragma(`wal_autocheckpoint = ${o.walCheckpointPages}`);
    }
    // A negative cache_size is a size in KiB.
    db.pragma(`cache_size = -${Math.round(o.cacheMiB * KIB_PER_MIB)}`);
    return db;
  } catch (err) {
    db.close();
    if (o.readonly && CANNOT_SHARE_CODE.test(sqliteCode(err))) return readonlySnapshot(file);
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot open the database ${file}: ${message(err)}`);
  }
}

/** Close a connection; a writer first copies the WAL into the main file if no one else is reading it (it never waits). */
export function closeConnection(db: Database.Database): void {
  if (!db.open) return;
  if (!db.readonly && !db.memory) {
    try {
      db.pragma("busy_timeout = 0");
      db.pragma("wal_checkpoint(TRUNCATE)");
    } catch {
      // Another process holds the store: the last one to close checkpoints it.
    }
  }
  db.close();
}
