// Raw access to the tables of a SQLite store, for copying a whole store
// (transfer.ts, table-access.ts): columns from the schema, rows read in chunks, rows written
// in one transaction per chunk. Rows cross in the form every back end shares:
// an article's text plain (packed here as the store keeps it), and the full-text
// index as its rowid and key strings, derived again from each article's record
// (the index keeps no copy of them), a dated row's date as its article's
// date text (the store keeps an order key made from it), and an entity link's
// local id written out (the store keeps OWN_KEY for its entity's key).
import type Database from "better-sqlite3";
import { fromRecord } from "../doc/record.js";
import { articleKeys, packText, recordOf, unpackText, type StoredRecord } from "./article-row.js";
import { DATE_COLUMN, DATED_TABLES, dateOrder, dateTextSql } from "./layer-table.js";
import { LINKS_OWN_KEY, LOCAL_ID_WRITTEN_OUT } from "./entities-table.js";
import { spanColumns } from "./span-text.js";
import { rebuildLookupKeys } from "./stories-table.js";
import type { Row, TableAccess } from "./table-access.js";

const ARTICLES_TABLE = "articles";
const FTS_TABLE = "articles_fts";
const NAME = /^[a-z_]+$/u;
const LINKS_TABLE = "entity_links";
const LOCAL_ID = "local_id";

function checked(table: string): string {
  if (!NAME.test(table)) throw new Error(`not a table name: ${table}`);
  return table;
}

/** Rows in chunks of at most `chunk`. */
function* chunked(rows: Iterable<Row>, chunk: number): Iterable<Row[]> {
  let out: Row[] = [];
  for (const row of rows) {
    out.push(row);
    if (out.length >= chunk) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

/** The index rows (rowid, title and body keys) of every indexed article. */
function* indexRows(db: Database.Database): Iterable<Row> {
  const rows = db.prepare(`SELECT rowid, record, text, tokens FROM ${ARTICLES_TABLE} WHERE rowid IN (SELECT rowid FROM ${FTS_TABLE}) ORDER BY rowid`);
  for (const row of rows.iterate() as Iterable<StoredRecord & { rowid: number; text: Buffer }>) {
    const keys = articleKeys(fromRecord(recordOf({ ...row, text: unpackText(row.text) })));
    yield { rowid: row.rowid, title: keys.title, body: keys.body };
  }
}

/** Rows of a table as they cross between back ends. */
function* tableRows(db: Database.Database, table: string, columns: string[]): Iterable<Row> {
  if (table === FTS_TABLE) {
    yield* indexRows(db);
    return;
  }
  const read = spanColumns(table, columns).map((c) => {
    if (c === DATE_COLUMN && DATED_TABLES.has(table)) return dateTextSql(table);
    return table === LINKS_TABLE && c === LOCAL_ID ? `${LOCAL_ID_WRITTEN_OUT} AS ${LOCAL_ID}` : c;
  });
  for (const row of db.prepare(`SELECT ${read.join(", ")} FROM ${checked(table)}`).iterate() as Iterable<Row>) {
    yield table === ARTICLES_TABLE && Buffer.isBuffer(row.text) ? { ...row, text: unpackText(row.text) } : row;
  }
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
      yield* chunked(tableRows(db, table, columns), chunk);
    },
    async write(table, columns, rows) {
      const insert = db.prepare(`INSERT INTO ${checked(table)} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`);
      const dated = DATED_TABLES.has(table) && columns.includes(DATE_COLUMN);
      const stored = (row: Row): Row => {
        if (table === ARTICLES_TABLE && typeof row.text === "string") return { ...row, text: packText(row.text, String(row.lang)) };
        return dated ? { ...row, [DATE_COLUMN]: dateOrder(row[DATE_COLUMN]) } : row;
      };
      db.transaction(() => {
        for (const row of rows) insert.run(stored(row));
      })();
    },
    async finish() {
      // Rows copied from a back end that keeps no lookup keys in a story's row, nor OWN_KEY in links.
      rebuildLookupKeys(db);
      db.exec(LINKS_OWN_KEY);
    },
  };
}
