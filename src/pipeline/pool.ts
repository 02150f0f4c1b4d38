// Analysis on more than one core: an Analyzer runs the default pipeline either
// in this thread or in a pool of worker threads (one pipeline, with its models,
// per worker), within the analysis limits. Results come back as promises;
// callers keep their own order. A worker stuck in one document for more than
// twice the time budget is terminated and replaced: that document fails with
// the time budget named, the documents queued behind it go to the new worker.
import { Worker } from "node:worker_threads";
import { adoptDerived, type Derived } from "../doc/derived.js";
import type { Doc } from "../doc/doc.js";
import type { RawInput } from "../input/sources.js";
import { LimitError } from "../util/limits.js";
import { analyzeRaw } from "./analyze.js";
import { defaultPipeline } from "./default.js";
import { ANALYSIS_LIMITS, WORKER_BUDGET_FACTOR, type AnalysisLimits } from "./limits.js";

const WORKER_FILE = new URL("./worker.js", import.meta.url);

export interface PoolRequest {
  id: number;
  raw: RawInput;
}

export type PoolReply = { id: number; doc: Doc; derived: Derived } | { id: number; error: string };

/** What a worker posts: a reply, or that its pipeline is loaded (the time budget runs from then on). */
export type WorkerMessage = PoolReply | { ready: true };

/** What a worker is started with. */
export interface WorkerData {
  limits: AnalysisLimits;
  /** A module exporting `pipeline()`, run instead of the default pipeline (tests). */
  pipelineModule?: string;
  /** Compute in the worker what a store's put derives from each document (store/prepare.ts). */
  prepare?: boolean;
}

export interface PoolOptions {
  limits?: Readonly<AnalysisLimits>;
  /** See WorkerData.pipelineModule. */
  pipelineModule?: string;
  /** See WorkerData.prepare. */
  prepare?: boolean;
}

export interface Analyzer {
  /** How many documents it is worth having in flight at once. */
  readonly window: number;
  analyze(raw: RawInput): Promise<Doc>;
  close(): Promise<void>;
}

/** The pipeline in this thread (the time budget is checked between components). */
export function localAnalyzer(limits: Readonly<AnalysisLimits> = ANALYSIS_LIMITS): Analyzer {
  const pipeline = defaultPipeline();
  return {
    window: 1,
    analyze: async (raw) => analyzeRaw(raw, pipeline, limits),
    close: async () => {},
  };
}

/** In-flight documents per worker: enough to keep each busy while the caller writes. */
const IN_FLIGHT_PER_WORKER = 4;

interface Pending {
  raw: RawInput;
  resolve: (d: Doc) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Ids sent to this worker, in order: the first is the one it is analysing. */
  queue: number[];
  /** Has the worker loaded its pipeline? */
  ready: boolean;
  /** When the first of the queue began. */
  since: number;
  timer?: NodeJS.Timeout;
}

/** A pool of `size` worker threads, each with its own pipeline. */
export function workerAnalyzer(size: number, options: PoolOptions = {}): Analyzer {
  const data: WorkerData = { limits: { ...(options.limits ?? ANALYSIS_LIMITS) }, ...(options.pipelineModule ? { pipelineModule: options.pipelineModule } : {}), prepare: options.prepare ?? false };
  const stuckMs = data.limits.timeBudgetMs * WORKER_BUDGET_FACTOR;
  const pending = new Map<number, Pending>();
  const slots: Slot[] = [];
  let next = 0;
  let closed = false;

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    for (const s of slots) s.queue.length = 0;
  };
  /** Times the document at the head of the slot's queue. */
  const watch = (s: Slot) => {
    clearTimeout(s.timer);
    s.timer = undefined;
    if (!s.queue.length || !s.ready || closed) return;
    s.since = performance.now();
    s.timer = setTimeout(() => replace(s), stuckMs);
  };
  const newWorker = () => new Worker(WORKER_FILE, { workerData: data });
  /** Listens to the slot's current worker. */
  const listen = (s: Slot) => {
    const w = s.worker;
    w.on("message", (reply: WorkerMessage) => {
      if (s.worker !== w) return;
      if ("ready" in reply) {
        s.ready = true;
        watch(s);
        return;
      }
      const at = s.queue.indexOf(reply.id);
      if (at >= 0) s.queue.splice(at, 1);
      if (at === 0) watch(s);
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (!p) return;
      if ("error" in reply) p.reject(new Error(reply.error));
      else {
        adoptDerived(reply.doc, reply.derived);
        p.resolve(reply.doc);
      }
    });
    w.on("error", (err) => {
      if (s.worker === w) failAll(new Error(`analysis worker failed: ${err.message}`));
    });
  };
  /** The worker is stuck: fail its current document, start a new worker and give it the rest of the queue. */
  const replace = (s: Slot) => {
    const stuck = s.queue.shift();
    const elapsed = Math.round(performance.now() - s.since);
    void s.worker.terminate();
    s.worker = newWorker();
    s.ready = false;
    listen(s);
    if (stuck !== undefined) {
      const p = pending.get(stuck);
      pending.delete(stuck);
      p?.reject(new LimitError("timeBudgetMs", elapsed, data.limits.timeBudgetMs, "the analysis did not finish and its worker was replaced", " ms"));
    }
    for (const id of s.queue) {
      const p = pending.get(id);
      if (p) s.worker.postMessage({ id, raw: p.raw } satisfies PoolRequest);
    }
    watch(s);
  };

  for (let k = 0; k < size; k++) {
    const s: Slot = { worker: newWorker(), queue: [], ready: false, since: 0 };
    slots.push(s);
    listen(s);
  }
  return {
    window: size * IN_FLIGHT_PER_WORKER,
    analyze(raw) {
      const id = next++;
      const s = slots.reduce((a, b) => (b.queue.length < a.queue.length ? b : a));
      return new Promise<Doc>((resolve, reject) => {
        pending.set(id, { raw, resolve, reject });
        s.queue.push(id);
        s.worker.postMessage({ id, raw } satisfies PoolRequest);
        if (s.queue.length === 1) watch(s);
      });
    },
    async close() {
      closed = true;
      for (const s of slots) clearTimeout(s.timer);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Analyse an input; when it yields no article and it has another reading (a feed's own text of the item), analyse that one (the first error stands when both fail). */
export function analyzeWithFallback(analyzer: Analyzer, item: RawInput): Promise<Doc> {
  const { fallback, ...page } = item;
  if (!fallback) return analyzer.analyze(item);
  return analyzer.analyze(page).catch((err: unknown) =>
    analyzer.analyze(fallback).catch(() => {
      throw err;
    }),
  );
}

/** An analyzer for `jobs` parallel analyses (1: this thread) whose documents go to a store: the workers prepare what its put derives. */
export function createAnalyzer(jobs: number, limits: Readonly<AnalysisLimits> = ANALYSIS_LIMITS): Analyzer {
  return jobs > 1 ? workerAnalyzer(jobs, { limits, prepare: true }) : localAnalyzer(limits);
}
