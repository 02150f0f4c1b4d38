// `npm run bench -- jobs [--articles N] [--pairs P] [--jobs J] [--json]`: what
// `ingest --jobs J` gains over `--jobs 1` on this machine. Writes N generated,
// distinct articles (./articles.ts) as text files into a temporary folder, then
// runs `newsgraph ingest <folder> --db <fresh store>` P times with each setting,
// in pairs whose order alternates (1 then J, J then 1, …) so that a machine that
// speeds up or slows down over the run favours neither. Reports each run's wall
// time, each pair's ratio (the --jobs 1 time over the --jobs J time), their
// median, and the best of the P runs of each setting over each other.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ArticleGenerator } from "./articles.js";
import { countOptions } from "./args.js";
import { median } from "./stats.js";

const CLI = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
const DEFAULTS = { articles: 2000, pairs: 3, jobs: 2 };

interface Run {
  jobs: number;
  seconds: number;
  added: number;
}

/** The generated articles as text pages (headline, blank line, paragraphs), one file each. */
function writeArticles(folder: string, n: number): void {
  const generator = new ArticleGenerator();
  const width = String(n).length;
  for (let i = 0; i < n; i++) {
    writeFileSync(join(folder, `${String(i).padStart(width, "0")}.txt`), ArticleGenerator.page(generator.article(i)));
  }
}

/** One `ingest` of the folder into a fresh store: wall time and the articles it added. */
function ingest(folder: string, db: string, jobs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, "ingest", folder, "--db", db, "--jobs", String(jobs), "--no-progress", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`ingest --jobs ${jobs} exited with ${code}: ${err.trim().split("\n")[0] ?? ""}`));
      try {
        const { added } = JSON.parse(out) as { added: number };
        resolve({ jobs, seconds: Math.round(seconds * 10) / 10, added });
      } catch {
        reject(new Error(`ingest --jobs ${jobs} printed no JSON summary`));
      }
    });
  });
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export async function run(args: string[]): Promise<number> {
  const o = countOptions(args, DEFAULTS);
  if (o.jobs < 2) throw new Error("--jobs must be 2 or more: it is compared with --jobs 1");
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-jobs-bench-"));
  const log = (line: string) => {
    if (!o.json) console.log(line);
  };
  try {
    const folder = join(dir, "articles");
    mkdirSync(folder);
    writeArticles(folder, o.articles);
    log(`jobs: ${o.articles} generated articles, --jobs 1 against --jobs ${o.jobs}, ${o.pairs} pairs (${availableParallelism()} processors)`);
    const pairs: { single: Run; parallel: Run; ratio: number }[] = [];
    for (let p = 0; p < o.pairs; p++) {
      const order = p % 2 === 0 ? [1, o.jobs] : [o.jobs, 1];
      const runs = new Map<number, Run>();
      for (const jobs of order) {
        const db = join(dir, `store-${p}-${jobs}.db`);
        const r = await ingest(folder, db, jobs);
        if (r.added !== o.articles) throw new Error(`ingest --jobs ${jobs} added ${r.added} of ${o.articles} articles`);
        rmSync(db, { force: true });
        runs.set(jobs, r);
        log(`  pair ${p + 1}: --jobs ${jobs} ${r.seconds} s`);
      }
      const [single, parallel] = [runs.get(1) as Run, runs.get(o.jobs) as Run];
      pairs.push({ single, parallel, ratio: round2(single.seconds / parallel.seconds) });
    }
    const bestSingle = Math.min(...pairs.map((p) => p.single.seconds));
    const bestParallel = Math.min(...pairs.map((p) => p.parallel.seconds));
    const result = {
      task: "jobs",
      articles: o.articles,
      jobs: o.jobs,
      processors: availableParallelism(),
      pairs: pairs.map((p) => ({ jobs1Seconds: p.single.seconds, jobsNSeconds: p.parallel.seconds, ratio: p.ratio })),
      medianRatio: round2(median(pairs.map((p) => p.ratio))),
      bestOf: { jobs1Seconds: bestSingle, jobsNSeconds: bestParallel, ratio: round2(bestSingle / bestParallel) },
    };
    if (o.json) console.log(JSON.stringify(result));
    else {
      console.log(`ratio per pair: ${pairs.map((p) => `${p.ratio}×`).join(" / ")} (median ${result.medianRatio}×)`);
      console.log(`best of ${o.pairs}: --jobs 1 ${bestSingle} s, --jobs ${o.jobs} ${bestParallel} s: ${result.bestOf.ratio}×`);
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
