// `newsgraph stats`: the size of the store; with --check, whether it is sound.
import { openStore } from "../store/open.js";
import { EXIT, dbOption, type CommandContext, type Register } from "./context.js";

const INTEGRITY_OK = "ok";
const BYTES_PER_KB = 1024;

export async function statsCommand(ctx: CommandContext, flags: { db: string; json?: boolean; check?: boolean }): Promise<number> {
  const store = await openStore(flags.db, { readonly: true });
  try {
    const s = await store.stats();
    const integrity = flags.check ? await store.integrityCheck() : undefined;
    if (flags.json) ctx.out(JSON.stringify({ db: flags.db, ...s, ...(integrity === undefined ? {} : { integrity }) }) + "\n");
    else {
      const langs = Object.entries(s.byLang).map(([l, n]) => `${l} ${n}`).join(" · ");
      const size = s.articles ? ` · ${(s.bytesPerArticle / BYTES_PER_KB).toFixed(1)} KB per article` : "";
      ctx.out(`${flags.db}: ${s.articles} articles${langs ? ` (${langs})` : ""}${size} · schema version ${s.schemaVersion}\n`);
      if (integrity !== undefined) ctx.out(`integrity: ${integrity}\n`);
    }
    return integrity === undefined || integrity === INTEGRITY_OK ? EXIT.ok : EXIT.failure;
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
    .option("--check", "also check the store's integrity (exit 1 when it is not sound)", false)
    .addHelpText("after", "\nExamples:\n  newsgraph stats\n  newsgraph stats --db news.db --json\n  newsgraph stats --check")
    .action(async (opts) => {
      ctx.code = await statsCommand(ctx, opts);
    });
};
