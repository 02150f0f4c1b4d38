// `npm run bench -- stories [--small N] [--large N] [--probes N] [--json]`: the
// cost of copy detection and story assignment beside the whole pipeline's, in
// a store of 1,000 and of 10,000 articles. The stores are built once by this
// script from generated, distinct articles (./articles.ts: sentences of the
// ../shared/data corpora) and kept in the temporary folder for the next run
// (the small one is a snapshot of the large one on the way); each run copies
// them and stores the same new probe articles into each copy, timing the
// pipeline, the whole put, and the copies and stories tables inside it. Flat
// assignment times across the two sizes, while the stories grow tenfold, show
// that assigning does not grow with the number of stories.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Doc } from "../doc/doc.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import type { Pipeline } from "../pipeline/pipeline.js";
import { SqliteStore } from "../store/sqlite.js";
import { ArticleGenerator } from "./articles.js";
import { countOptions } from "./args.js";

const DEFAULTS = { small: 1000, large: 10_000, probes: 100 };
const CACHE_DIR = join(tmpdir(), "newsgraph-bench-stories");
/** Probe articles are numbered after every stored one, so they are new to both stores. */
const PROBE_OFFSET = 1_000_000;
const PROGRESS_EVERY = 1000;
const COPIES_TABLE = "copies";
const STORIES_TABLE = "stories";

interface Timing {
  articles: number;
  stories: number;
  /** Per probe article, in milliseconds: median and 90th percentile. */
  pipelineMs: Quantiles;
  putMs: Quantiles;
  copiesMs: Quantiles;
  storiesMs: Quantiles;
  /** The stories table's median beside the pipeline's and the put's together. */
  storiesShare: number;
}

interface Quantiles {
  p50: number;
  p90: number;
}

function quantiles(xs: number[]): Quantiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 1000) / 1000;
  return { p50: at(0.5), p90: at(0.9) };
}

function analyse(pipeline: Pipeline, generator: ArticleGenerator, i: number): Doc {
  const a = generator.article(i);
  return pipeline.run(buildDoc({ title: a.title, paragraphs: a.paragraphs, related: [], meta: {} }));
}

const storeFile = (n: number) => join(CACHE_DIR, `store-${n}.db`);

/** Build the stores that are missing: the large one, with a snapshot at the small size on the way. */
async function buildStores(small: number, large: number, pipeline: Pipeline, generator: ArticleGenerator): Promise<void> {
  if (existsSync(storeFile(small)) && existsSync(storeFile(large))) return;
  mkdirSync(CACHE_DIR, { recursive: true });
  const building = join(CACHE_DIR, `building-${process.pid}.db`);
  let store = new SqliteStore(building);
  try {
    await store.beginBatch();
    for (let i = 0; i < large; i++) {
      const { status } = await store.put(analyse(pipeline, generator, i));
      if (status !== "added") throw new Error(`article ${i} was ${status}, not added: the generated articles must be distinct`);
      if ((i + 1) % PROGRESS_EVERY === 0) console.error(`bench stories: ${i + 1}/${large} articles stored`);
      if (i + 1 === small) {
        // Closing checkpoints the WAL into the file, which is then the whole store.
        await store.close();
        copyFileSync(building, storeFile(small));
        store = new SqliteStore(building);
        await store.beginBatch();
      }
    }
  } finally {
    await store.close();
  }
  renameSync(building, storeFile(large));
}

/** Store the probes into a copy of the store of n articles, timing each. */
async function timeProbes(n: number, probes: number, pipeline: Pipeline, generator: ArticleGenerator): Promise<Timing> {
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-bench-stories-run-"));
  const file = join(dir, "store.db");
  copyFileSync(storeFile(n), file);
  const store = new SqliteStore(file);
  try {
    const stories = (await store.stories({ limit: 1 })).total;
    const times = { pipeline: [] as number[], put: [] as number[], copies: [] as number[], stories: [] as number[] };
    for (let i = 0; i < probes; i++) {
      let t = performance.now();
      const doc = analyse(pipeline, generator, PROBE_OFFSET + i);
      times.pipeline.push(performance.now() - t);
      const before = store.layerTimes();
      t = performance.now();
      await store.put(doc);
      times.put.push(performance.now() - t);
      const after = store.layerTimes();
      times.copies.push((after[COPIES_TABLE] ?? 0) - (before[COPIES_TABLE] ?? 0));
      times.stories.push((after[STORIES_TABLE] ?? 0) - (before[STORIES_TABLE] ?? 0));
    }
    const pipelineMs = quantiles(times.pipeline);
    const putMs = quantiles(times.put);
    const storiesMs = quantiles(times.stories);
    return {
      articles: n,
      stories,
      pipelineMs,
      putMs,
      copiesMs: quantiles(times.copies),
      storiesMs,
      storiesShare: Math.round((storiesMs.p50 / (pipelineMs.p50 + putMs.p50)) * 1000) / 1000,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<number> {
  const o = countOptions(args, DEFAULTS);
  if (o.small >= o.large) throw new Error("--small must be less than --large");
  const pipeline = defaultPipeline();
  const generator = new ArticleGenerator();
  await buildStores(o.small, o.large, pipeline, generator);
  // Warm the pipeline and the caches before timing.
  analyse(pipeline, generator, PROBE_OFFSET - 1);
  const sizes = [await timeProbes(o.small, o.probes, pipeline, generator), await timeProbes(o.large, o.probes, pipeline, generator)];
  const growth = Math.round((sizes[1].storiesMs.p50 / sizes[0].storiesMs.p50) * 100) / 100;
  const result = { task: "stories", probes: o.probes, sizes, storiesGrowth: growth, storesIn: CACHE_DIR };
  if (o.json) console.log(JSON.stringify(result));
  else {
    console.log(`bench stories: ${o.probes} new articles stored into stores of ${o.small} and ${o.large} articles (ms per article, p50 / p90)`);
    for (const s of sizes) {
      const q = (x: Quantiles) => `${x.p50} / ${x.p90}`;
      console.log(
        `  ${s.articles} articles, ${s.stories} stories: pipeline ${q(s.pipelineMs)} · put ${q(s.putMs)} (copies ${q(s.copiesMs)}, story assignment ${q(s.storiesMs)})` +
          ` · assignment ${(s.storiesShare * 100).toFixed(1)}% of pipeline + put`,
      );
    }
    console.log(`  story assignment at ${o.large} beside ${o.small} articles: ${growth}× (the stories grew ${(sizes[1].stories / sizes[0].stories).toFixed(1)}×)`);
    console.log(`  stores kept in ${CACHE_DIR} for the next run`);
  }
  return 0;
}
