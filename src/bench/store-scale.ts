// `npm run bench -- store-scale [--articles N] [--every K] [--live-heap] [--json]`: the store
// as it grows. Ingests N generated, distinct articles (./articles.ts) through
// the default pipeline into a fresh SQLite file in the temporary folder, in
// batches as `ingest` does, and reports articles/s, the milliseconds an article
// spends in analysis and in the store's write, and the process's resident
// memory per K articles (the curve: flat when linking does not grow with the
// registry, and memory flat once the caches are full), bytes per article, and
// the p50 in-process latency (warm: after untimed runs) of the analyst's queries (entity, quotes
// --speaker, events --actor, search) at the first K articles and at N, with
// how much each probe matches there (generated articles reuse their sentences,
// so a probe matches more the larger the store). Two sets of probes, both
// chosen from the first K articles: the first names found (`first`: their pages
// hold a row or two at K and fill at N, so their growth also counts the rows
// added to the answer), and the busiest ones (`busiest`: the most quoted speaker,
// the actor of most events, whose pages are full at both sizes, so their growth
// is what the store's size alone costs a page). The machine's speed moves
// over a long run, so two figures are also taken side by side: the processor
// time an article takes (the curve's cpuMsPerArticle, and lastToFirstCpu), and
// at the end the queries on the store of the first K articles (a copy kept)
// and on the whole store, their runs interleaved (sideBySide). With
// `--live-heap`, each point of the curve also gives the JavaScript heap in use
// just after a full collection (liveHeapMiB: what the process holds, where the
// resident size also counts the free space the engine keeps in its heap) and
// the heap's size (heapMiB); the collection costs a fraction of a second a point.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { openStore } from "../store/open.js";
import type { Store } from "../store/store.js";
import { ArticleGenerator } from "./articles.js";
import { countOptions } from "./args.js";

const DEFAULT_ARTICLES = 2000;
const BYTES_PER_MIB = 1024 * 1024;
const DEFAULT_EVERY = 1000;
const QUERY_RUNS = 21;
/**
 * Untimed runs of a query before its timed ones: its code is compiled and
 * optimised as an analyst's repeated queries find it (a quotes page took twice
 * as long in its first 21 runs as after some 60, on a 12,000-article store).
 */
const WARM_UP_RUNS = 60;
/** Runs of one query taken together when two are timed in turn. */
const PAIR_BLOCK = 3;
/** Rows a page of quotations or events holds while the probes are chosen. */
const PROBE_PAGE = 500;
/** A word of most Greek news articles, for the search probe. */
const SEARCH_PROBE = "κυβέρνηση";

interface Probes {
  entity: string;
  speaker: string;
  actor: string;
  search: string;
}

type Latencies = Record<keyof Probes, number>;

/** What each probe matches: the entity's articles, the speaker's quotations, the actor's events, the search's hits. */
async function matches(store: Store, probes: Probes): Promise<Latencies> {
  const [first] = await store.findEntities(probes.entity);
  return {
    entity: first?.articles ?? 0,
    speaker: (await store.quotes({ speaker: probes.speaker, limit: 1 })).total,
    actor: (await store.events({ actor: probes.actor, limit: 1 })).total,
    search: (await store.search(probes.search, { limit: 1 })).total,
  };
}

/** A full garbage collection, for measuring the live heap (the flag is set once; a new context then sees `gc`). */
function fullCollector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const perArticle = (ms: number, articles: number): number => Math.round((ms / articles) * 100) / 100;

const median = (times: number[]): number => {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 1000) / 1000;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function p50(fn: () => Promise<unknown>): Promise<number> {
  for (let r = 0; r < WARM_UP_RUNS; r++) await fn();
  const times: number[] = [];
  for (let r = 0; r < QUERY_RUNS; r++) times.push(await timed(fn));
  return median(times);
}

/**
 * The p50 of each of two queries, their runs taken in turn so both meet the
 * machine in the same state, in blocks of PAIR_BLOCK so that a query runs
 * mostly after itself, as it does alone.
 */
async function pairedP50(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let r = 0; r < WARM_UP_RUNS; r++) {
    await a();
    await b();
  }
  const times: [number[], number[]] = [[], []];
  for (let r = 0; r < QUERY_RUNS; r += PAIR_BLOCK) {
    for (let i = 0; i < PAIR_BLOCK; i++) times[0].push(await timed(a));
    for (let i = 0; i < PAIR_BLOCK; i++) times[1].push(await timed(b));
  }
  return [median(times[0]), median(times[1])];
}

type Query = (store: Store, probes: Probes) => Promise<unknown>;

/** The analyst's queries the figures time (in-process). */
const QUERIES: Record<keyof Probes, Query> = {
  entity: async (store, probes) => {
    const [first] = await store.findEntities(probes.entity);
    if (first) await store.entity(first.id);
  },
  speaker: (store, probes) => store.quotes({ speaker: probes.speaker }),
  actor: (store, probes) => store.events({ actor: probes.actor }),
  search: (store, probes) => store.search(probes.search),
};

async function latencies(store: Store, probes: Probes): Promise<Latencies> {
  const out = {} as Latencies;
  for (const [name, query] of Object.entries(QUERIES) as [keyof Probes, Query][]) out[name] = await p50(() => query(store, probes));
  return out;
}

/** The queries on a small and a large store, side by side: each one's p50 on both, and the large one's over the small one's. */
async function sideBySide(small: Store, large: Store, probes: Probes): Promise<{ small: Latencies; large: Latencies; growth: Latencies }> {
  const out = { small: {} as Latencies, large: {} as Latencies, growth: {} as Latencies };
  for (const [name, query] of Object.entries(QUERIES) as [keyof Probes, Query][]) {
    [out.small[name], out.large[name]] = await pairedP50(() => query(small, probes), () => query(large, probes));
    out.growth[name] = Math.round((out.large[name] / out.small[name]) * 10) / 10;
  }
  return out;
}

/** The heap in use after a full collection and the heap's size, in MiB (nothing without a collector). */
function liveHeap(collect: (() => void) | null): { liveHeapMiB?: number; heapMiB?: number } {
  if (!collect) return {};
  collect();
  const m = process.memoryUsage();
  return { liveHeapMiB: Math.round(m.heapUsed / BYTES_PER_MIB), heapMiB: Math.round(m.heapTotal / BYTES_PER_MIB) };
}

/** Processor time of the process so far (every thread), in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The sets of probes: the first names the store gives, and the busiest. */
type ProbeSets = Record<"first" | "busiest", Probes>;

/** The most frequent of some names ("" for none); the first seen among equals. */
function mostFrequent(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  let best = "";
  for (const [name, count] of counts) if (count > (counts.get(best) ?? 0)) best = name;
  return best;
}

/** Every item of a paged list, a page at a time. */
async function allPages<T>(page: (offset: number) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const items = await page(out.length);
    out.push(...items);
    if (items.length < PROBE_PAGE) return out;
  }
}

/** Names to query, taken from what the first articles stored: a quoted speaker and an event's actor, the first found and the busiest. */
async function chooseProbes(store: Store): Promise<ProbeSets> {
  const quotes = await allPages(async (offset) => (await store.quotes({ limit: PROBE_PAGE, offset })).quotes);
  const events = await allPages(async (offset) => (await store.events({ limit: PROBE_PAGE, offset })).events);
  const speakers = quotes.filter((q) => q.speakerEntityId !== null).map((q) => q.speaker ?? "");
  const actors = events.flatMap((e) => (e.actor ? [e.actor.name] : []));
  const first = { speaker: speakers[0] ?? "", actor: actors[0] ?? "" };
  const busiest = { speaker: mostFrequent(speakers), actor: mostFrequent(actors) };
  return {
    first: { entity: first.actor || first.speaker, ...first, search: SEARCH_PROBE },
    busiest: { entity: busiest.actor || busiest.speaker, ...busiest, search: SEARCH_PROBE },
  };
}

export async function run(args: string[]): Promise<number> {
  const values = countOptions(args, { articles: DEFAULT_ARTICLES, every: DEFAULT_EVERY }, ["live-heap"]);
  const collect = values["live-heap"] ? fullCollector() : null;
  const n = values.articles;
  const every = Math.min(values.every, n);
  const generator = new ArticleGenerator();
  const pipeline = defaultPipeline();
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-store-scale-"));
  const file = join(dir, "store.db");
  /** The store as it was after the first K articles, for the queries side by side. */
  const firstK = join(dir, "first.db");
  let store = await openStore(file);
  const curve: { articles: number; articlesPerSec: number; tokensPerSec: number; analyseMs: number; writeMs: number; cpuMsPerArticle: number; rssMiB: number; liveHeapMiB?: number; heapMiB?: number }[] = [];
  const at: { articles: number; bytesPerArticle: number; queries: Record<keyof ProbeSets, { p50ms: Latencies; matches: Latencies }> }[] = [];
  let probes: ProbeSets | null = null;
  let side: Record<keyof ProbeSets, Awaited<ReturnType<typeof sideBySide>>> | null = null;
  try {
    let tokens = 0;
    let analysing = 0;
    let writing = 0;
    let started = performance.now();
    let cpuStarted = cpuMs();
    await store.beginBatch();
    for (let i = 0; i < n; i++) {
      const a = generator.article(i);
      const t0 = performance.now();
      const doc = pipeline.run(buildDoc({ title: a.title, paragraphs: a.paragraphs, related: [], meta: {} }));
      tokens += doc.layers.tokens.length;
      const t1 = performance.now();
      const { status } = await store.put(doc);
      analysing += t1 - t0;
      writing += performance.now() - t1;
      if (status !== "added") throw new Error(`article ${i} was ${status}, not added: the generated articles must be distinct`);
      const done = i + 1;
      if (done % every !== 0 && done !== n) continue;
      const seconds = (performance.now() - started) / 1000;
      const size = done - (curve.length ? curve[curve.length - 1].articles : 0);
      curve.push({ articles: done, articlesPerSec: Math.round((size / seconds) * 10) / 10, tokensPerSec: Math.round(tokens / seconds), analyseMs: perArticle(analysing, size), writeMs: perArticle(writing, size), cpuMsPerArticle: perArticle(cpuMs() - cpuStarted, size), rssMiB: Math.round(process.memoryUsage.rss() / BYTES_PER_MIB), ...liveHeap(collect) });
      if (done === every || done === n) {
        await store.endBatch();
        probes ??= await chooseProbes(store);
        const measured = async (set: Probes) => ({ p50ms: await latencies(store, set), matches: await matches(store, set) });
        const queries = { first: await measured(probes.first), busiest: await measured(probes.busiest) };
        at.push({ articles: done, bytesPerArticle: (await store.stats()).bytesPerArticle, queries });
        if (done === every && done < n) {
          // Closing checkpoints the WAL into the file, which is then the whole store.
          await store.close();
          copyFileSync(file, firstK);
          store = await openStore(file);
        }
        await store.beginBatch();
      }
      tokens = 0;
      analysing = 0;
      writing = 0;
      started = performance.now();
      cpuStarted = cpuMs();
    }
    await store.endBatch();
    if (probes && n > every) {
      const small = await openStore(firstK, { readonly: true });
      try {
        side = { first: await sideBySide(small, store, probes.first), busiest: await sideBySide(small, store, probes.busiest) };
      } finally {
        await small.close();
      }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const first = curve[0].articlesPerSec;
  const last = curve[curve.length - 1].articlesPerSec;
  const lastToFirstCpu = Math.round((curve[0].cpuMsPerArticle / curve[curve.length - 1].cpuMsPerArticle) * 100) / 100;
  const result = { task: "store-scale", articles: n, every, probes, curve, lastToFirst: Math.round((last / first) * 100) / 100, lastToFirstCpu, at, sideBySide: side };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`store-scale: ${n} generated articles, one fresh store`);
    for (const c of curve) console.log(`  up to ${c.articles}: ${c.articlesPerSec} articles/s (${c.tokensPerSec} tokens/s; per article ${c.analyseMs} ms analysing, ${c.writeMs} ms writing; ${c.cpuMsPerArticle} ms of processor time) · ${c.rssMiB} MiB resident${c.liveHeapMiB === undefined ? "" : ` (heap ${c.heapMiB} MiB, ${c.liveHeapMiB} MiB live)`}`);
    console.log(`  last ${every} vs first ${every}: ${result.lastToFirst}× (articles/s), ${lastToFirstCpu}× (processor time an article)`);
    const sets = Object.keys(probes ?? {}) as (keyof ProbeSets)[];
    for (const x of at) {
      console.log(`  at ${x.articles} articles: ${(x.bytesPerArticle / 1024).toFixed(1)} KB per article`);
      for (const set of sets) {
        const { p50ms, matches: found } = x.queries[set];
        console.log(`    ${set} probes, p50 ${Object.entries(p50ms).map(([k, v]) => `${k} ${v} ms (${found[k as keyof Probes]} matches)`).join(" · ")}`);
      }
    }
    for (const set of side ? sets : []) {
      const s = side![set];
      const q = (Object.keys(s.growth) as (keyof Probes)[]).map((k) => `${k} ${s.small[k]} → ${s.large[k]} ms (×${s.growth[k]})`).join(" · ");
      console.log(`  side by side, ${set} probes, first ${every} against ${n} articles: p50 ${q}`);
    }
    for (const set of sets) console.log(`  ${set} probes: ${JSON.stringify(probes![set])}`);
  }
  return 0;
}
