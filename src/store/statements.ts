// Prepared statements, prepared once per connection and SQL text: preparing
// costs more than running the small statements an ingest issues per article.
// Pages of query results are read through rows(): the statement's raw arrays
// made into objects here, which costs a quarter less than better-sqlite3's own
// row objects (a page of 50 quotations, 16 columns: 0.22 → 0.16 ms).
// A LIMIT bound as a parameter is prepared as an expression (`LIMIT +?`):
// SQLite's planner reads a bare bound LIMIT, which makes every run with a new
// binding cost what preparing the statement again costs (a speaker's page of
// quotations 54 → 27 µs, a story key's lookup during ingest 12 → 9 µs), while
// the expression leaves the plan as it was.
import type Database from "better-sqlite3";

/** A LIMIT whose count is a bound parameter (`?`, `?2`, `@name`, `:name`, `$name`), not already an expression. */
const BARE_BOUND_LIMIT = /\bLIMIT\s+(\?\d*|[@:$][A-Za-z_]\w*)/gi;

/** The statement text SQLite is given: a bound LIMIT made an expression its planner does not read. */
export const preparedText = (sql: string): string => sql.replace(BARE_BOUND_LIMIT, "LIMIT +$1");

type PerConnection<T> = WeakMap<Database.Database, Map<string, T>>;

/** What `make` makes of this connection and SQL text, made once (`make` is a module function: stmt() runs for every statement of a write, so no closure per call). */
function once<T>(cache: PerConnection<T>, db: Database.Database, sql: string, make: (db: Database.Database, sql: string) => T): T {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let made = byText.get(sql);
  if (made === undefined) {
    made = make(db, sql);
    byText.set(sql, made);
  }
  return made;
}

const statements: PerConnection<Database.Statement> = new WeakMap();
const prepare = (db: Database.Database, sql: string): Database.Statement => db.prepare(preparedText(sql));

export function stmt(db: Database.Database, sql: string): Database.Statement {
  return once(statements, db, sql, prepare);
}

/** A query's rows as objects keyed by column name, as `Statement.all` gives them. */
export interface Rows {
  all(...params: unknown[]): unknown[];
}

const readers: PerConnection<Rows> = new WeakMap();

function reader(db: Database.Database, sql: string): Rows {
  const s = db.prepare(preparedText(sql)).raw(true);
  const names = s.columns().map((c) => c.name);
  // A later column of the same name wins, as in better-sqlite3's objects.
  const object = (values: unknown[]) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) o[names[i]] = values[i];
    return o;
  };
  return { all: (...params: unknown[]) => (s.all(...params) as unknown[][]).map(object) };
}

/** The rows of a query (one that returns data), prepared once per connection and SQL text. */
export function rows(db: Database.Database, sql: string): Rows {
  return once(readers, db, sql, reader);
}
