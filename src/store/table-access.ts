// Raw access to the tables of a store, for copying a whole store into another
// back end (transfer.ts); each back end gives its own (sqlite-tables.ts,
// postgres/tables.ts).
export type Row = Record<string, unknown>;

export interface TableAccess {
  /** The columns of a table (empty when the store has none such). */
  columns(table: string): Promise<string[]>;
  count(table: string): Promise<number>;
  /** The rows, in chunks of at most `chunk`. */
  read(table: string, columns: string[], chunk: number): AsyncIterable<Row[]>;
  write(table: string, columns: string[], rows: Row[]): Promise<void>;
  /** After the last table: what the back end needs for the ids given (PostgreSQL's identity sequences). */
  finish(): Promise<void>;
}

/** A store whose tables can be copied. */
export interface Transferable {
  tableAccess(): TableAccess;
}
