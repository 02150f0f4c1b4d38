// A SQLite store file as an older version of the schema left it: the
// migrations up to `version` applied and recorded, for tests that write rows
// the way that version did and then open the store to migrate them.
import Database from "better-sqlite3";
import { MIGRATIONS, registerMigrationFunctions } from "../store/migrations.js";

export function databaseAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file);
  registerMigrationFunctions(db);
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) db.exec(m.sql);
  db.pragma(`user_version = ${version}`);
  return db;
}
