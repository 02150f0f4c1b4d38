// `npm run bench -- kill [--trials <n>] [--articles <n>] [--json]`: kill -9 trials of
// `newsgraph ingest`. Each trial ingests generated articles into a new store
// (every other trial with --jobs 2), counts what another reader sees committed
// at a random moment, kills the process at once with SIGKILL, and checks that
// nothing counted is lost, nothing is half-written (integrity check, every
// article indexed and readable), and that a resumed ingest adds exactly the rest.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ingestInto } from "../cli/ingest.js";
import { fromRecord } from "../doc/record.js";
import { openStore } from "../store/open.js";
import { countOptions } from "./args.js";

const CLI = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
const DEFAULT_TRIALS = 10;
const DEFAULT_ARTICLES = 3000;
/** The kill comes this long after the start, at random: from before the first article to past a few commits (every 10 s or 500 articles). */
const KILL_AFTER_MS = { min: 500, max: 15_000 };
const PAGE = 1000;

function article(i: number): string {
  return (
    `Harbour board ${i} meets on the new quay\n\n` +
    `The harbour board met on Tuesday to discuss quay ${i}. Chairman John Miller said the works would start in spring, according to the minutes.\n\n` +
    `Unions asked for a vote on plan ${i} before any contract is signed.\n`
  );
}

/** What a reader of the store sees: articles, indexed articles, and whether every record reads back. */
async function inspect(db: string): Promise<{ articles: number; indexed: number; integrity: string; unreadable: number }> {
  // Killed before it created the store: nothing was written.
  if (!existsSync(db)) return { articles: 0, indexed: 0, integrity: "ok", unreadable: 0 };
  const store = await openStore(db, { readonly: true });
  try {
    const { articles, indexed } = await store.stats();
    let unreadable = 0;
    for (let offset = 0; offset < articles; offset += PAGE) {
      for (const a of (await store.list({ limit: PAGE, offset })).articles) {
        const record = await store.get(a.id);
        if (!record || fromRecord(record).id !== a.id) unreadable++;
      }
    }
    return { articles, indexed, integrity: await store.integrityCheck(), unreadable };
  } finally {
    await store.close();
  }
}

async function committed(db: string): Promise<number> {
  try {
    const store = await openStore(db, { readonly: true });
    try {
      return (await store.stats()).articles;
    } finally {
      await store.close();
    }
  } catch {
    return 0;
  }
}

export async function run(args: string[]): Promise<number> {
  const o = countOptions(args, { trials: DEFAULT_TRIALS, articles: DEFAULT_ARTICLES });
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-kill-bench-"));
  let bad = 0;
  let killed = 0;
  const trials: { jobs: number; killedAfterMs: number | null; committedBefore: number; storedAfter: number; integrity: string; problems: string[] }[] = [];
  const log = (line: string) => {
    if (!o.json) console.log(line);
  };
  try {
    const folder = join(dir, "in");
    mkdirSync(folder);
    for (let i = 0; i < o.articles; i++) writeFileSync(join(folder, `a${String(i).padStart(5, "0")}.txt`), article(i));
    for (let t = 0; t < o.trials; t++) {
      const db = join(dir, `trial-${t}.db`);
      const jobs = t % 2 ? ["--jobs", "2"] : [];
      const child = spawn(process.execPath, [CLI, "ingest", folder, "--db", db, "--no-progress", ...jobs], { stdio: "ignore" });
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      const delay = Math.round(KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
      await new Promise((r) => setTimeout(r, delay));
      const seen = await committed(db);
      child.kill("SIGKILL");
      const code = await exited;
      const after = await inspect(db);
      const store = await openStore(db);
      const resumed = await ingestInto(store, [folder], {});
      await store.close();
      const final = await inspect(db);
      const problems = [
        after.articles < seen ? `lost ${seen - after.articles} committed articles` : "",
        after.integrity !== "ok" ? `integrity: ${after.integrity}` : "",
        after.indexed !== after.articles ? `${after.articles - after.indexed} articles not indexed` : "",
        after.unreadable ? `${after.unreadable} unreadable records` : "",
        resumed.unchanged !== after.articles || resumed.added !== o.articles - after.articles ? `resume: ${resumed.added} added, ${resumed.unchanged} unchanged` : "",
        final.articles !== o.articles || final.integrity !== "ok" ? `after resuming: ${final.articles} articles, integrity ${final.integrity}` : "",
      ].filter(Boolean);
      if (problems.length) bad++;
      if (code === null) killed++;
      const when = code === null ? `killed after ${delay} ms` : `finished before the kill (${delay} ms)`;
      trials.push({ jobs: jobs.length ? 2 : 1, killedAfterMs: code === null ? delay : null, committedBefore: seen, storedAfter: after.articles, integrity: after.integrity, problems });
      log(`trial ${t + 1}${jobs.length ? " (--jobs 2)" : ""}: ${when}; ${seen} committed before, ${after.articles} stored after, integrity ${after.integrity}; resumed +${resumed.added} → ${final.articles}/${o.articles}${problems.length ? ` ✗ ${problems.join("; ")}` : " ✓"}`);
    }
    if (o.json) console.log(JSON.stringify({ task: "kill", trials: o.trials, passed: o.trials - bad, killedMidRun: killed, results: trials }));
    log(`${o.trials - bad} of ${o.trials} trials (${killed} killed mid-run) lost nothing and left nothing half-written`);
    return bad ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
