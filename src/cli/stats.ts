// `newsgraph stats`: the size of the store.
import { openStore } from "../store/open.js";
import { EXIT, dbOption, type CommandContext, type Register } from "./context.js";

const BYTES_PER_KB = 1024;

export async function statsCommand(ctx: CommandContext, flags: { db: string; json?: boolean }): Promise<number> {
  const store = await openStore(flags.db, { readonly: true });
  try {
    const s = await store.stats();
    if (flags.json) ctx.out(JSON.stringify({ db: flags.db, ...s }) + "\n");
    else {
      const langs = Object.entries(s.byLang).map(([l, n]) => `${l} ${n}`).join(" · ");
      const size = s.articles ? ` · ${(s.bytesPerArticle / BYTES_PER_KB).toFixed(1)} KB per article` : "";
      ctx.out(`${flags.db}: ${s.articles} articles${langs ? ` (${langs})` : ""}${size} · schema version ${s.schemaVersion}\n`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerStats: Register = (program, ctx) => {
  program
    .command("stats")
    .description("how many articles the store holds, by language")
    .addOption(dbOption())
    .option("--json", "print as JSON", false)
    .addHelpText("after", "\nExamples:\n  newsgraph stats\n  newsgraph stats --db news.db --json")
    .action(async (opts) => {
      ctx.code = await statsCommand(ctx, opts);
    });
};
