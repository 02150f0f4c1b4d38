// Raw access to the tables of a PostgreSQL store, for copying a whole store
// (transfer.ts): columns from the catalogue, rows read through a cursor,
// rows written many to a statement. What this back end derives is derived
// here: the tsvector of the index's key strings, the search keys of a
// quotation's outlet, words and speaker; records kept as JSON text by older SQLite stores become
// bytes. After the copy, the identity sequences continue after the ids copied.
import type pg from "pg";
import { valueKeys } from "../filters.js";
import type { Row, TableAccess } from "../table-access.js";
import { tsvectorLiteral } from "./search.js";
import { Sql } from "./sql.js";

const NAME = /^[a-z_]+$/u;
/** PostgreSQL's limit of parameters in one statement, with room to spare. */
const MAX_PARAMETERS = 60000;
/** Identity columns: their sequences are moved past the ids copied. */
const IDENTITIES: [string, string][] = [["articles", "rowid"], ["entities", "id"], ["stories", "id"], ["sources", "id"]];

function checked(table: string): string {
  if (!NAME.test(table)) throw new Error(`not a table name: ${table}`);
  return table;
}

/** Columns the store derives from others as it writes: they are not read from a copy. */
const DERIVED: Record<string, Record<string, (row: Row) => unknown>> = {
  articles_fts: { tsv: (r) => tsvectorLiteral(String(r.title ?? ""), String(r.body ?? "")) },
  quotes: {
    via_keys: (r) => valueKeys(r.via),
    text_keys: (r) => valueKeys(r.text),
    speaker_keys: (r) => valueKeys(r.speaker),
  },
};

const BYTES: Record<string, string[]> = { articles: ["record"] };

export function pgTables(pool: pg.Pool): TableAccess {
  const sql = new Sql(pool);
  return {
    async columns(table) {
      const rows = await sql.all<{ name: string }>(
        "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
        table,
      );
      return rows.map((r) => r.name).filter((c) => !(c in (DERIVED[table] ?? {})));
    },
    async count(table) {
      return (await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${checked(table)}`))!.n;
    },
    async *read(table, columns, chunk) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(`DECLARE rows NO SCROLL CURSOR FOR SELECT ${columns.join(", ")} FROM ${checked(table)}`);
        for (;;) {
          const { rows } = await client.query(`FETCH ${Number(chunk)} FROM rows`);
          if (!rows.length) break;
          yield rows as Row[];
        }
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    },
    async write(table, columns, rows) {
      const derived = Object.entries(DERIVED[table] ?? {});
      const all = [...columns, ...derived.map(([c]) => c)];
      const bytes = new Set(BYTES[table] ?? []);
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / all.length));
      for (let i = 0; i < rows.length; i += perStatement) {
        const part = rows.slice(i, i + perStatement);
        const tuple = `(${all.map((c) => (c === "tsv" ? "?::tsvector" : "?")).join(", ")})`;
        const params = part.flatMap((r) => [
          ...columns.map((c) => (bytes.has(c) && typeof r[c] === "string" ? Buffer.from(r[c] as string) : r[c])),
          ...derived.map(([, f]) => f(r)),
        ]);
        await sql.run(`INSERT INTO ${checked(table)} (${all.join(", ")}) VALUES ${part.map(() => tuple).join(", ")}`, ...params);
      }
    },
    async finish() {
      for (const [table, column] of IDENTITIES) {
        await sql.run(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE(MAX(${column}), 0) + 1, false) FROM ${table}`);
      }
    },
  };
}
