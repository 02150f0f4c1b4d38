// `npm run bench -- store [--processes <n>] [--articles <n>] [--json]`: n concurrent
// `newsgraph ingest` processes on one new store, each with its own articles;
// every article must be stored, with no errors and a sound store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { concurrentIngest } from "../testing/concurrent-ingest.js";
import { countOptions } from "./args.js";

const DEFAULT_PROCESSES = 8;
const DEFAULT_ARTICLES = 150;


export async function run(args: string[]): Promise<number> {
  const o = countOptions(args, { processes: DEFAULT_PROCESSES, articles: DEFAULT_ARTICLES });
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-store-bench-"));
  try {
    const r = await concurrentIngest({ dir, processes: o.processes, articlesPerProcess: o.articles });
    if (o.json) {
      console.log(JSON.stringify({ task: "store", processes: o.processes, articlesPerProcess: o.articles, stored: r.stored, expected: r.expected, errors: r.errors, integrity: r.integrity, seconds: Number(r.seconds.toFixed(1)) }));
    } else {
      console.log(`${o.processes} concurrent ingest processes × ${o.articles} articles: ${r.stored}/${r.expected} stored · ${r.errors.length} errors · integrity ${r.integrity} · ${r.seconds.toFixed(1)} s`);
      for (const e of r.errors.slice(0, 10)) console.log(`  ${e}`);
    }
    return r.stored === r.expected && !r.errors.length && r.integrity === "ok" ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
