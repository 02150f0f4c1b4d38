// Raw access to the tables of a SQLite store, for copying a whole store
// (transfer.ts, table-access.ts): columns from the schema, rows read in chunks, rows written
// in one transaction per chunk. The full-text index is read and written with
// its rowid and key strings.
import type Database from "better-sqlite3";
import type { Row, TableAccess } from "./table-access.js";

const FTS_TABLE = "articles_fts";
const NAME = /^[a-z_]+$/u;

function checked(table: string): string {
  if (!NAME.test(table)) throw new Error(`not a table name: ${table}`);
  return table;
}

export function sqliteTables(db: Database.Database): TableAccess {
  return {
    async columns(table) {
      const names = (db.prepare(`PRAGMA table_info(${checked(table)})`).all() as { name: string }[]).map((c) => c.name);
      return table === FTS_TABLE && names.length ? ["rowid", ...names] : names;
    },
    async count(table) {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${checked(table)}`).get() as { n: number }).n;
    },
    async *read(table, columns, chunk) {
      let rows: Row[] = [];
      for (const row of db.prepare(`SELECT ${columns.join(", ")} FROM ${checked(table)}`).iterate() as Iterable<Row>) {
        rows.push(row);
        if (rows.length >= chunk) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length) yield rows;
    },
    async write(table, columns, rows) {
      const insert = db.prepare(`INSERT INTO ${checked(table)} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`);
      db.transaction(() => {
        for (const row of rows) insert.run(row);
      })();
    },
    async finish() {},
  };
}
