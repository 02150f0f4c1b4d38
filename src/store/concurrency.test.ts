import { strict as assert } from "node:assert";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { concurrentIngest } from "../testing/concurrent-ingest.js";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { SCHEMA_VERSION } from "./migrations.js";
import { openStore } from "./open.js";
import { SqliteStore } from "./sqlite.js";
import { StoreError } from "./store.js";

const dir = new TempDir();
after(() => {
  chmodSync(dir.path, 0o700);
  dir.remove();
});
const pipeline = defaultPipeline();
const SQLITE_MODULE = new URL("./sqlite.js", import.meta.url).href;
const OPEN_MODULE = new URL("./open.js", import.meta.url).href;
/** An unprivileged user for the read-only test when the tests run as root (who may write anywhere). */
const NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"];

function node(script: string, args: string[] = []): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

test("four concurrent ingest processes on one new store lose nothing", async () => {
  const r = await concurrentIngest({ dir: dir.file("ingest"), processes: 4, articlesPerProcess: 30 });
  assert.deepEqual(r.errors, []);
  assert.equal(r.stored, r.expected);
  assert.equal(r.integrity, "ok");
});

test("processes opening a new store at once migrate it once, without errors", async () => {
  const file = dir.file("race.db");
  const script = `import { SqliteStore } from ${JSON.stringify(SQLITE_MODULE)};\nconst s = new SqliteStore(process.argv[1]);\nawait s.close();`;
  const runs = await Promise.all(Array.from({ length: 8 }, () => node(script, [file])));
  assert.deepEqual(runs.filter((r) => r.code !== 0).map((r) => r.out), []);
  const db = new Database(file, { readonly: true });
  assert.equal(db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  db.close();
});

test("a write waits for another process's lock, and fails in one line when it is held too long", async () => {
  const file = dir.file("busy.db");
  const store = new SqliteStore(file, { busyTimeoutMs: 20, retries: 3, retryDelayMs: 40 });
  const other = new Database(file);
  other.exec("BEGIN IMMEDIATE");
  setTimeout(() => other.exec("COMMIT"), 60);
  assert.equal((await store.put(pipeline.run(buildDoc(parseTextPage(GREEK_PAGE))))).status, "added");
  other.exec("BEGIN IMMEDIATE");
  await assert.rejects(store.put(pipeline.run(buildDoc(parseTextPage(ENGLISH_PAGE)))), (e: unknown) => e instanceof StoreError && /stayed busy/.test(e.message));
  other.exec("ROLLBACK");
  other.close();
  assert.equal((await store.stats()).articles, 1);
  assert.equal(await store.integrityCheck(), "ok");
  await store.close();
});

const canDropPrivileges = process.getuid?.() !== 0 || spawnSync("setpriv", ["--version"]).status === 0;

test("a store in a folder the user cannot write opens read-only and can be searched", { skip: !canDropPrivileges }, async () => {
  const folder = dir.file("readonly");
  mkdirSync(folder);
  const file = `${folder}/news.db`;
  const store = await openStore(file);
  await store.put(pipeline.run(buildDoc(parseTextPage(GREEK_PAGE))));
  await store.close();
  assert.equal(existsSync(`${file}-wal`) || existsSync(`${file}-shm`), false, "a closed store leaves no -wal or -shm");
  chmodSync(dir.path, 0o755);
  chmodSync(folder, 0o555);
  chmodSync(file, 0o444);
  const script = `import { openStore } from ${JSON.stringify(OPEN_MODULE)};
const s = await openStore(process.argv[1], { readonly: true });
console.log((await s.search("κυπρος")).total, await s.integrityCheck());
await s.close();`;
  const args = ["--input-type=module", "-e", script, file];
  const out =
    process.getuid?.() === 0
      ? execFileSync("setpriv", [...NOBODY, process.execPath, ...args], { encoding: "utf8" })
      : execFileSync(process.execPath, args, { encoding: "utf8" });
  assert.equal(out.trim(), "1 ok");
  chmodSync(folder, 0o755);
});
