import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openStore } from "../store/open.js";
import type { Store } from "../store/store.js";
import { GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { ingestInto } from "./ingest.js";

const BIN = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
const dir = new TempDir();
after(() => dir.remove());

function writeArticles(folder: string, n: number): void {
  for (let i = 0; i < n; i++) {
    dir.write(`${folder}/${String(i).padStart(4, "0")}.txt`, GREEK_PAGE.replace("Νίκος Δημητρίου", `Νίκος Δημητρίου (άρθρο ${i})`));
  }
}

test("a stop request ends the ingest after the current article, keeping what was stored", async () => {
  writeArticles("stop", 10);
  const store = await openStore(dir.file("stop.db"));
  let seen = 0;
  const s = await ingestInto(store, [dir.file("stop")], {}, { onItem: () => seen++, stopped: () => seen >= 3 });
  assert.equal(s.interrupted, true);
  assert.equal(s.added, 3);
  assert.equal((await store.stats()).articles, 3);
  await store.close();
});

test("killing an ingest half-way leaves a consistent database", async () => {
  writeArticles("kill", 400);
  const db = dir.file("kill.db");
  const child = spawn(process.execPath, [BIN, "ingest", dir.file("kill"), "--db", db, "--no-progress"], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 1200));
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
  const store = await openStore(db);
  const { articles, indexed } = await store.stats();
  assert.equal(indexed, articles);
  assert.equal((await store.list({ limit: 1000 })).articles.length, articles);
  // Resuming adds the rest and repeats none.
  const s = await ingestInto(store, [dir.file("kill")], {});
  assert.equal(s.unchanged, articles);
  assert.equal(s.added, 400 - articles);
  await store.close();
});

test("analysis in worker threads stores the same articles, in the same order", async () => {
  writeArticles("jobs", 12);
  dir.write("jobs/bad.jsonl", '{"title": "no body"}\n');
  const one = await openStore(dir.file("jobs-1.db"));
  const two = await openStore(dir.file("jobs-2.db"));
  const a = await ingestInto(one, [dir.file("jobs")], {});
  const b = await ingestInto(two, [dir.file("jobs")], {}, {}, 2);
  assert.deepEqual(b.ids, a.ids);
  assert.deepEqual(b.failures, a.failures);
  assert.equal(b.added, 12);
  for (const { id } of a.ids) assert.deepEqual(await two.get(id), await one.get(id));
  // The search keys and fingerprints the workers prepared are the ones this thread makes.
  const hits = async (store: Store, query: string) => (await store.search(query, { limit: 20 })).hits.map(({ ingestedAt, ...hit }) => hit);
  assert.deepEqual(await hits(two, "Δημητρίου"), await hits(one, "Δημητρίου"));
  assert.deepEqual(await hits(two, "άρθρο 7"), await hits(one, "άρθρο 7"));
  assert.deepEqual((await two.stats()).indexed, 12);
  await one.close();
  await two.close();
});
