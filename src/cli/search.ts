// `newsgraph search`: ranked hits with highlighted snippets.
import { SqliteStore } from "../store/sqlite.js";
import { EXIT, dbOption, highlight, positiveInt, type CommandContext, type Register } from "./context.js";

export interface SearchFlags {
  db: string;
  limit?: string;
  json?: boolean;
}

export async function searchCommand(ctx: CommandContext, query: string, flags: SearchFlags): Promise<number> {
  const limit = positiveInt(flags.limit, "--limit", 10);
  const store = new SqliteStore(flags.db, { readonly: true });
  try {
    const hits = store.search(query, { limit });
    if (flags.json) {
      ctx.out(JSON.stringify({ query, hits }) + "\n");
      return EXIT.ok;
    }
    if (!hits.length) {
      ctx.out(`no article matches ${JSON.stringify(query)}\n`);
      return EXIT.ok;
    }
    hits.forEach((h, i) => {
      const date = h.published ? ` · ${h.published}` : "";
      ctx.out(`${i + 1}. ${h.title || "(no headline)"}\n   ${h.id} · ${h.lang}${date} · score ${h.score}\n   ${highlight(h.snippet, h.highlights, ctx.isTTY)}\n`);
    });
    return EXIT.ok;
  } finally {
    store.close();
  }
}

export const registerSearch: Register = (program, ctx) => {
  program
    .command("search")
    .description("search the stored articles; matches regardless of accents, case and inflection")
    .argument("<query...>", 'words (all must match), "a phrase", OR, -excluded')
    .addOption(dbOption())
    .option("--limit <n>", "largest number of hits", "10")
    .option("--json", "print the hits as JSON", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph search ρωσια                       # finds «Ρωσία», «της Ρωσίας», «ΡΩΣΙΑ»
  newsgraph search '"στρατιωτική συνεργασία"'  # a phrase
  newsgraph search drone Ιράν --limit 5 --json`,
    )
    .action(async (query: string[], opts) => {
      ctx.code = await searchCommand(ctx, query.join(" "), opts);
    });
};
