// A queue worker: takes jobs in batches, analyses them (the pipeline, in this
// thread or in worker threads) and stores the documents through the Store
// interface, one transaction a batch, then marks the jobs done. A job is
// marked done only once its document is stored, and the store is idempotent
// (canonical URL, content hash), so a job taken twice — after a worker died
// holding it and its lease ran out — is stored once. Failures are returned to
// the queue, which retries them with back-off and then keeps them as failed.
// While a batch is in hand its leases are renewed every third of the lease, so
// a short lease (quick recovery from a dead worker) never expires under a live
// one; the pipeline in this thread yields between articles to let that happen.
// Stopping: `finish` ends the batch in hand, `release` gives it back at once.
import type { Doc } from "../doc/doc.js";
import { analyzeWithFallback, type Analyzer } from "../pipeline/pool.js";
import type { QueueJob, WorkQueue } from "../store/queue.js";
import type { PutResult, Store } from "../store/store.js";
import type { ArticleJob } from "./jobs.js";

/** The fewest jobs taken at once (a round trip to the queue is worth several articles). */
const MIN_BATCH = 32;
/** Leases in hand are renewed this many times a lease. */
const RENEWALS_PER_LEASE = 3;

export interface WorkerOptions {
  /** Stop once nothing is waiting or leased (for batch runs); else wait for new jobs. */
  untilEmpty?: boolean;
  /** The pause before asking an empty queue again, in ms. */
  pollMs?: number;
  /** Jobs taken at once (default: the handler's window, at least 8). */
  batch?: number;
}

export const WORKER_DEFAULTS = { untilEmpty: false, pollMs: 1000 };

/** What became of one job. */
export type JobResult = PutResult | { error: string };

/** Does the work of a batch of jobs: one result per job, in order. */
export interface BatchHandler {
  /** Jobs worth having in hand at once. */
  readonly window: number;
  handle(jobs: QueueJob<ArticleJob>[], stopped: Promise<void>): Promise<JobResult[] | null>;
}

export interface JobEvent {
  job: QueueJob<ArticleJob>;
  result: JobResult;
}

export interface WorkerSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** Jobs that failed this time (retried later while they have attempts left). */
  failed: number;
  /** Jobs given back unfinished at a stop. */
  released: number;
  seconds: number;
  /** Processor time of this process (all its threads) while it ran, in seconds. */
  cpuSeconds: number;
}

/** Each job in turn, letting timers run between them (the pipeline in this thread holds the event loop while it works). */
async function inTurn<T>(jobs: QueueJob<ArticleJob>[], work: (j: QueueJob<ArticleJob>) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const j of jobs) {
    await new Promise((resolve) => setImmediate(resolve));
    out.push(await work(j));
  }
  return out;
}

/** Analyse with `analyzer` and store in `store`: the worker's real work. */
export function analyzeAndStore(store: Store, analyzer: Analyzer): BatchHandler {
  return {
    window: analyzer.window,
    async handle(jobs, stopped) {
      const one = (j: QueueJob<ArticleJob>) =>
        analyzeWithFallback(analyzer, j.data).then(
          (doc): Doc | { error: string } => doc,
          (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }),
        );
      const analysed = analyzer.window > 1 ? Promise.all(jobs.map(one)) : inTurn(jobs, one);
      const docs = await Promise.race([analysed, stopped.then(() => null)]);
      if (!docs) return null;
      const results: JobResult[] = [];
      await store.beginBatch();
      try {
        for (const d of docs) {
          if ("error" in d) results.push(d);
          else results.push(await store.put(d).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) })));
        }
      } finally {
        await store.endBatch();
      }
      return results;
    },
  };
}

/** Takes jobs and completes them without doing anything (to measure the queue alone). */
export function noopHandler(window = MIN_BATCH): BatchHandler {
  return { window, handle: async (jobs) => jobs.map((j) => ({ status: "unchanged", id: j.key })) };
}

export class QueueWorker {
  private stopMode: "finish" | "release" | null = null;
  private wake?: () => void;
  private releaseNow?: () => void;
  private readonly released: Promise<void>;

  constructor(
    private readonly queue: WorkQueue<ArticleJob>,
    private readonly handler: BatchHandler,
    private readonly options: WorkerOptions = {},
  ) {
    this.released = new Promise((resolve) => (this.releaseNow = resolve));
  }

  /** Stop: after the batch in hand (`finish`), or at once, giving it back (`release`). */
  stop(mode: "finish" | "release"): void {
    if (this.stopMode !== "release") this.stopMode = mode;
    this.wake?.();
    if (mode === "release") this.releaseNow?.();
  }

  async run(onJob?: (e: JobEvent) => void): Promise<WorkerSummary> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const o = { ...WORKER_DEFAULTS, ...this.options };
    const batch = o.batch ?? Math.max(MIN_BATCH, this.handler.window);
    const renewMs = (await this.queue.settings()).leaseMs / RENEWALS_PER_LEASE;
    const s: WorkerSummary = { added: 0, updated: 0, unchanged: 0, failed: 0, released: 0, seconds: 0, cpuSeconds: 0 };
    while (!this.stopMode) {
      const jobs = await this.queue.take(batch);
      if (!jobs.length) {
        if (o.untilEmpty && (await this.queue.drained())) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, o.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        continue;
      }
      if (this.stopMode === "release") {
        await this.queue.release(jobs.map((j) => j.id));
        s.released += jobs.length;
        break;
      }
      const ids = jobs.map((j) => j.id);
      const renew = setInterval(() => void this.queue.extend(ids).catch(() => {}), renewMs);
      const results = await this.handler.handle(jobs, this.released).finally(() => clearInterval(renew));
      if (!results) {
        await this.queue.release(jobs.map((j) => j.id));
        s.released += jobs.length;
        break;
      }
      const done: string[] = [];
      for (let k = 0; k < jobs.length; k++) {
        const r = results[k];
        if ("error" in r) {
          s.failed++;
          await this.queue.fail(jobs[k].id, r.error);
        } else {
          s[r.status]++;
          done.push(jobs[k].id);
        }
      }
      await this.queue.complete(done);
      if (onJob) for (let k = 0; k < jobs.length; k++) onJob({ job: jobs[k], result: results[k] });
    }
    s.seconds = Math.round(performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    s.cpuSeconds = Math.round((used.user + used.system) / 1000) / 1000;
    return s;
  }
}
