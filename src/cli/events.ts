// `newsgraph events`: who did what to whom across the stored articles,
// filtered by actor, target, asserting entity, event type and date.
import { openStore } from "../store/open.js";
import { EXIT, dateOption, dbOption, listOptions, pageOptions, type CommandContext, type Register } from "./context.js";
import { formatEvent } from "./entity.js";

const DEFAULT_LIMIT = 50;

export interface EventsFlags {
  db: string;
  actor?: string;
  target?: string;
  assertedBy?: string;
  type?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

export async function eventsCommand(ctx: CommandContext, flags: EventsFlags): Promise<number> {
  const page = pageOptions(flags, DEFAULT_LIMIT);
  const query = { actor: flags.actor, target: flags.target, assertedBy: flags.assertedBy, type: flags.type, from: dateOption(flags.from, "--from"), to: dateOption(flags.to, "--to"), ...page };
  const store = await openStore(flags.db, { readonly: true });
  try {
    const { events, total, unresolved } = await store.events(query);
    if (flags.json) {
      const echo = { actor: flags.actor ?? null, target: flags.target ?? null, type: flags.type ?? null, assertedBy: flags.assertedBy ?? null };
      ctx.out(JSON.stringify({ query: echo, total, offset: page.offset, unresolved, events }) + "\n");
      return EXIT.ok;
    }
    if (unresolved.length) {
      ctx.out(`no entity matches ${unresolved.map((u) => JSON.stringify(u)).join(", ")}\n`);
      return EXIT.ok;
    }
    if (!events.length) {
      ctx.out("no event matches\n");
      return EXIT.ok;
    }
    for (const e of events) ctx.out(`${e.published?.slice(0, 10) ?? "undated"}  ${formatEvent(e)}\n`);
    if (page.offset + events.length < total) ctx.out(`… ${total - page.offset - events.length} more (--offset ${page.offset + events.length})\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerEvents: Register = (program, ctx) => {
  const cmd = program
    .command("events")
    .description("who did what to whom in the stored articles, with time and who asserts it")
    .addOption(dbOption())
    .option("--actor <name>", "events whose actor is this entity (any script or inflection)")
    .option("--target <name>", "events whose target is this entity")
    .option("--asserted-by <name>", "events asserted by this entity (a speaker), not by the article itself")
    .option("--type <type>", "one event type: COOPERATE, TRANSFER, COERCE, DEMAND, ATTACK, INVADE, DENY, ADMIT …");
  listOptions(cmd, "events", DEFAULT_LIMIT, { dates: true })
    .option("--json", "print the events as JSON", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph events --actor Ιράν --target Russia     # drones sent, sold, transferred …
  newsgraph events --type DENY --json
  newsgraph events --actor "United States" --limit 10
  newsgraph events --asserted-by Ryabkov --from 2023-09-01 --to 2023-09-30
  newsgraph events --type TRANSFER --offset 50     # the next page`,
    )
    .action(async (opts) => {
      ctx.code = await eventsCommand(ctx, opts);
    });
};
