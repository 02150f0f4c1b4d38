// `newsgraph show`: one stored article, as a digest or its full record.
import { fromRecord } from "../doc/record.js";
import { openStore } from "../store/open.js";
import { EXIT, dbOption, type CommandContext, type Register } from "./context.js";
import { formatDigest } from "./digest.js";

export interface ShowFlags {
  db: string;
  json?: boolean;
}

export async function showCommand(ctx: CommandContext, id: string, flags: ShowFlags): Promise<number> {
  const store = await openStore(flags.db, { readonly: true });
  try {
    const record = await store.get(id);
    if (!record) {
      ctx.err(`newsgraph: no article with id ${id} in ${flags.db}\n`);
      return EXIT.failure;
    }
    ctx.out(flags.json ? JSON.stringify(record) + "\n" : formatDigest(fromRecord(record)));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerShow: Register = (program, ctx) => {
  program
    .command("show")
    .description("print a stored article by id (a unique prefix is enough)")
    .argument("<id>", "article id, as printed by ingest and search")
    .addOption(dbOption())
    .option("--json", "print the full record", false)
    .addHelpText("after", "\nExamples:\n  newsgraph show 3f2a9c\n  newsgraph show 3f2a9c10b7e4d215 --json")
    .action(async (id: string, opts) => {
      ctx.code = await showCommand(ctx, id, opts);
    });
};
