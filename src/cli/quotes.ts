// `newsgraph quotes`: quotations across the stored articles — who said what,
// through whom — filtered by speaker, words of the quote and outlet (matched
// regardless of accents, case and inflection), language and date.
import { openStore } from "../store/open.js";
import type { StoredQuote } from "../store/store.js";
import { EXIT, dateOption, dbOption, listOptions, pageOptions, type CommandContext, type Register } from "./context.js";

const DEFAULT_LIMIT = 50;
const UNKNOWN_SPEAKER = "(unknown speaker)";
const NO_CUE = "—";

export interface QuotesFlags {
  db: string;
  speaker?: string;
  about?: string;
  via?: string;
  lang?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

function formatRow(r: StoredQuote, n: number): string {
  const marks = r.kind === "direct" ? ["«", "»"] : ["", ""];
  const source = [r.kind, r.role, r.via ? `via ${r.via}` : null, r.citing ? `citing ${r.citing}` : null, r.stance && r.polarity === "negative" ? "negative" : null]
    .filter(Boolean)
    .join(" · ");
  return `${n}. ${r.speaker ?? UNKNOWN_SPEAKER} — ${r.cue ?? NO_CUE} — ${marks[0]}${r.text}${marks[1]}\n   ${source}\n   ${r.articleId} · ${r.title || "(no headline)"}${r.published ? ` · ${r.published}` : ""}\n`;
}

export async function quotesCommand(ctx: CommandContext, flags: QuotesFlags): Promise<number> {
  const page = pageOptions(flags, DEFAULT_LIMIT);
  const query = { speaker: flags.speaker, about: flags.about, via: flags.via, lang: flags.lang, from: dateOption(flags.from, "--from"), to: dateOption(flags.to, "--to"), ...page };
  const store = await openStore(flags.db, { readonly: true });
  try {
    const { quotes, total } = await store.quotes(query);
    if (flags.json) {
      ctx.out(JSON.stringify({ speaker: flags.speaker ?? null, about: flags.about ?? null, via: flags.via ?? null, total, offset: page.offset, quotes }) + "\n");
      return EXIT.ok;
    }
    if (!quotes.length) {
      ctx.out("no quotation matches\n");
      return EXIT.ok;
    }
    quotes.forEach((r, i) => ctx.out(formatRow(r, page.offset + i + 1)));
    if (page.offset + quotes.length < total) ctx.out(`… ${total - page.offset - quotes.length} more (--offset ${page.offset + quotes.length})\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerQuotes: Register = (program, ctx) => {
  const cmd = program
    .command("quotes")
    .description("list the quotations of the stored articles: speaker — cue — quote; names match regardless of accents, case and inflection")
    .addOption(dbOption())
    .option("--speaker <name>", "only quotations by this speaker (every word must match)")
    .option("--about <term>", "only quotations whose words include these")
    .option("--via <outlet>", "only quotations reported through this outlet or agency");
  listOptions(cmd, "quotations", DEFAULT_LIMIT, { lang: true, dates: true })
    .option("--json", "print the quotations as JSON", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph quotes --speaker ριαμπκοφ          # finds «Σεργκέι Ριαμπκόφ», «του Ριαμπκόφ»
  newsgraph quotes --about drones --limit 5
  newsgraph quotes --speaker Erdogan --json
  newsgraph quotes --via Reuters --lang en --from 2023-09 --to 2023-10-15
  newsgraph quotes --about drones --offset 50  # the next page`,
    )
    .action(async (opts) => {
      ctx.code = await quotesCommand(ctx, opts);
    });
};
