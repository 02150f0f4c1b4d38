// When to poll a source next. A poll that brings new pages brings the interval
// back to the source's own (--every); one that brings nothing new stretches it
// (×stretch, up to ×maxStretch), so quiet feeds are asked less. A failed poll
// waits a doubling back-off (or the server's Retry-After when longer), and
// after maxFailures failures in a row the source is disabled. A host that
// asked us to wait is not a failure: the source is polled after the wait.
import type { Source, SourcePoll } from "../store/intake.js";

export interface ScheduleOptions {
  /** The factor a poll with nothing new stretches the interval by. */
  stretch: number;
  /** The longest interval, as a multiple of the source's own. */
  maxStretch: number;
  /** Failed polls in a row that disable a source. */
  maxFailures: number;
  /** The longest back-off after failures. */
  maxBackoffMs: number;
}

export const SCHEDULE_DEFAULTS: ScheduleOptions = { stretch: 1.5, maxStretch: 8, maxFailures: 5, maxBackoffMs: 24 * 3_600_000 };

/** What a poll found. */
export type PollResult =
  | {
      ok: true;
      status: "ok" | "not-modified" | "unchanged";
      newPages: number;
      etag: string | null;
      lastModified: string | null;
      bodyHash: string | null;
      full: boolean;
      /** Pages were left for later (their host asked us to wait): the validators held stay, so the next poll reads the source whole. */
      deferred?: boolean;
    }
  | { ok: false; error: string; retryAfterMs?: number; /** The host asked us to wait: not a failure of the source. */ held?: boolean };

const iso = (ms: number) => new Date(ms).toISOString();

export function afterPoll(source: Source, result: PollResult, now: number, o: ScheduleOptions = SCHEDULE_DEFAULTS): SourcePoll {
  const base = { lastPollAt: iso(now), fullFetchAt: source.fullFetchAt, etag: source.etag, lastModified: source.lastModified, bodyHash: source.bodyHash };
  if (!result.ok && result.held) {
    return { ...base, intervalMs: source.intervalMs, nextPollAt: iso(now + Math.max(source.intervalMs, result.retryAfterMs ?? 0)), lastStatus: "held", lastError: result.error, lastNew: 0, failures: source.failures, disabledAt: null };
  }
  if (!result.ok) {
    const failures = source.failures + 1;
    const backoff = Math.min(o.maxBackoffMs, source.everyMs * 2 ** (failures - 1));
    const wait = Math.max(backoff, result.retryAfterMs ?? 0);
    return {
      ...base,
      intervalMs: source.intervalMs,
      nextPollAt: iso(now + wait),
      lastStatus: "error",
      lastError: result.error,
      lastNew: 0,
      failures,
      disabledAt: failures >= o.maxFailures ? iso(now) : null,
    };
  }
  const intervalMs = result.newPages > 0 ? source.everyMs : Math.min(source.everyMs * o.maxStretch, Math.round(source.intervalMs * o.stretch));
  return {
    ...base,
    intervalMs,
    nextPollAt: iso(now + intervalMs),
    lastStatus: result.status,
    lastError: null,
    lastNew: result.newPages,
    failures: 0,
    disabledAt: null,
    ...(result.status === "not-modified" || result.deferred ? {} : { etag: result.etag, lastModified: result.lastModified, bodyHash: result.bodyHash }),
    ...(result.full && !result.deferred ? { fullFetchAt: iso(now) } : {}),
  };
}
