// One PostgreSQL connection (or pool) seen the way the store's queries are
// written: SQL with `?` or `@name` parameters (as in the SQLite store, so the
// shared statements of filters.ts and the table modules read the same), run
// asynchronously. The text is translated once per statement and kept:
// parameters become $1…$n, camelCase names (column aliases) are quoted (PostgreSQL
// folds unquoted names to lower case), and SQLite's json_each(?) over a JSON
// list of ids becomes id_list(?), a function of the schema (migrations.ts).
// 64-bit integers and numerics are read as numbers (row ids and counts stay
// far below 2^53).
import pg from "pg";

/** Parameter markers and string literals (skipped), in one pass. */
const SQL_TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\?|@([A-Za-z_][A-Za-z0-9_]*)|\b([a-z]+[A-Z][A-Za-z0-9]*)\b|\bjson_each\(/g;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

pg.types.setTypeParser(INT8_OID, (v) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v) => Number(v));

export type Params = unknown[] | [Record<string, unknown>];

interface Translated {
  text: string;
  /** The names of @name parameters, in the order of $1…$n (empty for ? parameters). */
  names: string[];
}

const translations = new Map<string, Translated>();

/** The PostgreSQL text of a statement written with ? or @name parameters. */
export function translate(sql: string): Translated {
  let t = translations.get(sql);
  if (t) return t;
  const names: string[] = [];
  const positions = new Map<string, number>();
  let n = 0;
  const text = sql.replace(SQL_TOKEN, (m, name: string | undefined, camel: string | undefined) => {
    if (m === "?") return `$${++n}`;
    if (name !== undefined) {
      let at = positions.get(name);
      if (at === undefined) {
        names.push(name);
        positions.set(name, (at = names.length));
      }
      return `$${at}`;
    }
    if (camel !== undefined) return `"${camel}"`;
    if (m === "json_each(") return "id_list(";
    return m;
  });
  t = { text, names };
  translations.set(sql, t);
  return t;
}

/** The values of a statement's parameters, in order. */
function values(t: Translated, params: Params): unknown[] {
  const list = t.names.length ? t.names.map((k) => (params[0] as Record<string, unknown>)[k]) : (params as unknown[]);
  return list.map((v) => v ?? null);
}

/** A LIMIT value: SQLite's -1 (no limit) is PostgreSQL's NULL. */
export const limit = (n: number | undefined, fallback: number): number | null => {
  const v = n ?? fallback;
  return v < 0 ? null : v;
};

/** Something statements run on: the pool, or one client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

/** Statements on one connection, or on the pool (each statement on any free connection). */
export class Sql {
  constructor(readonly on: Queryable) {}

  async all<T>(sql: string, ...params: Params): Promise<T[]> {
    const t = translate(sql);
    return (await this.on.query({ text: t.text, values: values(t, params) })).rows as T[];
  }

  async get<T>(sql: string, ...params: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, ...params))[0];
  }

  /** Run a statement; the rows it affected. */
  async run(sql: string, ...params: Params): Promise<number> {
    const t = translate(sql);
    return (await this.on.query({ text: t.text, values: values(t, params) })).rowCount ?? 0;
  }

  /** Run statements separated by semicolons, without parameters. */
  async exec(sql: string): Promise<void> {
    await this.on.query(sql);
  }
}
