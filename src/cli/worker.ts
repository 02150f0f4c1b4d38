// `newsgraph worker`: takes jobs from the work queue, analyses the articles and
// stores them in the --db store (SQLite file or PostgreSQL), until stopped or,
// with --until-empty, until the queue is drained. SIGTERM or Ctrl-C finishes
// the batch in hand; a second one gives it back to the queue at once. On a
// terminal a progress line; otherwise one JSON line per job and a summary line.
import cliProgress from "cli-progress";
import { availableParallelism } from "node:os";
import { createAnalyzer } from "../pipeline/pool.js";
import { analyzeAndStore, QueueWorker, type JobEvent, type WorkerSummary } from "../queue/worker.js";
import type { ArticleJob } from "../queue/jobs.js";
import { openStore } from "../store/open.js";
import { WorkQueue } from "../store/queue.js";
import { EXIT, analysisLimits, dbOption, durationMs, limitOptions, positiveInt, queueAddress, queueDbOption, type CommandContext, type InputFlags, type Register } from "./context.js";

/** How often the progress line asks the queue how much is waiting. */
const COUNT_EVERY_MS = 2000;
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export interface WorkerFlags extends InputFlags {
  db: string;
  queueDb?: string;
  concurrency?: string;
  untilEmpty?: boolean;
  poll?: string;
  progress?: boolean;
}

function jobLine(e: JobEvent): string {
  const base = { job: e.job.id, key: e.job.key, source: e.job.data.source, attempt: e.job.attempt };
  return JSON.stringify("error" in e.result ? { event: "failed", ...base, error: e.result.error } : { event: "stored", ...base, id: e.result.id, status: e.result.status }) + "\n";
}

export async function workerCommand(ctx: CommandContext, flags: WorkerFlags): Promise<number> {
  const address = queueAddress(flags);
  const concurrency = positiveInt(flags.concurrency, "--concurrency", 1);
  const pollMs = flags.poll === undefined ? undefined : durationMs(flags.poll, "--poll");
  const limits = analysisLimits(flags);
  const store = await openStore(flags.db);
  let queue: WorkQueue<ArticleJob>;
  try {
    queue = await WorkQueue.open<ArticleJob>(address, { maintain: true });
  } catch (err) {
    await store.close();
    throw err;
  }
  const analyzer = createAnalyzer(concurrency, limits);
  const worker = new QueueWorker(queue, analyzeAndStore(store, analyzer), { untilEmpty: Boolean(flags.untilEmpty), ...(pollMs ? { pollMs } : {}) });
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals === 1) ctx.err("newsgraph: stopping after the articles in hand (again to give them back to the queue)\n");
    worker.stop(signals === 1 ? "finish" : "release");
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  const bar = ctx.isTTY && flags.progress !== false
    ? new cliProgress.SingleBar({ format: "worker |{bar}| {value}/{total} · {added} added · {unchanged} unchanged · {failed} failed · {rate} articles/s", hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  let summary: WorkerSummary;
  try {
    let done = 0;
    let counted = 0;
    const started = performance.now();
    const counts = { added: 0, unchanged: 0, failed: 0 };
    if (bar) {
      const c = await queue.counts();
      bar.start(c.queued + c.active, 0, { ...counts, rate: "0" });
    }
    summary = await worker.run((e) => {
      done++;
      if ("error" in e.result) counts.failed++;
      else if (e.result.status === "unchanged") counts.unchanged++;
      else counts.added++;
      if (!bar) {
        ctx.out(jobLine(e));
        return;
      }
      const rate = (done / ((performance.now() - started) / 1000)).toFixed(1);
      bar.update(done, { ...counts, rate });
      if (performance.now() - counted > COUNT_EVERY_MS) {
        counted = performance.now();
        void queue.counts().then((c) => bar.setTotal(done + c.queued + c.active), () => {});
      }
    });
  } finally {
    bar?.stop();
    for (const s of SIGNALS) process.off(s, onSignal);
    await analyzer.close();
    await queue.close();
    await store.close();
  }
  const stored = summary.added + summary.updated + summary.unchanged;
  if (!bar) ctx.out(JSON.stringify({ event: "done", ...summary }) + "\n");
  else {
    const rate = stored && summary.seconds > 0 ? ` (${(stored / summary.seconds).toFixed(1)} articles/s)` : "";
    ctx.out(`${summary.added} added · ${summary.updated} updated · ${summary.unchanged} unchanged · ${summary.failed} failed${summary.released ? ` · ${summary.released} given back` : ""} in ${summary.seconds.toFixed(1)} s${rate} → ${flags.db}\n`);
  }
  return EXIT.ok;
}

export const registerWorker: Register = (program, ctx) => {
  limitOptions(
    program
      .command("worker")
      .description("take articles from the work queue, analyse them and store them (run one or more, on any machine)")
      .addOption(dbOption())
      .addOption(queueDbOption())
      .option("--concurrency <n>", `analyse n articles at once, on n cores (this machine has ${availableParallelism()})`, "1")
      .option("--until-empty", "stop once the queue is drained (nothing waiting, nothing held by a worker), for batch runs", false)
      .option("--poll <duration>", "the pause before asking an empty queue again", "1s")
      .option("--no-progress", "no progress line on a terminal"),
  )
    .addHelpText(
      "after",
      `
Examples:
  newsgraph ingest archive/ --queue --db postgres://db.example/news
  newsgraph worker --db postgres://db.example/news --concurrency 2
  newsgraph worker --db news.db --queue-db postgres://db.example/news --until-empty

Each article is stored once, whatever happens: a job is marked done only after
its article is stored, and storing is idempotent (canonical URL, content hash).
A worker killed outright loses nothing: its jobs go back to the queue when their
lease (ingest --lease) runs out. A job that fails is retried after a pause that
doubles each time, then kept as failed (newsgraph queue failed, queue retry).
SIGTERM or Ctrl-C finishes the articles in hand and exits; a second one gives
them back to the queue at once.

On a terminal a progress line is shown; otherwise one JSON line per job
({"event":"stored"|"failed", job, key, source, attempt, id, status | error})
and a last {"event":"done", added, updated, unchanged, failed, released, seconds, cpuSeconds}.`,
    )
    .action(async (opts) => {
      ctx.code = await workerCommand(ctx, opts);
    });
};
