// `newsgraph migrate --from <store> --to <store>`: copies a whole store into a
// new one of another back end (SQLite ⇄ PostgreSQL), records, layers,
// registry, stories, copies and sources alike, without analysing anything
// again (store/transfer.ts); progress by table on standard error.
import { transferStore } from "../store/transfer.js";
import { EXIT, UsageError, type CommandContext, type Register } from "./context.js";

const PROGRESS_EVERY_MS = 250;

export async function migrateCommand(ctx: CommandContext, flags: { from?: string; to?: string; json?: boolean }): Promise<number> {
  if (!flags.from || !flags.to) throw new UsageError("migrate needs --from <store> and --to <store>");
  let shownAt = 0;
  const result = await transferStore(flags.from, flags.to, {
    onProgress(table, done, total) {
      const finished = done === total;
      const now = Date.now();
      if (!finished && (!ctx.isTTY || now - shownAt < PROGRESS_EVERY_MS)) return;
      shownAt = now;
      if (finished && !total) return;
      ctx.err(`${ctx.isTTY ? "\r" : ""}${table}: ${done}/${total} rows${finished ? "\n" : ""}`);
    },
  });
  if (flags.json) ctx.out(JSON.stringify({ from: flags.from, to: flags.to, ...result }) + "\n");
  else ctx.out(`copied ${result.articles} articles (${Object.values(result.rows).reduce((a, b) => a + b, 0)} rows) from ${flags.from} to ${flags.to}\n`);
  return EXIT.ok;
}

export const registerMigrate: Register = (program, ctx) => {
  program
    .command("migrate")
    .description("copy a store into a new one: SQLite to PostgreSQL, or back")
    .option("--from <store>", "the store to copy: a SQLite file or a postgres:// address")
    .option("--to <store>", "the new store (it must be empty): a SQLite file or a postgres:// address")
    .option("--json", "print the rows copied per table as JSON", false)
    .addHelpText(
      "after",
      "\nExamples:\n  newsgraph migrate --from newsgraph.db --to postgres://news@db.example.org/news\n  newsgraph migrate --from postgres://news@localhost/news --to copy.db",
    )
    .action(async (opts) => {
      ctx.code = await migrateCommand(ctx, opts);
    });
};
