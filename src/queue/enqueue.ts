// Inputs onto the work queue instead of analysing them: every input read
// (files, folders, JSON Lines, URL lists, sitemaps, feeds — input/sources.ts)
// becomes one job keyed by jobKey; inputs that cannot be read are reported,
// not queued.
import { isFailure, type InputFailure, type RawInput } from "../input/sources.js";
import type { WorkQueue } from "../store/queue.js";
import { jobKey, type ArticleJob } from "./jobs.js";

/** Jobs sent to the queue at once. */
const ENQUEUE_BATCH = 200;

export interface EnqueueSummary {
  /** New jobs. */
  enqueued: number;
  /** Inputs the queue already held a job for. */
  known: number;
  failed: number;
  interrupted: boolean;
  seconds: number;
  failures: { source: string; error: string }[];
  warnings: { source: string; warning: string }[];
}

export interface EnqueueHooks {
  /** After each batch sent. */
  onBatch?: (s: EnqueueSummary) => void;
  /** Asked after each input: stop reading? */
  stopped?: () => boolean;
}

export async function enqueueInputs(queue: WorkQueue<ArticleJob>, items: AsyncIterable<RawInput | InputFailure>, hooks: EnqueueHooks = {}): Promise<EnqueueSummary> {
  const started = performance.now();
  const s: EnqueueSummary = { enqueued: 0, known: 0, failed: 0, interrupted: false, seconds: 0, failures: [], warnings: [] };
  let batch: { key: string; data: ArticleJob }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const r = await queue.enqueue(batch);
    s.enqueued += r.added;
    s.known += r.known;
    batch = [];
    hooks.onBatch?.(s);
  };
  for await (const item of items) {
    if (isFailure(item)) {
      s.failed++;
      s.failures.push(item);
    } else {
      for (const warning of item.warnings ?? []) s.warnings.push({ source: item.source, warning });
      batch.push({ key: jobKey(item), data: item });
      if (batch.length >= ENQUEUE_BATCH) await flush();
    }
    if (hooks.stopped?.()) {
      s.interrupted = true;
      break;
    }
  }
  await flush();
  s.seconds = Math.round(performance.now() - started) / 1000;
  return s;
}
