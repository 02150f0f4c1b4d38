// `newsgraph search`: ranked hits with highlighted snippets, filtered by
// language, site and publication date, with the number of hits by language and site.
// A word with a leading - excludes it (`search drones -russia`); such words
// are told apart from options before commander reads them.
import { Command } from "commander";
import { openStore } from "../store/open.js";
import { QUERY_DEFAULTS } from "../store/search-text.js";
import { DEFAULT_SEARCH_NEWEST } from "../store/search-window.js";
import { EXIT, UsageError, dateOption, dbOption, highlight, listOptions, pageOptions, type CommandContext, type Register } from "./context.js";

const DEFAULT_LIMIT = 10;
const END_OF_OPTIONS = "--";
/** --newest all: rank and count every matching article. */
const ALL = "all";
/** A single dash and at least two characters: no option of `search` looks like that, so it is an excluded word. */
const EXCLUDED_WORD = /^-[^-]./su;

/** The arguments with excluded words (-word) moved after "--", where they are query words; option values stay with their options. */
export function excludedWordsLast(cmd: Command, args: string[]): string[] {
  const kept: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === END_OF_OPTIONS) return [...kept, END_OF_OPTIONS, ...words, ...args.slice(i + 1)];
    const option = cmd.options.find((o) => o.long === arg || o.short === arg);
    if (option) {
      kept.push(arg);
      if (option.required && i + 1 < args.length) kept.push(args[++i]);
    } else if (EXCLUDED_WORD.test(arg)) words.push(arg);
    else kept.push(arg);
  }
  return words.length ? [...kept, END_OF_OPTIONS, ...words] : kept;
}

/** The search command, reading `-word` arguments as excluded words rather than unknown options. */
class SearchCommand extends Command {
  override parseOptions(args: string[]) {
    return super.parseOptions(excludedWordsLast(this, args));
  }
}

export interface SearchFlags {
  db: string;
  limit?: string;
  offset?: string;
  lang?: string;
  site?: string;
  from?: string;
  to?: string;
  newest?: string;
  json?: boolean;
}

/** --newest: a positive whole number, or "all". */
function newestOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === ALL) return Infinity;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--newest must be a positive whole number or "all", not "${value}"`);
  return n;
}

export async function searchCommand(ctx: CommandContext, query: string, flags: SearchFlags): Promise<number> {
  const page = pageOptions(flags, DEFAULT_LIMIT);
  const options = { lang: flags.lang, site: flags.site, from: dateOption(flags.from, "--from"), to: dateOption(flags.to, "--to"), newest: newestOption(flags.newest), ...page };
  const store = await openStore(flags.db, { readonly: true });
  try {
    const { hits, total, totalExact, facets } = await store.search(query, options);
    if (flags.json) {
      ctx.out(JSON.stringify({ query, total, totalExact, offset: page.offset, facets, hits }) + "\n");
      return EXIT.ok;
    }
    if (!hits.length) {
      ctx.out(`no article matches ${JSON.stringify(query)}\n`);
      return EXIT.ok;
    }
    hits.forEach((h, i) => {
      const n = page.offset + i + 1;
      const date = h.published ? ` · ${h.published}` : "";
      const also = h.copies.length ? `   also published by: ${h.copies.map((c) => c.site ?? c.source ?? c.id).join(", ")}\n` : "";
      ctx.out(`${n}. ${h.title || "(no headline)"}\n   ${h.id} · ${h.lang}${date} · score ${h.score}\n   ${highlight(h.snippet, h.highlights, ctx.isTTY)}\n${also}`);
    });
    const rest = total - page.offset - hits.length;
    if (rest > 0) ctx.out(`… ${rest} more (--offset ${page.offset + hits.length})\n`);
    if (!totalExact) ctx.out(`(more articles match: the ${options.newest ?? DEFAULT_SEARCH_NEWEST} most recently stored of them are ranked and counted; --newest all takes them all)\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerSearch: Register = (program, ctx) => {
  const cmd = new SearchCommand("search").copyInheritedSettings(program);
  program.addCommand(cmd);
  cmd
    .description("search the stored articles; matches regardless of accents, case and inflection")
    .argument("<query...>", 'words (all must match), "a phrase", OR, NOT, -excluded')
    .addOption(dbOption());
  listOptions(cmd, "hits", DEFAULT_LIMIT, { lang: true, dates: true })
    .option("--site <name>", "only articles of this site")
    .option("--newest <n>", `rank and count only the n most recently stored matching articles ("all": every one)`, String(DEFAULT_SEARCH_NEWEST))
    .option("--json", "print the hits as JSON, with the total and the number of hits by language and site", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph search ρωσια                       # finds «Ρωσία», «της Ρωσίας», «ΡΩΣΙΑ»
  newsgraph search '"στρατιωτική συνεργασία"'  # a phrase
  newsgraph search drone Ιράν --limit 5 --json
  newsgraph search drone --lang en --from 2023-09 --to 2023-09-30
  newsgraph search κύπρος --offset 10          # the next page
  newsgraph search drones -russia              # drones, not russia: -word excludes a word
  newsgraph search --lang en -- drones -x      # after --, every argument is a query word

Words are ANDed; "a phrase" keeps its words in order; OR between words gives
either; -word (or NOT word) leaves out articles with that word. A query of only
excluded words is refused. A one-letter -x looks like an option: put the query
after --. Repeated words count once; at most ${QUERY_DEFAULTS.maxTerms} words.

A search ranks and counts the ${DEFAULT_SEARCH_NEWEST} most recently stored articles that
match (--newest), so it answers as fast in a large store as in a small one; when
more match, it says so and the total is a lower bound.`,
    )
    .action(async (query: string[], opts) => {
      ctx.code = await searchCommand(ctx, query.join(" "), opts);
    });
};
