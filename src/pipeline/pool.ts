// Analysis on more than one core: an Analyzer runs the default pipeline either
// in this thread or in a pool of worker threads (one pipeline, with its models,
// per worker). Results come back as promises; callers keep their own order.
import { Worker } from "node:worker_threads";
import type { Doc } from "../doc/doc.js";
import type { RawInput } from "../input/sources.js";
import { analyzeRaw } from "./analyze.js";
import { defaultPipeline } from "./default.js";

const WORKER_FILE = new URL("./worker.js", import.meta.url);

export interface PoolRequest {
  id: number;
  raw: RawInput;
}

export type PoolReply = { id: number; doc: Doc } | { id: number; error: string };

export interface Analyzer {
  /** How many documents it is worth having in flight at once. */
  readonly window: number;
  analyze(raw: RawInput): Promise<Doc>;
  close(): Promise<void>;
}

/** The pipeline in this thread. */
export function localAnalyzer(): Analyzer {
  const pipeline = defaultPipeline();
  return {
    window: 1,
    analyze: async (raw) => analyzeRaw(raw, pipeline),
    close: async () => {},
  };
}

/** In-flight documents per worker: enough to keep each busy while the caller writes. */
const IN_FLIGHT_PER_WORKER = 4;

/** A pool of `size` worker threads, each with its own pipeline. */
export function workerAnalyzer(size: number): Analyzer {
  const workers = Array.from({ length: size }, () => new Worker(WORKER_FILE));
  const pending = new Map<number, { resolve: (d: Doc) => void; reject: (e: Error) => void }>();
  const load = new Array<number>(size).fill(0);
  let next = 0;
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  workers.forEach((w, k) => {
    w.on("message", (reply: PoolReply) => {
      load[k]--;
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (!p) return;
      if ("error" in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.doc);
    });
    w.on("error", (err) => failAll(new Error(`analysis worker failed: ${err.message}`)));
  });
  return {
    window: size * IN_FLIGHT_PER_WORKER,
    analyze(raw) {
      const id = next++;
      const k = load.indexOf(Math.min(...load));
      load[k]++;
      return new Promise<Doc>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[k].postMessage({ id, raw } satisfies PoolRequest);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** An analyzer for `jobs` parallel analyses (1: this thread). */
export function createAnalyzer(jobs: number): Analyzer {
  return jobs > 1 ? workerAnalyzer(jobs) : localAnalyzer();
}
