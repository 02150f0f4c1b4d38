import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { SqliteStore } from "../store/sqlite.js";
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
  const store = new SqliteStore(dir.file("stop.db"));
  let seen = 0;
  const s = await ingestInto(store, [dir.file("stop")], {}, { onItem: () => seen++, stopped: () => seen >= 3 });
  assert.equal(s.interrupted, true);
  assert.equal(s.added, 3);
  assert.equal(store.stats().articles, 3);
  store.close();
});

test("killing an ingest half-way leaves a consistent database", async () => {
  writeArticles("kill", 400);
  const db = dir.file("kill.db");
  const child = spawn(process.execPath, [BIN, "ingest", dir.file("kill"), "--db", db, "--no-progress"], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 1200));
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
  const conn = new Database(db);
  assert.equal(conn.pragma("integrity_check", { simple: true }), "ok");
  const articles = (conn.prepare("SELECT COUNT(*) AS n FROM articles").get() as { n: number }).n;
  const indexed = (conn.prepare("SELECT COUNT(*) AS n FROM articles_fts").get() as { n: number }).n;
  conn.close();
  assert.equal(indexed, articles);
  // Resuming adds the rest and repeats none.
  const store = new SqliteStore(db);
  const s = await ingestInto(store, [dir.file("kill")], {});
  assert.equal(s.unchanged, articles);
  assert.equal(s.added, 400 - articles);
  store.close();
});

test("analysis in worker threads stores the same articles, in the same order", async () => {
  writeArticles("jobs", 12);
  dir.write("jobs/bad.jsonl", '{"title": "no body"}\n');
  const one = new SqliteStore(dir.file("jobs-1.db"));
  const two = new SqliteStore(dir.file("jobs-2.db"));
  const a = await ingestInto(one, [dir.file("jobs")], {});
  const b = await ingestInto(two, [dir.file("jobs")], {}, {}, 2);
  assert.deepEqual(b.ids, a.ids);
  assert.deepEqual(b.failures, a.failures);
  assert.equal(b.added, 12);
  for (const { id } of a.ids) assert.deepEqual(two.get(id), one.get(id));
  one.close();
  two.close();
});
