// `npm run bench -- store-pg [--articles N] [--runs R] [--json]`: the same
// analyst's queries on SQLite and on PostgreSQL, in one run, over the same
// store. N generated articles (./articles.ts) go through the default pipeline
// into a fresh SQLite file (in batches, as `ingest` does); the store is then
// copied to a fresh PostgreSQL schema (store/transfer.ts, as `migrate` does),
// so both hold the same rows. Each query (search, entity report, quotations
// by speaker) runs R times on each back end, alternating, and its p50 and p99
// latency in the process are reported. PostgreSQL at NEWSGRAPH_BENCH_PG
// (default: the local server, database `test`); the schema is dropped after.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { openStore } from "../store/open.js";
import { dropSchemas } from "../store/postgres/admin.js";
import type { Store } from "../store/store.js";
import { transferStore } from "../store/transfer.js";
import { ArticleGenerator } from "./articles.js";
import { countOptions } from "./args.js";

const DEFAULT_ARTICLES = 10_000;
const DEFAULT_RUNS = 101;
const DEFAULT_PG = "postgres://127.0.0.1:5432/test";
/** Words of many of the generated Greek articles, one query each (two words, and a phrase). */
const SEARCH_PROBES = ["κυβέρνηση", "υπουργός συνάντηση", '"δήλωσε ο"'];
const PERCENTILES = { p50: 0.5, p99: 0.99 };

type Query = "search" | "entity" | "quotes";
type Latency = Record<keyof typeof PERCENTILES, number>;

function percentiles(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] * 1000) / 1000;
  return { p50: at(PERCENTILES.p50), p99: at(PERCENTILES.p99) };
}

/** The queries, the same on both stores: names taken from the store (a quoted speaker, the most mentioned entity of a search). */
async function queries(store: Store): Promise<Record<Query, () => (s: Store) => Promise<unknown>>> {
  const speaker = (await store.quotes({ limit: 200 })).quotes.find((q) => q.speakerEntityId !== null)?.speaker ?? "";
  const top = (await store.searchEntities(SEARCH_PROBES[0])).entities[0]?.name ?? speaker;
  let s = 0;
  return {
    search: () => {
      const q = SEARCH_PROBES[s++ % SEARCH_PROBES.length];
      return (store) => store.search(q);
    },
    entity: () => async (store) => {
      const [first] = await store.findEntities(top);
      if (first) await store.entity(first.id);
    },
    quotes: () => (store) => store.quotes({ speaker }),
  };
}

export async function run(args: string[]): Promise<number> {
  const values = countOptions(args, { articles: DEFAULT_ARTICLES, runs: DEFAULT_RUNS });
  const base = process.env.NEWSGRAPH_BENCH_PG || DEFAULT_PG;
  const schema = `ng_bench_${process.pid}_${Date.now().toString(36)}`;
  const pgAddress = (() => {
    const url = new URL(base);
    url.searchParams.set("schema", schema);
    return url.toString();
  })();
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-store-pg-"));
  const file = join(dir, "store.db");
  const generator = new ArticleGenerator();
  const pipeline = defaultPipeline();
  try {
    let started = performance.now();
    const sqlite = await openStore(file);
    await sqlite.beginBatch();
    for (let i = 0; i < values.articles; i++) {
      const a = generator.article(i);
      await sqlite.put(pipeline.run(buildDoc({ title: a.title, paragraphs: a.paragraphs, related: [], meta: {} })));
    }
    await sqlite.endBatch();
    await sqlite.close();
    const ingestSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const copied = await transferStore(file, pgAddress);
    const copySeconds = (performance.now() - started) / 1000;
    const stores = { sqlite: await openStore(file, { readonly: true }), postgres: await openStore(pgAddress, { readonly: true }) };
    const q = await queries(stores.sqlite);
    const times: Record<string, Record<Query, number[]>> = { sqlite: { search: [], entity: [], quotes: [] }, postgres: { search: [], entity: [], quotes: [] } };
    for (let r = 0; r < values.runs; r++) {
      for (const kind of Object.keys(q) as Query[]) {
        const call = q[kind]();
        // Alternate which back end goes first, so neither always finds the other's work in the OS cache.
        const order = r % 2 ? (["postgres", "sqlite"] as const) : (["sqlite", "postgres"] as const);
        for (const name of order) {
          const t = performance.now();
          await call(stores[name]);
          times[name][kind].push(performance.now() - t);
        }
      }
    }
    const stats = { sqlite: await stores.sqlite.stats(), postgres: await stores.postgres.stats() };
    for (const s of Object.values(stores)) await s.close();
    const latency = Object.fromEntries(
      Object.entries(times).map(([name, byKind]) => [name, Object.fromEntries(Object.entries(byKind).map(([k, t]) => [k, percentiles(t)]))]),
    ) as Record<"sqlite" | "postgres", Record<Query, Latency>>;
    const result = {
      task: "store-pg",
      articles: values.articles,
      runs: values.runs,
      ingestArticlesPerSec: Math.round((values.articles / ingestSeconds) * 10) / 10,
      copyRowsPerSec: Math.round(Object.values(copied.rows).reduce((a, b) => a + b, 0) / copySeconds),
      bytesPerArticle: { sqlite: stats.sqlite.bytesPerArticle, postgres: stats.postgres.bytesPerArticle },
      latencyMs: latency,
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.log(`store-pg: ${values.articles} generated articles, the same store on SQLite and PostgreSQL, ${values.runs} runs of each query`);
      for (const kind of ["search", "entity", "quotes"] as Query[]) {
        const s = latency.sqlite[kind];
        const p = latency.postgres[kind];
        console.log(`  ${kind}: SQLite p50 ${s.p50} ms, p99 ${s.p99} ms · PostgreSQL p50 ${p.p50} ms, p99 ${p.p99} ms`);
      }
      console.log(`  bytes per article: SQLite ${stats.sqlite.bytesPerArticle} · PostgreSQL ${stats.postgres.bytesPerArticle}`);
      console.log(`  ingest into SQLite ${result.ingestArticlesPerSec} articles/s · copy to PostgreSQL ${result.copyRowsPerSec} rows/s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchemas(base, [schema]);
  }
  return 0;
}
