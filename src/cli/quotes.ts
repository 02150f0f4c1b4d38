// `newsgraph quotes`: quotations across the stored articles — who said what,
// through whom — filtered by speaker and by words of the quote, both matched
// regardless of accents, case and inflection.
import { SqliteStore } from "../store/sqlite.js";
import { queryQuotes, type QuoteRow } from "../store/quotes-table.js";
import { EXIT, dbOption, positiveInt, type CommandContext, type Register } from "./context.js";

const DEFAULT_LIMIT = 50;
const UNKNOWN_SPEAKER = "(unknown speaker)";
const NO_CUE = "—";

export interface QuotesFlags {
  db: string;
  speaker?: string;
  about?: string;
  limit?: string;
  json?: boolean;
}

function formatRow(r: QuoteRow, n: number): string {
  const marks = r.kind === "direct" ? ["«", "»"] : ["", ""];
  const source = [r.kind, r.role, r.via ? `via ${r.via}` : null, r.citing ? `citing ${r.citing}` : null, r.stance && r.polarity === "negative" ? "negative" : null]
    .filter(Boolean)
    .join(" · ");
  return `${n}. ${r.speaker ?? UNKNOWN_SPEAKER} — ${r.cue ?? NO_CUE} — ${marks[0]}${r.text}${marks[1]}\n   ${source}\n   ${r.articleId} · ${r.title || "(no headline)"}${r.published ? ` · ${r.published}` : ""}\n`;
}

export async function quotesCommand(ctx: CommandContext, flags: QuotesFlags): Promise<number> {
  const limit = positiveInt(flags.limit, "--limit", DEFAULT_LIMIT);
  const store = new SqliteStore(flags.db, { readonly: true });
  try {
    const rows = queryQuotes(store.connection, { speaker: flags.speaker, about: flags.about, limit });
    if (flags.json) {
      ctx.out(JSON.stringify({ speaker: flags.speaker ?? null, about: flags.about ?? null, quotes: rows }) + "\n");
      return EXIT.ok;
    }
    if (!rows.length) {
      ctx.out("no quotation matches\n");
      return EXIT.ok;
    }
    rows.forEach((r, i) => ctx.out(formatRow(r, i + 1)));
    return EXIT.ok;
  } finally {
    store.close();
  }
}

export const registerQuotes: Register = (program, ctx) => {
  program
    .command("quotes")
    .description("list the quotations of the stored articles: speaker — cue — quote; names match regardless of accents, case and inflection")
    .addOption(dbOption())
    .option("--speaker <name>", "only quotations by this speaker (every word must match)")
    .option("--about <term>", "only quotations whose words include these")
    .option("--limit <n>", "largest number of quotations", String(DEFAULT_LIMIT))
    .option("--json", "print the quotations as JSON", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph quotes --speaker ριαμπκοφ          # finds «Σεργκέι Ριαμπκόφ», «του Ριαμπκόφ»
  newsgraph quotes --about drones --limit 5
  newsgraph quotes --speaker Erdogan --json`,
    )
    .action(async (opts) => {
      ctx.code = await quotesCommand(ctx, opts);
    });
};
