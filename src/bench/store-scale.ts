// `npm run bench -- store-scale [--articles N] [--every K] [--json]`: the store
// as it grows. Ingests N generated, distinct articles (./articles.ts) through
// the default pipeline into a fresh SQLite file in the temporary folder, in
// batches as `ingest` does, and reports articles/s, the milliseconds an article
// spends in analysis and in the store's write, and the process's resident
// memory per K articles (the curve: flat when linking does not grow with the
// registry, and memory flat once the caches are full), bytes per article, and
// the p50 in-process latency of the analyst's queries (entity, quotes
// --speaker, events --actor, search) at the first K articles and at N, with
// how much each probe matches there (generated articles reuse their sentences,
// so a probe matches more the larger the store).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const perArticle = (ms: number, articles: number): number => Math.round((ms / articles) * 100) / 100;

async function p50(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < QUERY_RUNS; r++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 1000) / 1000;
}

/** Names to query, taken from what the first articles stored: a quoted speaker, an event's actor. */
async function chooseProbes(store: Store): Promise<Probes> {
  const speaker = (await store.quotes({ limit: 200 })).quotes.find((q) => q.speakerEntityId !== null)?.speaker ?? "";
  const actor = (await store.events({ limit: 200 })).events.find((e) => e.actor)?.actor?.name ?? "";
  return { entity: actor || speaker, speaker, actor, search: SEARCH_PROBE };
}

async function latencies(store: Store, probes: Probes): Promise<Latencies> {
  return {
    entity: await p50(async () => {
      const [first] = await store.findEntities(probes.entity);
      if (first) await store.entity(first.id);
    }),
    speaker: await p50(() => store.quotes({ speaker: probes.speaker })),
    actor: await p50(() => store.events({ actor: probes.actor })),
    search: await p50(() => store.search(probes.search)),
  };
}

export async function run(args: string[]): Promise<number> {
  const values = countOptions(args, { articles: DEFAULT_ARTICLES, every: DEFAULT_EVERY });
  const n = values.articles;
  const every = Math.min(values.every, n);
  const generator = new ArticleGenerator();
  const pipeline = defaultPipeline();
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-store-scale-"));
  const store = await openStore(join(dir, "store.db"));
  const curve: { articles: number; articlesPerSec: number; tokensPerSec: number; analyseMs: number; writeMs: number; rssMiB: number }[] = [];
  const at: { articles: number; bytesPerArticle: number; p50ms: Latencies; matches: Latencies }[] = [];
  let probes: Probes | null = null;
  try {
    let tokens = 0;
    let analysing = 0;
    let writing = 0;
    let started = performance.now();
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
      curve.push({ articles: done, articlesPerSec: Math.round((size / seconds) * 10) / 10, tokensPerSec: Math.round(tokens / seconds), analyseMs: perArticle(analysing, size), writeMs: perArticle(writing, size), rssMiB: Math.round(process.memoryUsage.rss() / BYTES_PER_MIB) });
      if (done === every || done === n) {
        await store.endBatch();
        probes ??= await chooseProbes(store);
        at.push({ articles: done, bytesPerArticle: (await store.stats()).bytesPerArticle, p50ms: await latencies(store, probes), matches: await matches(store, probes) });
        await store.beginBatch();
      }
      tokens = 0;
      analysing = 0;
      writing = 0;
      started = performance.now();
    }
    await store.endBatch();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const first = curve[0].articlesPerSec;
  const last = curve[curve.length - 1].articlesPerSec;
  const result = { task: "store-scale", articles: n, every, probes, curve, lastToFirst: Math.round((last / first) * 100) / 100, at };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`store-scale: ${n} generated articles, one fresh store`);
    for (const c of curve) console.log(`  up to ${c.articles}: ${c.articlesPerSec} articles/s (${c.tokensPerSec} tokens/s; per article ${c.analyseMs} ms analysing, ${c.writeMs} ms writing) · ${c.rssMiB} MiB resident`);
    console.log(`  last ${every} vs first ${every}: ${result.lastToFirst}×`);
    for (const x of at) {
      const q = Object.entries(x.p50ms).map(([k, v]) => `${k} ${v} ms (${x.matches[k as keyof Probes]} matches)`).join(" · ");
      console.log(`  at ${x.articles} articles: ${(x.bytesPerArticle / 1024).toFixed(1)} KB per article · p50 ${q}`);
    }
    console.log(`  probes: ${JSON.stringify(probes)}`);
  }
  return 0;
}
