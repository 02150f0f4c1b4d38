import { test } from "node:test";
import assert from "node:assert/strict";
import type { Source } from "../store/intake.js";
import { afterPoll, SCHEDULE_DEFAULTS } from "./schedule.js";

const MIN = 60_000;
const NOW = Date.parse("2024-03-01T10:00:00Z");
const source = (o: Partial<Source> = {}): Source => ({
  id: 1, url: "https://a.example/rss", kind: "feed", everyMs: 10 * MIN, intervalMs: 10 * MIN, addedAt: "", nextPollAt: "", lastPollAt: null,
  lastStatus: null, lastError: null, lastNew: null, failures: 0, disabledAt: null, etag: null, lastModified: null, bodyHash: null, fullFetchAt: null,
  articles: 0, failedPages: 0, ...o,
});
const ok = (newPages: number, status: "ok" | "not-modified" | "unchanged" = "ok") => ({ ok: true as const, status, newPages, etag: '"n"', lastModified: null, bodyHash: "b", full: true });

test("nothing new stretches the interval, up to the limit; something new brings it back", () => {
  let s = source();
  const intervals: number[] = [];
  for (let i = 0; i < 8; i++) {
    const p = afterPoll(s, ok(0, "unchanged"), NOW);
    intervals.push(p.intervalMs / MIN);
    s = { ...s, ...p };
  }
  assert.deepEqual(intervals, [15, 22.5, 33.75, 50.625, 75.9375, 80, 80, 80].map((m) => Math.round(m * MIN) / MIN));
  const back = afterPoll(s, ok(3), NOW);
  assert.equal(back.intervalMs, 10 * MIN);
  assert.equal(back.nextPollAt, new Date(NOW + 10 * MIN).toISOString());
  assert.equal(back.lastNew, 3);
});

test("a 304 keeps the validators and body hash held; a full fetch records when it was made", () => {
  const s = source({ etag: '"old"', bodyHash: "h0", fullFetchAt: "2024-02-01T00:00:00.000Z" });
  const p = afterPoll(s, { ok: true, status: "not-modified", newPages: 0, etag: null, lastModified: null, bodyHash: null, full: false }, NOW);
  assert.deepEqual([p.etag, p.bodyHash, p.fullFetchAt, p.lastStatus], ['"old"', "h0", "2024-02-01T00:00:00.000Z", "not-modified"]);
  const q = afterPoll(s, ok(1), NOW);
  assert.deepEqual([q.etag, q.bodyHash, q.fullFetchAt], ['"n"', "b", new Date(NOW).toISOString()]);
});

test("failures back off doubling (or by Retry-After) and disable the source after maxFailures in a row", () => {
  let s = source();
  const waits: number[] = [];
  for (let i = 0; i < SCHEDULE_DEFAULTS.maxFailures; i++) {
    const p = afterPoll(s, { ok: false, error: "HTTP 500" }, NOW);
    waits.push((Date.parse(p.nextPollAt) - NOW) / MIN);
    assert.equal(p.disabledAt !== null, i === SCHEDULE_DEFAULTS.maxFailures - 1);
    s = { ...s, ...p };
  }
  assert.deepEqual(waits, [10, 20, 40, 80, 160]);
  assert.equal(s.lastError, "HTTP 500");
  const asked = afterPoll(source(), { ok: false, error: "HTTP 429", retryAfterMs: 3 * 3_600_000 }, NOW);
  assert.equal(Date.parse(asked.nextPollAt) - NOW, 3 * 3_600_000);
  // A success clears the failures.
  assert.equal(afterPoll(source({ failures: 3 }), ok(0), NOW).failures, 0);
});
