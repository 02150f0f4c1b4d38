// `npm run bench -- queue [--articles <n>] [--jobs <n>] [--json] [--store sqlite|postgres]`:
// ingest throughput of n generated articles (bench/articles.ts, written to a
// temporary folder, never kept) in one run, four ways: `newsgraph ingest` in
// one process on SQLite, then through the work queue (PostgreSQL at
// NEWSGRAPH_TEST_PG) with one and with two `newsgraph worker` processes, storing
// in a SQLite file or, with --store postgres, in PostgreSQL; reported as
// ratios to the single process. Queue overhead: the jobs a second through the
// queue with a worker that does nothing, beside the full pipeline's articles a
// second. Each queue and store gets a schema of its own, dropped after.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { enqueueInputs } from "../queue/enqueue.js";
import type { ArticleJob } from "../queue/jobs.js";
import { noopHandler, QueueWorker } from "../queue/worker.js";
import { WorkQueue } from "../store/queue.js";
import { runCli } from "../testing/cli.js";
import { testAddress } from "../testing/postgres.js";
import { startCli } from "../testing/queue-workers.js";
import { ArticleGenerator } from "./articles.js";

const DEFAULT_ARTICLES = 1000;
const DEFAULT_NOOP_JOBS = 10_000;
const STORES = ["sqlite", "postgres"] as const;
type StoreKind = (typeof STORES)[number];

interface Run {
  name: string;
  articles: number;
  seconds: number;
  perSecond: number;
  /** Throughput ÷ the single `ingest` process's. */
  ratio: number;
  /** The workers' processor time an article, and the cores they had on average (processor time ÷ wall time). */
  cpuMsPerArticle?: number;
  cores?: number;
}

function rate(n: number, seconds: number): number {
  return Math.round((n / seconds) * 10) / 10;
}

async function time<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

/** Drop a queue's schema and the store schema its address names. */
async function dropSchemas(address: string): Promise<void> {
  const q = await WorkQueue.open(address);
  await q.drop({ store: true });
  await q.close();
}

/** Queue the folder, then run `workers` worker processes until it is drained: their time and processor time. */
async function throughQueue(folder: string, store: string, queue: string, workers: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const queued = await runCli("ingest", folder, "--queue", "--queue-db", queue, "--json");
  if (queued.code !== 0) throw new Error(`enqueue failed: ${queued.err}`);
  const { seconds, value } = await time(() => Promise.all(Array.from({ length: workers }, () => startCli(["worker", "--db", store, "--queue-db", queue, "--until-empty"]).exited)));
  for (const r of value) if (r.code !== 0) throw new Error(`a worker failed: ${r.stderr}`);
  const cpuSeconds = value.reduce((a, r) => a + (r.lines.find((l) => l.event === "done")?.cpuSeconds ?? 0), 0);
  return { seconds, cpuSeconds };
}

/** n empty jobs through the queue with a worker that does nothing: jobs a second. */
async function noopJobsPerSecond(queue: string, n: number): Promise<{ enqueue: number; take: number }> {
  const q = await WorkQueue.open<ArticleJob>(queue);
  try {
    async function* jobs() {
      for (let i = 0; i < n; i++) yield { source: `noop-${i}`, mediaType: "text/plain" as const, text: `job ${i}`, hints: {} };
    }
    const enqueued = await time(() => enqueueInputs(q, jobs()));
    const worked = await time(() => new QueueWorker(q, noopHandler(), { untilEmpty: true }).run());
    return { enqueue: rate(n, enqueued.seconds), take: rate(worked.value.unchanged, worked.seconds) };
  } finally {
    await q.close();
  }
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { articles: { type: "string" }, jobs: { type: "string" }, json: { type: "boolean" }, store: { type: "string" } } });
  const n = Number(values.articles ?? DEFAULT_ARTICLES);
  const noop = Number(values.jobs ?? DEFAULT_NOOP_JOBS);
  const storeKind = (values.store ?? "sqlite") as StoreKind;
  if (!Number.isInteger(n) || n <= 0 || !Number.isInteger(noop) || noop <= 0) throw new Error("--articles and --jobs must be positive whole numbers");
  if (!STORES.includes(storeKind)) throw new Error(`--store must be one of ${STORES.join(", ")}`);

  const dir = mkdtempSync(join(tmpdir(), "newsgraph-queue-bench-"));
  const queues: string[] = [];
  const queue = (name: string) => {
    const a = testAddress(name);
    queues.push(a);
    return a;
  };
  /** The store of a run: a SQLite file, or a PostgreSQL schema of its own (its queue beside it, named by the same address). */
  const store = (name: string, q: string) => (storeKind === "postgres" ? q : join(dir, `${name}.db`));
  try {
    const folder = join(dir, "articles");
    mkdirSync(folder);
    const generator = new ArticleGenerator();
    for (let i = 0; i < n; i++) writeFileSync(join(folder, `a${i}.txt`), ArticleGenerator.page(generator.article(i)));

    const single = await time(() => startCli(["ingest", folder, "--db", join(dir, "single.db"), "--json"]).exited);
    if (single.value.code !== 0) throw new Error(`ingest failed: ${single.value.stderr}`);
    const q1 = queue("one");
    const one = await throughQueue(folder, store("one", q1), q1, 1);
    const q2 = queue("two");
    const two = await throughQueue(folder, store("two", q2), q2, 2);
    const overhead = await noopJobsPerSecond(queue("noop"), noop);

    const base = rate(n, single.seconds);
    const row = (name: string, seconds: number, cpuSeconds?: number): Run => ({
      name, articles: n, seconds: Math.round(seconds * 10) / 10, perSecond: rate(n, seconds), ratio: Math.round((rate(n, seconds) / base) * 100) / 100,
      ...(cpuSeconds ? { cpuMsPerArticle: Math.round((cpuSeconds / n) * 1000), cores: Math.round((cpuSeconds / seconds) * 100) / 100 } : {}),
    });
    const runs = [row("ingest, one process (SQLite)", single.seconds), row(`queue, one worker (${storeKind})`, one.seconds, one.cpuSeconds), row(`queue, two workers (${storeKind})`, two.seconds, two.cpuSeconds)];
    const result = { task: "queue", articles: n, store: storeKind, runs, noop: { jobs: noop, enqueuedPerSecond: overhead.enqueue, jobsPerSecond: overhead.take, pipelinePerSecond: runs[1].perSecond, ratio: Math.round(overhead.take / runs[1].perSecond) } };
    if (values.json) console.log(JSON.stringify(result));
    else {
      for (const r of runs) console.log(`${r.name.padEnd(34)} ${String(r.perSecond).padStart(7)} articles/s  ${r.ratio.toFixed(2)}×  (${r.articles} in ${r.seconds} s${r.cores ? `; ${r.cpuMsPerArticle} ms of processor an article, ${r.cores} cores used` : ""})`);
      console.log(`queue alone (no-op worker)         ${String(overhead.take).padStart(7)} jobs/s      ${result.noop.ratio}× the pipeline's articles/s (${noop} jobs; enqueued at ${overhead.enqueue}/s)`);
    }
    return 0;
  } finally {
    for (const q of queues) await dropSchemas(q).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
