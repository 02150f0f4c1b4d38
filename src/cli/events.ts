// `newsgraph events`: who did what to whom across the stored articles,
// filtered by actor, target and event type.
import { findEntities } from "../store/entities-table.js";
import { queryEvents, type EventQuery } from "../store/events-table.js";
import { SqliteStore } from "../store/sqlite.js";
import { EXIT, dbOption, positiveInt, type CommandContext, type Register } from "./context.js";
import { formatEvent } from "./entity.js";

const DEFAULT_LIMIT = 50;

export interface EventsFlags {
  db: string;
  actor?: string;
  target?: string;
  type?: string;
  limit?: string;
  json?: boolean;
}

export async function eventsCommand(ctx: CommandContext, flags: EventsFlags): Promise<number> {
  const limit = positiveInt(flags.limit, "--limit", DEFAULT_LIMIT);
  const store = new SqliteStore(flags.db, { readonly: true });
  try {
    const db = store.connection;
    const query: EventQuery = { limit };
    const unknown: string[] = [];
    for (const [flag, name] of [["actors", flags.actor], ["targets", flags.target]] as const) {
      if (!name) continue;
      const ids = findEntities(db, name).map((e) => e.id);
      if (!ids.length) unknown.push(name);
      query[flag] = ids;
    }
    if (flags.type) query.type = flags.type;
    const events = unknown.length ? [] : queryEvents(db, query);
    if (flags.json) {
      ctx.out(JSON.stringify({ query: { actor: flags.actor ?? null, target: flags.target ?? null, type: flags.type ?? null }, events }) + "\n");
      return EXIT.ok;
    }
    if (unknown.length) {
      ctx.out(`no entity matches ${unknown.map((u) => JSON.stringify(u)).join(", ")}\n`);
      return EXIT.ok;
    }
    if (!events.length) {
      ctx.out("no event matches\n");
      return EXIT.ok;
    }
    for (const e of events) ctx.out(`${e.published?.slice(0, 10) ?? "undated"}  ${formatEvent(e)}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

export const registerEvents: Register = (program, ctx) => {
  program
    .command("events")
    .description("who did what to whom in the stored articles, with time and who asserts it")
    .addOption(dbOption())
    .option("--actor <name>", "events whose actor is this entity (any script or inflection)")
    .option("--target <name>", "events whose target is this entity")
    .option("--type <type>", "one event type: COOPERATE, TRANSFER, COERCE, DEMAND, ATTACK, INVADE, DENY, ADMIT …")
    .option("--limit <n>", "largest number of events", String(DEFAULT_LIMIT))
    .option("--json", "print the events as JSON", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph events --actor Ιράν --target Russia     # drones sent, sold, transferred …
  newsgraph events --type DENY --json
  newsgraph events --actor "United States" --limit 10`,
    )
    .action(async (opts) => {
      ctx.code = await eventsCommand(ctx, opts);
    });
};
