// `newsgraph ingest`: analyse inputs and store them, in transactions of many
// articles (each article all or nothing); a progress bar on a terminal, bad files reported and skipped,
// Ctrl-C stops after the current article, and a summary at the end.
import { availableParallelism } from "node:os";
import cliProgress from "cli-progress";
import { countInputFiles, isFailure, readInputs, sourceFile, type InputFailure, type RawInput, type ReadOptions } from "../input/sources.js";
import type { Doc } from "../doc/doc.js";
import { analyzeWithFallback, createAnalyzer } from "../pipeline/pool.js";
import { openStore } from "../store/open.js";
import type { PutStatus, Store } from "../store/store.js";
import { PoliteFetcher } from "../input/polite.js";
import { enqueueCommand, type QueueFlags } from "./ingest-queue.js";
import {
  EXIT, UsageError, analysisLimits, dbOption, queueDbOption, politeness, politenessOptions, positiveInt, inputOptions, readOptions,
  type CommandContext, type InputFlags, type PolitenessFlags, type Register,
} from "./context.js";

export interface IngestFlags extends InputFlags, PolitenessFlags, QueueFlags {
  queue?: boolean;
  json?: boolean;
  progress?: boolean;
  jobs?: string;
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
  /** Decoding warnings (bad bytes replaced, a charset corrected): not failures. */
  warnings: { source: string; warning: string }[];
  ids: { id: string; status: PutStatus; source: string }[];
}

/** What became of one input: stored (added, updated or unchanged) with its id, or failed. */
export type ItemResult = { id: string; status: PutStatus } | { error: string };

export interface IngestHooks {
  /** Called after each article or failure is accounted for. */
  onItem?: (source: string, s: IngestSummary, result: ItemResult) => void;
  /** Asked after each item: stop reading further inputs? */
  stopped?: () => boolean;
  /** Keep the ids, failures and warnings in the summary (default true; a long-running watch counts only). */
  keepLists?: boolean;
}

/** Fewer articles than this make no meaningful rate (start-up dominates). */
const RATE_MIN_ARTICLES = 20;

type Outcome = { source: string; doc?: Doc; error?: string };

/**
 * Ingest inputs into an open store, in input order, committed in batches. With
 * `jobs` > 1 the analysis runs in worker threads while this thread writes.
 */
export async function ingestInto(store: Store, inputs: string[], flags: InputFlags, hooks: IngestHooks = {}, jobs = 1, read: ReadOptions = {}): Promise<IngestSummary> {
  return ingestItems(store, readInputs(inputs, { ...readOptions(flags), ...read }), flags, hooks, jobs);
}

/**
 * Ingest raw inputs (from readInputs, or fetched by `watch`) into an open
 * store: the one way articles are analysed and stored. An input whose
 * analysis fails is analysed again from its fallback reading when it has one.
 */
export async function ingestItems(store: Store, items: AsyncIterable<RawInput | InputFailure>, flags: InputFlags, hooks: IngestHooks = {}, jobs = 1): Promise<IngestSummary> {
  const analyzer = createAnalyzer(jobs, analysisLimits(flags));
  const keep = hooks.keepLists !== false;
  const started = performance.now();
  const s: IngestSummary = { db: "", added: 0, updated: 0, unchanged: 0, failed: 0, interrupted: false, seconds: 0, failures: [], warnings: [], ids: [] };
  const queue: Promise<Outcome>[] = [];
  const account = async (o: Outcome) => {
    if (o.doc) {
      try {
        const r = await store.put(o.doc);
        s[r.status]++;
        if (keep) s.ids.push({ id: r.id, status: r.status, source: o.source });
        hooks.onItem?.(o.source, s, r);
        return;
      } catch (err) {
        o.error = err instanceof Error ? err.message : String(err);
      }
    }
    const error = o.error ?? "no article";
    s.failed++;
    if (keep) s.failures.push({ source: o.source, error });
    hooks.onItem?.(o.source, s, { error });
  };
  const analyze = (item: RawInput): Promise<Doc> => analyzeWithFallback(analyzer, item);
  await store.beginBatch();
  try {
    for await (const item of items) {
      if (!isFailure(item) && keep) for (const warning of item.warnings ?? []) s.warnings.push({ source: item.source, warning });
      queue.push(
        isFailure(item)
          ? Promise.resolve({ source: item.source, error: item.error })
          : analyze(item).then(
              (doc) => ({ source: item.source, doc }),
              (err: unknown) => ({ source: item.source, error: err instanceof Error ? err.message : String(err) }),
            ),
      );
      while (queue.length >= analyzer.window) await account(await queue.shift()!);
      if (hooks.stopped?.()) {
        s.interrupted = true;
        break;
      }
    }
    while (queue.length) await account(await queue.shift()!);
  } finally {
    await store.endBatch();
    await analyzer.close();
  }
  s.seconds = Math.round(performance.now() - started) / 1000;
  return s;
}

export async function ingestCommand(ctx: CommandContext, inputs: string[], flags: IngestFlags): Promise<number> {
  if (!inputs.length) throw new UsageError("give at least one input");
  if (flags.queue) return enqueueCommand(ctx, inputs, flags);
  const jobs = positiveInt(flags.jobs, "--jobs", 1);
  const read = readOptions(flags);
  const stopping = new AbortController();
  const fetcher = new PoliteFetcher({ ...politeness(flags), fetch: { allowPrivate: read.allowPrivate, timeoutMs: read.timeoutMs, maxBytes: read.maxBytes } });
  const store = await openStore(flags.db);
  let stop = false;
  const onSigint = () => {
    stop = true;
    stopping.abort();
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
        // A URL list, sitemap or feed counts one unit but yields many pages.
        if (bar && file !== lastFile && bar.getProgress() >= 1) bar.setTotal(bar.getTotal() + 1);
        if (bar && file !== lastFile) bar.increment(1, { added: s.added + s.updated, unchanged: s.unchanged, failed: s.failed });
        else bar?.update({ added: s.added + s.updated, unchanged: s.unchanged, failed: s.failed });
        lastFile = file;
      },
    }, jobs, { fetcher, signal: stopping.signal });
  } finally {
    fetcher.close();
    bar?.stop();
    process.off("SIGINT", onSigint);
    await store.close();
  }
  summary.db = flags.db;
  if (flags.json) ctx.out(JSON.stringify(summary) + "\n");
  else {
    for (const w of summary.warnings) ctx.err(`newsgraph: ${w.source}: warning: ${w.warning}\n`);
    for (const f of summary.failures) ctx.err(`newsgraph: ${f.source}: ${f.error}\n`);
    const total = summary.added + summary.updated + summary.unchanged;
    const rate = total >= RATE_MIN_ARTICLES && summary.seconds > 0 ? ` (${Math.round(total / summary.seconds)} articles/s)` : "";
    ctx.out(
      `${summary.interrupted ? "interrupted: " : ""}${summary.added} added · ${summary.updated} updated · ${summary.unchanged} unchanged · ${summary.failed} failed` +
        ` in ${summary.seconds.toFixed(1)} s${rate} → ${flags.db}\n`,
    );
  }
  return summary.failed > 0 || summary.interrupted ? EXIT.failure : EXIT.ok;
}

export const registerIngest: Register = (program, ctx) => {
  inputOptions(politenessOptions(
    program
      .command("ingest")
      .description("analyse articles and add them to the store; the same article twice is kept once")
      .argument("<input...>", "files, folders, JSON Lines, WARC(.gz) files, URL lists, sitemaps, URLs, or - for standard input")
      .addOption(dbOption())
      .option("--json", "print the summary as JSON", false)
      .option("--no-progress", "no progress bar, even on a terminal")
      .option("--jobs <n>", `analyse on n cores at once (this machine has ${availableParallelism()}); the store is written in input order`, "1")
      .option("--queue", "put the articles on the work queue for `newsgraph worker` processes instead of analysing them here", false)
      .addOption(queueDbOption())
      .option("--lease <duration>", "with --queue: how long a worker may hold a job before it goes back to the queue (a worker that died loses nothing); default 5m")
      .option("--retries <n>", "with --queue: further attempts of a job that failed, after a pause that doubles each time; default 2")
      .option("--retry-delay <duration>", "with --queue: the pause before the first retry; default 10s")
      .addHelpText(
        "after",
        `
Examples:
  newsgraph ingest ~/news/                 # every .txt, .html and .jsonl below
  newsgraph ingest feed.jsonl --db news.db
  NEWSGRAPH_DB=news.db newsgraph ingest a.html b.txt
  newsgraph ingest archive/ --jobs 2      # analyse on two cores
  newsgraph ingest CC-NEWS-20240301.warc.gz   # the HTML responses of a web archive, streamed
  newsgraph ingest links.urls             # one URL a line (# comments); also a .txt of only URLs
  newsgraph ingest https://example.com/sitemap.xml --gap 10s   # every page of a sitemap, politely
  newsgraph ingest archive/ --queue --db postgres://db.example/news   # for the workers (newsgraph worker)

Bad files are reported and skipped, and so is an article over a limit (the limit
is named); decoding warnings are reported and the article is stored. Ctrl-C stops
after the current article, keeping everything already stored.

The pages of URL lists, sitemaps and feeds are fetched politely: robots.txt is
honoured, requests to one host are --gap apart and at most --per-host at once.
Every URL is canonicalised (tracking parameters, fragments, case, default ports)
before it is fetched, and an article is stored once per canonical URL.

With --queue the articles are read (and pages fetched) here and put on the work
queue in PostgreSQL, one job each, keyed by the canonical URL or the content
hash: the same article queued twice is one job. The job carries the text, so a
worker on another machine needs no access to these files. The queue is
--queue-db, else --db when it is a PostgreSQL store, else NEWSGRAPH_QUEUE.
--lease, --retries and --retry-delay apply to the jobs queued from then on.`,
      ),
  )).action(async (inputs: string[], opts) => {
    ctx.code = await ingestCommand(ctx, inputs, opts);
  });
};
