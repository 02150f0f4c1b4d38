// `newsgraph search`: ranked hits with highlighted snippets, filtered by
// language, site and publication date, with the number of hits by language and site.
import { openStore } from "../store/open.js";
import { EXIT, dateOption, dbOption, highlight, listOptions, pageOptions, type CommandContext, type Register } from "./context.js";

const DEFAULT_LIMIT = 10;

export interface SearchFlags {
  db: string;
  limit?: string;
  offset?: string;
  lang?: string;
  site?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

export async function searchCommand(ctx: CommandContext, query: string, flags: SearchFlags): Promise<number> {
  const page = pageOptions(flags, DEFAULT_LIMIT);
  const options = { lang: flags.lang, site: flags.site, from: dateOption(flags.from, "--from"), to: dateOption(flags.to, "--to"), ...page };
  const store = await openStore(flags.db, { readonly: true });
  try {
    const { hits, total, facets } = await store.search(query, options);
    if (flags.json) {
      ctx.out(JSON.stringify({ query, total, offset: page.offset, facets, hits }) + "\n");
      return EXIT.ok;
    }
    if (!hits.length) {
      ctx.out(`no article matches ${JSON.stringify(query)}\n`);
      return EXIT.ok;
    }
    hits.forEach((h, i) => {
      const n = page.offset + i + 1;
      const date = h.published ? ` · ${h.published}` : "";
      ctx.out(`${n}. ${h.title || "(no headline)"}\n   ${h.id} · ${h.lang}${date} · score ${h.score}\n   ${highlight(h.snippet, h.highlights, ctx.isTTY)}\n`);
    });
    if (page.offset + hits.length < total) ctx.out(`… ${total - page.offset - hits.length} more (--offset ${page.offset + hits.length})\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerSearch: Register = (program, ctx) => {
  const cmd = program
    .command("search")
    .description("search the stored articles; matches regardless of accents, case and inflection")
    .argument("<query...>", 'words (all must match), "a phrase", OR, -excluded')
    .addOption(dbOption());
  listOptions(cmd, "hits", DEFAULT_LIMIT, { lang: true, dates: true })
    .option("--site <name>", "only articles of this site")
    .option("--json", "print the hits as JSON, with the total and the number of hits by language and site", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph search ρωσια                       # finds «Ρωσία», «της Ρωσίας», «ΡΩΣΙΑ»
  newsgraph search '"στρατιωτική συνεργασία"'  # a phrase
  newsgraph search drone Ιράν --limit 5 --json
  newsgraph search drone --lang en --from 2023-09 --to 2023-09-30
  newsgraph search κύπρος --offset 10          # the next page`,
    )
    .action(async (query: string[], opts) => {
      ctx.code = await searchCommand(ctx, query.join(" "), opts);
    });
};
