// `newsgraph stories`: the stories of the store, most recent first — title,
// languages, outlets, time span, reports (copies count with their original) —
// filtered by date and entity. With --json every story lists its articles
// (id, source, copy links), and every story is listed unless --limit says
// otherwise, so every stored article is in exactly one listed story.
import { openStore } from "../store/open.js";
import type { StorySummary } from "../store/store.js";
import { EXIT, UsageError, dateOption, dbOption, positiveInt, type CommandContext, type Register } from "./context.js";

const DEFAULT_LIMIT = 20;
/** The whole list, for --json without --limit. */
const ALL = -1;

export interface StoriesFlags {
  db: string;
  since?: string;
  entity?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

const UNDATED = "undated";

/** A story's time span: one date, first → last, or undated. */
export function span(s: Pick<StorySummary, "from" | "to">): string {
  if (!s.from || !s.to) return UNDATED;
  return s.from === s.to ? s.from : `${s.from} → ${s.to}`;
}

function formatStory(s: StorySummary, n: number): string {
  const copies = s.size - s.reports;
  const counts = `${s.reports} report${s.reports === 1 ? "" : "s"}${copies ? ` (+${copies} ${copies === 1 ? "copy" : "copies"})` : ""}`;
  const outlets = s.outlets.length ? ` · ${s.outlets.join(", ")}` : "";
  return `${n}. [${s.id}] ${s.title || "(no headline)"}\n   ${span(s)} · ${s.languages.join("+")} · ${counts}${outlets}\n`;
}

export async function storiesCommand(ctx: CommandContext, flags: StoriesFlags): Promise<number> {
  const offset = Number(flags.offset ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new UsageError(`--offset must be a whole number, not "${flags.offset}"`);
  const limit = flags.limit === undefined && flags.json ? ALL : positiveInt(flags.limit, "--limit", DEFAULT_LIMIT);
  const since = dateOption(flags.since, "--since");
  const store = await openStore(flags.db, { readonly: true });
  try {
    const list = await store.stories({ since, entity: flags.entity, limit, offset, withArticles: Boolean(flags.json) });
    if (flags.json) {
      ctx.out(JSON.stringify({ total: list.total, offset, unresolved: list.unresolved, stories: list.stories }) + "\n");
      return EXIT.ok;
    }
    if (list.unresolved.length) {
      ctx.out(`no entity is known by ${list.unresolved.map((u) => JSON.stringify(u)).join(", ")}\n`);
      return EXIT.ok;
    }
    if (!list.stories.length) {
      ctx.out("no story matches\n");
      return EXIT.ok;
    }
    list.stories.forEach((s, i) => ctx.out(formatStory(s, offset + i + 1)));
    const shown = offset + list.stories.length;
    if (shown < list.total) ctx.out(`… ${list.total - shown} more (--offset ${shown})\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerStories: Register = (program, ctx) => {
  program
    .command("stories")
    .description("list the stories of the store (articles of one event, across outlets and languages), most recent first")
    .addOption(dbOption())
    .option("--since <date>", "only stories with an article on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)")
    .option("--entity <name>", "only stories with an article that names this entity (any script or inflection, or an ISO code)")
    .option("--limit <n>", `largest number of stories (default ${DEFAULT_LIMIT}; with --json, all)`)
    .option("--offset <n>", "skip the first n stories (the next page)")
    .option("--json", "print the stories as JSON, each with its articles (id, source, copy links)", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph stories                          # the 20 most recent stories
  newsgraph stories --since 2023-09 --entity Erdogan
  newsgraph stories --entity Ερντογάν --limit 5
  newsgraph stories --json > stories.json    # every story with every article

An article joins a story as it is stored. Copies of one text (an agency wire
republished) count as one report; \`newsgraph story <id>\` shows a story in full.`,
    )
    .action(async (opts) => {
      ctx.code = await storiesCommand(ctx, opts);
    });
};
