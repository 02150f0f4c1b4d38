// `npm run bench -- extraction [--json] [--rounds <n>] [--data <dir>]`: pages per
// second of our extractor and of Readability.js over linkedom on the same 181
// benchmark pages, in one process, alternating rounds after a warm-up pass;
// reports both rates and their ratio (ours / Readability.js).
import { performance } from "node:perf_hooks";
import { DEFAULT_DATA_DIR, loadBenchmark, newsgraphBody, readabilityBody } from "../eval/extraction.js";
import type { BenchPage, BodyExtractor } from "../eval/extraction.js";

const DEFAULT_ROUNDS = 3;

interface Options {
  json: boolean;
  rounds: number;
  data: string;
}

function parseArgs(args: string[]): Options {
  const opts: Options = { json: false, rounds: DEFAULT_ROUNDS, data: DEFAULT_DATA_DIR };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") opts.json = true;
    else if (a === "--rounds" && args[i + 1]) opts.rounds = Number(args[++i]);
    else if (a === "--data" && args[i + 1]) opts.data = args[++i];
    else throw new Error(`unknown option "${a}" (options: --json, --rounds <n>, --data <dir>)`);
  }
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error("--rounds must be a positive integer");
  return opts;
}

/** Milliseconds for one pass over the pages. */
function pass(pages: BenchPage[], extract: BodyExtractor): number {
  const t0 = performance.now();
  let chars = 0;
  for (const p of pages) chars += extract(p).length;
  if (chars < 0) throw new Error("unreachable");
  return performance.now() - t0;
}

export async function run(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  const pages = loadBenchmark(opts.data);
  const systems: [string, BodyExtractor][] = [["newsgraph", newsgraphBody], ["readability", readabilityBody]];
  for (const [, extract] of systems) pass(pages, extract);
  const ms: Record<string, number> = { newsgraph: 0, readability: 0 };
  for (let r = 0; r < opts.rounds; r++) for (const [name, extract] of systems) ms[name] += pass(pages, extract);
  const rate = (name: string) => (pages.length * opts.rounds * 1000) / ms[name];
  const result = {
    newsgraph: { pagesPerSec: Number(rate("newsgraph").toFixed(1)) },
    readability: { pagesPerSec: Number(rate("readability").toFixed(1)) },
    ratio: Number((rate("newsgraph") / rate("readability")).toFixed(2)),
  };
  if (opts.json) console.log(JSON.stringify(result));
  else {
    console.log(`pages: ${pages.length} × ${opts.rounds} rounds (after a warm-up pass)`);
    console.log(`newsgraph               ${result.newsgraph.pagesPerSec} pages/s`);
    console.log(`Readability.js+linkedom ${result.readability.pagesPerSec} pages/s`);
    console.log(`ratio                   ${result.ratio}×`);
  }
  return 0;
}
