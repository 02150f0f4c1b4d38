// `newsgraph ingest`: analyse inputs and store them, one transaction per
// article; a progress bar on a terminal, bad files reported and skipped,
// Ctrl-C stops after the current article, and a summary at the end.
import cliProgress from "cli-progress";
import { countInputFiles, isFailure, readInputs, sourceFile } from "../input/sources.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { defaultPipeline } from "../pipeline/default.js";
import { SqliteStore } from "../store/sqlite.js";
import type { PutStatus, Store } from "../store/store.js";
import { EXIT, UsageError, dbOption, inputOptions, readOptions, type CommandContext, type InputFlags, type Register } from "./context.js";

export interface IngestFlags extends InputFlags {
  db: string;
  json?: boolean;
  progress?: boolean;
}

export interface IngestSummary {
  db: string;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  interrupted: boolean;
  seconds: number;
  failures: { source: string; error: string }[];
  ids: { id: string; status: PutStatus; source: string }[];
}

/** Ingest inputs into an open store. `onItem` is called after each article or failure. */
export async function ingestInto(
  store: Store,
  inputs: string[],
  flags: InputFlags,
  hooks: { onItem?: (source: string, s: IngestSummary) => void; stopped?: () => boolean } = {},
): Promise<IngestSummary> {
  const pipeline = defaultPipeline();
  const started = performance.now();
  const s: IngestSummary = { db: "", added: 0, updated: 0, unchanged: 0, failed: 0, interrupted: false, seconds: 0, failures: [], ids: [] };
  for await (const item of readInputs(inputs, readOptions(flags))) {
    if (isFailure(item)) {
      s.failed++;
      s.failures.push(item);
    } else {
      try {
        const doc = analyzeRaw(item, pipeline);
        const r = store.put(doc);
        s[r.status]++;
        s.ids.push({ id: r.id, status: r.status, source: item.source });
      } catch (err) {
        s.failed++;
        s.failures.push({ source: item.source, error: err instanceof Error ? err.message : String(err) });
      }
    }
    hooks.onItem?.(item.source, s);
    if (hooks.stopped?.()) {
      s.interrupted = true;
      break;
    }
  }
  s.seconds = Math.round(performance.now() - started) / 1000;
  return s;
}

export async function ingestCommand(ctx: CommandContext, inputs: string[], flags: IngestFlags): Promise<number> {
  if (!inputs.length) throw new UsageError("give at least one input");
  const store = new SqliteStore(flags.db);
  let stop = false;
  const onSigint = () => {
    stop = true;
  };
  process.on("SIGINT", onSigint);
  const showBar = ctx.isTTY && flags.progress !== false && !flags.json;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { format: "ingest |{bar}| {value}/{total} files · {added} added · {unchanged} unchanged · {failed} failed · {eta_formatted} left", hideCursor: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let summary: IngestSummary;
  try {
    if (bar) bar.start(await countInputFiles(inputs), 0, { added: 0, unchanged: 0, failed: 0 });
    let lastFile = "";
    summary = await ingestInto(store, inputs, flags, {
      stopped: () => stop,
      onItem: (source, s) => {
        const file = sourceFile(source);
        if (bar && file !== lastFile) bar.increment(1, { added: s.added + s.updated, unchanged: s.unchanged, failed: s.failed });
        else bar?.update({ added: s.added + s.updated, unchanged: s.unchanged, failed: s.failed });
        lastFile = file;
      },
    });
  } finally {
    bar?.stop();
    process.off("SIGINT", onSigint);
    store.close();
  }
  summary.db = flags.db;
  if (flags.json) ctx.out(JSON.stringify(summary) + "\n");
  else {
    for (const f of summary.failures) ctx.err(`newsgraph: ${f.source}: ${f.error}\n`);
    const total = summary.added + summary.updated + summary.unchanged;
    const rate = summary.seconds > 0 ? ` (${Math.round(total / summary.seconds)} articles/s)` : "";
    ctx.out(
      `${summary.interrupted ? "interrupted: " : ""}${summary.added} added · ${summary.updated} updated · ${summary.unchanged} unchanged · ${summary.failed} failed` +
        ` in ${summary.seconds.toFixed(1)} s${rate} → ${flags.db}\n`,
    );
  }
  return summary.failed > 0 || summary.interrupted ? EXIT.failure : EXIT.ok;
}

export const registerIngest: Register = (program, ctx) => {
  inputOptions(
    program
      .command("ingest")
      .description("analyse articles and add them to the store; the same article twice is kept once")
      .argument("<input...>", "files, folders, JSON Lines files, URLs, or - for standard input")
      .addOption(dbOption())
      .option("--json", "print the summary as JSON", false)
      .option("--no-progress", "no progress bar, even on a terminal")
      .addHelpText(
        "after",
        `
Examples:
  newsgraph ingest ~/news/                 # every .txt, .html and .jsonl below
  newsgraph ingest feed.jsonl --db news.db
  NEWSGRAPH_DB=news.db newsgraph ingest a.html b.txt

Bad files are reported and skipped; Ctrl-C stops after the current article,
keeping everything already stored.`,
      ),
  ).action(async (inputs: string[], opts) => {
    ctx.code = await ingestCommand(ctx, inputs, opts);
  });
};
