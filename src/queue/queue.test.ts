// The work queue on a real PostgreSQL server (NEWSGRAPH_TEST_PG; skipped with a
// message when there is none, except on CI): one job and one record for an
// article queued twice; a failed job kept with its error and queued again;
// SIGTERM finishing the jobs in hand; and two worker processes over 2,000
// articles (500 with the store in PostgreSQL), one killed with SIGKILL mid-run
// and restarted, storing exactly the input set. Each runs with the store in a SQLite file shared by the workers and
// with the store in PostgreSQL (the queue then beside it, at the store's address).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openStore } from "../store/open.js";
import { WorkQueue } from "../store/queue.js";
import { runCli } from "../testing/cli.js";
import { skipWithoutPostgres, testAddress } from "../testing/postgres.js";
import { startCli, type WorkerProcess } from "../testing/queue-workers.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";
import { jobKey } from "./jobs.js";

const skip = await skipWithoutPostgres();
/** Articles of the crash test: 2,000 on SQLite; on PostgreSQL, whose store writes an article more slowly, 500 keep the suite's time in bounds. */
const CRASH_ARTICLES = { sqlite: 2000, postgres: 500 } as const;
/** The worker to be killed has stored this share of the articles first. */
const KILL_AFTER_SHARE = 1 / 8;
/** A moment after a batch is reported, so that the next batch is in hand. */
const KILL_DELAY_MS = 30;

let dir = "";
const addresses: string[] = [];

before(() => {
  dir = mkdtempSync(join(tmpdir(), "newsgraph-queue-"));
});

after(async () => {
  for (const a of addresses) {
    const q = await WorkQueue.open(a);
    await q.drop();
    await q.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A queue of the test's own (its schema dropped after the run). */
function queueAddress(name: string): string {
  const a = testAddress(name);
  addresses.push(a);
  return a;
}

/**
 * The store of a test on one back end and the arguments that name its queue (`q`)
 * and its store and queue (`w`): a SQLite file with a queue of its own, or a
 * PostgreSQL store with the queue beside it (found from --db).
 */
function setup(backend: (typeof STORE_BACKENDS)[number], name: string): { db: string; q: string[]; w: string[] } {
  if (backend.name === "sqlite") {
    const db = join(dir, `${name}.db`);
    const q = ["--queue-db", queueAddress(name)];
    return { db, q, w: ["--db", db, ...q] };
  }
  const db = backend.address(name);
  addresses.push(db);
  return { db, q: ["--db", db], w: ["--db", db] };
}

function title(i: number): string {
  return `Harbour plan ${i} approved by the council`;
}

/** n small distinct articles in a new folder. */
function articles(name: string, n: number): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(folder, `a${i}.txt`), `${title(i)}\n\nThe council of the town voted on plan ${i} on Tuesday.\n`);
  return folder;
}

async function storedTitles(db: string): Promise<string[]> {
  const store = await openStore(db, { readonly: true });
  try {
    const out: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await store.list({ limit: 500, offset });
      out.push(...page.articles.map((a) => a.title));
      if (page.articles.length < 500) return out;
    }
  } finally {
    await store.close();
  }
}

test("jobKey: the canonical URL when the input has one, else the hash of its text", () => {
  const raw = { source: "a.txt", mediaType: "text/plain" as const, text: "Title\n\nBody.", hints: {} };
  assert.match(jobKey(raw), /^sha256:[0-9a-f]{64}$/u);
  assert.equal(jobKey({ ...raw, source: "b.txt" }), jobKey(raw));
  assert.equal(jobKey({ ...raw, hints: { url: "https://Example.com/a?utm_source=x#top" } }), "url:https://example.com/a");
});

for (const backend of STORE_BACKENDS) {
  const on = `(store: ${backend.name})`;
  const skipHere = skip || backend.skip;

  test(`an article queued twice is one job and one record ${on}`, { skip: skipHere }, async () => {
    const { db, q, w } = setup(backend, "twice");
    const folder = articles(`twice-${backend.name}`, 3);
    writeFileSync(join(folder, "copy.txt"), `${title(0)}\n\nThe council of the town voted on plan 0 on Tuesday.\n`);
    const first = await runCli("ingest", folder, "--queue", ...q, "--json");
    assert.equal(first.code, 0, first.err);
    assert.deepEqual([JSON.parse(first.out).enqueued, JSON.parse(first.out).known], [3, 1]);
    const second = await runCli("ingest", folder, "--queue", ...q, "--json");
    assert.deepEqual([JSON.parse(second.out).enqueued, JSON.parse(second.out).known], [0, 4]);
    const work = await runCli("worker", ...w, "--until-empty", "--poll", "200ms");
    assert.equal(work.code, 0, work.err);
    const lines = work.out.trim().split("\n").map((l) => JSON.parse(l) as { event: string });
    assert.deepEqual(lines.map((l) => l.event), ["stored", "stored", "stored", "done"]);
    assert.equal((await storedTitles(db)).length, 3);
    const status = await runCli("queue", "status", ...q, "--json");
    assert.deepEqual(JSON.parse(status.out), { queued: 0, active: 0, completed: 3, failed: 0 });
  });

  test(`a failed job is kept with its error and \`queue retry\` queues it again ${on}`, { skip: skipHere }, async () => {
    const { db, q, w } = setup(backend, "failed");
    const folder = articles(`failed-${backend.name}`, 1);
    assert.equal((await runCli("ingest", folder, "--queue", ...q, "--retries", "0")).code, 0);
    const failing = await runCli("worker", ...w, "--until-empty", "--max-tokens", "3");
    assert.equal(failing.code, 0, failing.err);
    assert.match(failing.out, /"event":"failed".*max-tokens exceeded/u);
    const failed = JSON.parse((await runCli("queue", "failed", ...q, "--json")).out) as { id: string; source: string; error: string; attempts: number }[];
    assert.equal(failed.length, 1);
    assert.match(failed[0].source, /a0\.txt$/u);
    assert.match(failed[0].error, /max-tokens exceeded/u);
    assert.equal(failed[0].attempts, 1);
    assert.deepEqual(JSON.parse((await runCli("queue", "status", ...q, "--json")).out), { queued: 0, active: 0, completed: 0, failed: 1 });
    const text = (await runCli("queue", "failed", ...q)).out;
    assert.ok(text.includes(failed[0].id) && text.includes("max-tokens exceeded"), text);

    const bad = await runCli("queue", "retry", "not-a-job", ...q);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^newsgraph: not a job id: "not-a-job"/u);
    const retried = await runCli("queue", "retry", failed[0].id, ...q, "--json");
    assert.deepEqual(JSON.parse(retried.out), { retried: 1 });
    const again = await runCli("worker", ...w, "--until-empty");
    assert.match(again.out, /"event":"stored".*"attempt":1.*"status":"added"/u);
    assert.deepEqual(await storedTitles(db), [title(0)]);
    assert.deepEqual(JSON.parse((await runCli("queue", "status", ...q, "--json")).out), { queued: 0, active: 0, completed: 1, failed: 0 });
  });

  const n = CRASH_ARTICLES[backend.name];
  test(`two workers over ${n.toLocaleString("en")} articles, one killed with SIGKILL and restarted: every article stored once ${on}`, { skip: skipHere }, async () => {
    const { db, q, w } = setup(backend, "crash");
    const folder = articles(`crash-${backend.name}`, n);
    const queued = await runCli("ingest", folder, "--queue", ...q, "--lease", "2s", "--retry-delay", "1s", "--json");
    assert.equal(JSON.parse(queued.out).enqueued, n);
    const args = ["worker", ...w, "--until-empty", "--poll", "200ms"];
    let killed = false;
    const stored = (p: WorkerProcess) => p.lines.filter((l) => l.event === "stored").length;
    const victim = startCli(args, (_, p) => {
      if (!killed && stored(p) >= n * KILL_AFTER_SHARE) {
        killed = true;
        setTimeout(() => p.child.kill("SIGKILL"), KILL_DELAY_MS);
      }
    });
    const other = startCli(args);
    const end = await victim.exited;
    assert.equal(end.code, null, `the worker to be killed ended by itself: ${end.stderr}`);
    const restarted = startCli(args);
    const results = await Promise.all([other.exited, restarted.exited]);
    for (const r of results) assert.equal(r.code, 0, r.stderr);

    const titles = await storedTitles(db);
    assert.equal(titles.length, n);
    assert.deepEqual(new Set(titles), new Set(Array.from({ length: n }, (_, i) => title(i))));
    const lines = [victim, other, restarted].flatMap((p) => p.lines).filter((l) => l.event !== "done");
    assert.equal(lines.filter((l) => l.event === "failed").length, 0);
    // The killed worker's jobs in hand came back when their lease ran out and were done by another.
    assert.ok(lines.some((l) => (l.attempt ?? 0) > 0), "no job was taken a second time");
    assert.ok(stored(victim) >= n * KILL_AFTER_SHARE && stored(victim) < n);
    assert.deepEqual(JSON.parse((await runCli("queue", "status", ...q, "--json")).out), { queued: 0, active: 0, completed: n, failed: 0 });
  });
}

test("without a PostgreSQL queue the worker says how to name one", async () => {
  const saved = process.env.NEWSGRAPH_QUEUE;
  delete process.env.NEWSGRAPH_QUEUE;
  try {
    const r = await runCli("worker", "--db", join(dir, "none.db"));
    assert.equal(r.code, 2);
    assert.match(r.err, /^newsgraph: no work queue: give --queue-db postgres:\/\/…/u);
    const wrong = await runCli("queue", "status", "--queue-db", "queue.db");
    assert.match(wrong.err, /^newsgraph: the work queue lives in PostgreSQL/u);
  } finally {
    if (saved !== undefined) process.env.NEWSGRAPH_QUEUE = saved;
  }
});

test("SIGTERM: the worker finishes the articles in hand and leaves nothing leased", { skip }, async () => {
  const q = queueAddress("sigterm");
  const folder = articles("sigterm", 200);
  const db = join(dir, "sigterm.db");
  assert.equal((await runCli("ingest", folder, "--queue", "--queue-db", q)).code, 0);
  const w = startCli(["worker", "--db", db, "--queue-db", q], (l, p) => {
    if (l.event === "stored" && p.lines.length === 1) p.child.kill("SIGTERM");
  });
  const { code, stderr } = await w.exited;
  assert.equal(code, 0, stderr);
  const done = w.lines.at(-1);
  assert.equal(done?.event, "done");
  const stored = w.lines.filter((l) => l.event === "stored").length;
  assert.ok(stored > 0 && stored < 200, `${stored} stored`);
  const status = JSON.parse((await runCli("queue", "status", "--queue-db", q, "--json")).out) as { queued: number; active: number; completed: number };
  assert.deepEqual(status, { queued: 200 - stored, active: 0, completed: stored, failed: 0 });
  assert.equal((await storedTitles(db)).length, stored);
});
