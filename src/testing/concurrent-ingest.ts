// Several `newsgraph ingest` processes writing one new store at once, each on
// its own folder of small distinct generated articles; then what the store
// holds. Used by the store test (a few processes) and `npm run bench -- store`.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "../store/open.js";

const CLI = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
const STORE_FILE = "shared.db";

export interface ConcurrentIngestOptions {
  /** A folder for the articles and the store. */
  dir: string;
  processes: number;
  articlesPerProcess: number;
}

export interface ConcurrentIngestResult {
  expected: number;
  stored: number;
  /** Articles the processes reported as failed, and processes that exited with an error. */
  errors: string[];
  integrity: string;
  seconds: number;
}

/** A small article, distinct for each (process, number). */
function article(p: number, i: number): string {
  return (
    `Council ${p}-${i} approves harbour plan ${i}\n\n` +
    `The council of town ${p} voted on plan ${i} on Tuesday. Mayor Anna Smith said the harbour project ${p}x${i} would bring jobs.\n\n` +
    `Officials expect work in district ${i} of town ${p} to start next year.\n`
  );
}

function ingest(folder: string, db: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "ingest", folder, "--db", db, "--json", "--no-progress"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export async function concurrentIngest(o: ConcurrentIngestOptions): Promise<ConcurrentIngestResult> {
  const folders: string[] = [];
  for (let p = 0; p < o.processes; p++) {
    const folder = join(o.dir, `in-${p}`);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < o.articlesPerProcess; i++) writeFileSync(join(folder, `a${i}.txt`), article(p, i));
    folders.push(folder);
  }
  const db = join(o.dir, STORE_FILE);
  const started = performance.now();
  const runs = await Promise.all(folders.map((f) => ingest(f, db)));
  const seconds = (performance.now() - started) / 1000;
  const errors: string[] = [];
  runs.forEach((r, p) => {
    if (r.code !== 0) errors.push(`process ${p} exited with ${r.code}: ${r.stderr.trim()}`);
    try {
      const summary = JSON.parse(r.stdout) as { failures: { source: string; error: string }[] };
      for (const f of summary.failures) errors.push(`${f.source}: ${f.error}`);
    } catch {
      errors.push(`process ${p} printed no summary`);
    }
  });
  const store = await openStore(db, { readonly: true });
  try {
    return {
      expected: o.processes * o.articlesPerProcess,
      stored: (await store.stats()).articles,
      errors,
      integrity: await store.integrityCheck(),
      seconds,
    };
  } finally {
    await store.close();
  }
}
