// `newsgraph watch`: follow the sources (intake/watch.ts) and store their new
// articles through the same path as `ingest`. On a terminal a status line
// shows what it is doing; otherwise (or with --json) every poll and page is a
// JSON line. Ctrl-C or SIGTERM stops it cleanly: fetches are aborted, the
// current article is finished, and the next run goes on where this one ended.
import { setMaxListeners } from "node:events";
import { availableParallelism } from "node:os";
import { hostMemory, Watcher, type IngestFn, type WatchEvent } from "../intake/watch.js";
import { PoliteFetcher } from "../input/polite.js";
import { openStore } from "../store/open.js";
import {
  EXIT, dbOption, inputOptions, politeness, politenessOptions, positiveInt, readOptions,
  type CommandContext, type InputFlags, type PolitenessFlags, type Register,
} from "./context.js";
import { ingestItems } from "./ingest.js";
import { SCHEDULE_DEFAULTS } from "../intake/schedule.js";
import { WATCH_DEFAULTS } from "../intake/watch.js";

export interface WatchFlags extends InputFlags, PolitenessFlags {
  db: string;
  once?: boolean;
  json?: boolean;
  jobs?: string;
  maxPages?: string;
  maxFailures?: string;
}

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;
const CLEAR_LINE = "\r\u001b[K";

/** A status line for a terminal, rewritten as events come. */
function terminalLog(ctx: CommandContext): (e: WatchEvent) => void {
  let sources = 0;
  let polls = 0;
  let pages = 0;
  let added = 0;
  let failed = 0;
  return (e) => {
    if (e.event === "start") sources = e.sources;
    else if (e.event === "poll") {
      polls++;
      if (e.error) ctx.err(`${CLEAR_LINE}newsgraph: source #${e.source} ${e.url}: ${e.error}${e.disabled ? " (disabled)" : ""}\n`);
    } else if (e.event === "page") {
      pages++;
      if (e.result === "added" || e.result === "updated") added++;
      if (e.result === "failed") failed++;
    } else if (e.event === "stop") ctx.err(`${CLEAR_LINE}stopping…\n`);
    if (e.event === "done") {
      const s = e.summary;
      ctx.err(CLEAR_LINE);
      ctx.out(`${s.interrupted ? "stopped: " : ""}${s.polls} polls (${s.pollErrors} failed, ${s.disabled} sources disabled) · ${s.pages} pages: ${s.added} added · ${s.updated} updated · ${s.unchanged} unchanged · ${s.failed} failed in ${s.seconds.toFixed(1)} s\n`);
    } else ctx.err(`${CLEAR_LINE}watch · ${sources} sources · ${polls} polls · ${pages} pages · ${added} stored · ${failed} failed`);
  };
}

export async function watchCommand(ctx: CommandContext, flags: WatchFlags): Promise<number> {
  const read = readOptions(flags);
  const jobs = positiveInt(flags.jobs, "--jobs", 1);
  const maxPagesPerPoll = positiveInt(flags.maxPages, "--max-pages", WATCH_DEFAULTS.maxPagesPerPoll);
  const maxFailures = positiveInt(flags.maxFailures, "--max-failures", SCHEDULE_DEFAULTS.maxFailures);
  const manners = politeness(flags);
  const store = await openStore(flags.db);
  const fetcher = new PoliteFetcher({ ...manners, memory: hostMemory(store), fetch: { allowPrivate: read.allowPrivate, timeoutMs: read.timeoutMs, maxBytes: read.maxBytes } });
  const ingest: IngestFn = (items, onItem, stopped) =>
    ingestItems(store, items, flags, { keepLists: false, stopped, onItem: (source, _s, result) => onItem(source, result) }, jobs);
  const log = flags.json || !ctx.isTTY ? (e: WatchEvent) => ctx.out(JSON.stringify({ time: new Date().toISOString(), ...e }) + "\n") : terminalLog(ctx);
  const stop = new AbortController();
  // Every page waiting for its host listens to the stop (and lets go when it is sent): with hundreds of sources, hundreds at once.
  setMaxListeners(0, stop.signal);
  const onSignal = () => stop.abort();
  for (const s of STOP_SIGNALS) process.once(s, onSignal);
  try {
    const watcher = new Watcher(store, fetcher, ingest, log, {
      once: Boolean(flags.once),
      maxPagesPerPoll,
      schedule: { ...SCHEDULE_DEFAULTS, maxFailures },
      buffer: Math.max(WATCH_DEFAULTS.buffer, manners.concurrency),
      signal: stop.signal,
    });
    await watcher.run();
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    await store.close();
  }
  return EXIT.ok;
}

export const registerWatch: Register = (program, ctx) => {
  inputOptions(
    politenessOptions(
      program
        .command("watch")
        .description("follow the sources (see sources add): poll each on its schedule, store its new articles")
        .addOption(dbOption())
        .option("--once", "one round: poll the sources due, store their new articles, and exit (for cron)", false)
        .option("--json", "log one JSON line per poll and page, even on a terminal", false)
        .option("--jobs <n>", `analyse on n cores at once (this machine has ${availableParallelism()})`, "1")
        .option("--max-pages <n>", "most pages fetched at one poll of a source (the freshest first; the rest at the next polls)", String(WATCH_DEFAULTS.maxPagesPerPoll))
        .option("--max-failures <n>", "failed polls in a row that disable a source", String(SCHEDULE_DEFAULTS.maxFailures)),
    ),
    { published: false },
  )
    .addHelpText(
      "after",
      `
Examples:
  newsgraph sources add https://www.example.gr/ && newsgraph watch
  newsgraph watch --once --db news.db          # from cron
  newsgraph watch --gap 10s --per-host 1       # gentler still
  newsgraph watch --allow-private              # sources on this machine or the local network

Politeness: robots.txt is honoured (and its Crawl-delay), requests to one host
are --gap apart (5s) and at most --per-host at once (2), a host that answers 429
or 503 is left alone for its Retry-After, and errors back off. Feeds are asked
with conditional GET; a source that brings nothing new is polled less often,
and one that fails --max-failures times in a row is disabled (sources list shows
it; sources add enables it again). State is kept in the store: a stopped watch
goes on where it ended. On a terminal a status line shows progress; otherwise
each poll and page is logged as a JSON line.`,
    )
    .action(async (opts) => {
      ctx.code = await watchCommand(ctx, opts);
    });
};
