// `newsgraph ingest … --queue`: read the inputs and put them on the work queue
// (one job per article, keyed by its canonical URL or content hash) for
// `newsgraph worker` processes to analyse, instead of analysing them here.
// URL lists, sitemaps and feeds are fetched here, politely, so the manners
// toward a site are kept in one place; a job carries the page it fetched.
import { readInputs } from "../input/sources.js";
import { PoliteFetcher } from "../input/polite.js";
import { enqueueInputs, type EnqueueSummary } from "../queue/enqueue.js";
import type { ArticleJob } from "../queue/jobs.js";
import { WorkQueue, type QueueSettings } from "../store/queue.js";
import { EXIT, UsageError, durationMs, politeness, queueAddress, readOptions, type CommandContext, type InputFlags, type PolitenessFlags } from "./context.js";

export interface QueueFlags extends InputFlags, PolitenessFlags {
  db: string;
  queueDb?: string;
  json?: boolean;
  lease?: string;
  retries?: string;
  retryDelay?: string;
}

/** --lease, --retries and --retry-delay, those given. */
function queueSettings(flags: QueueFlags): Partial<QueueSettings> {
  const out: Partial<QueueSettings> = {};
  if (flags.lease !== undefined) out.leaseMs = durationMs(flags.lease, "--lease");
  if (flags.retryDelay !== undefined) out.retryDelayMs = durationMs(flags.retryDelay, "--retry-delay");
  if (flags.retries !== undefined) {
    const n = Number(flags.retries);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--retries must be a whole number, not "${flags.retries}"`);
    out.retries = n;
  }
  return out;
}

export async function enqueueCommand(ctx: CommandContext, inputs: string[], flags: QueueFlags): Promise<number> {
  const address = queueAddress(flags);
  const settings = queueSettings(flags);
  const read = readOptions(flags);
  const stopping = new AbortController();
  const fetcher = new PoliteFetcher({ ...politeness(flags), fetch: { allowPrivate: read.allowPrivate, timeoutMs: read.timeoutMs, maxBytes: read.maxBytes } });
  const onSigint = () => stopping.abort();
  process.on("SIGINT", onSigint);
  let summary: EnqueueSummary;
  const queue = await WorkQueue.open<ArticleJob>(address);
  try {
    if (Object.keys(settings).length) await queue.configure(settings);
    summary = await enqueueInputs(queue, readInputs(inputs, { ...read, fetcher, signal: stopping.signal }), { stopped: () => stopping.signal.aborted });
  } finally {
    fetcher.close();
    process.off("SIGINT", onSigint);
    await queue.close();
  }
  if (flags.json) ctx.out(JSON.stringify(summary) + "\n");
  else {
    for (const w of summary.warnings) ctx.err(`newsgraph: ${w.source}: warning: ${w.warning}\n`);
    for (const f of summary.failures) ctx.err(`newsgraph: ${f.source}: ${f.error}\n`);
    ctx.out(`${summary.interrupted ? "interrupted: " : ""}${summary.enqueued} queued · ${summary.known} already queued or done · ${summary.failed} failed in ${summary.seconds.toFixed(1)} s\n`);
  }
  return summary.failed > 0 || summary.interrupted ? EXIT.failure : EXIT.ok;
}
