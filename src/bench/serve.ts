// `npm run bench -- serve [--articles 1000,10000] [--store-dir DIR] [--duration S] [--json]`:
// the latency of the HTTP API as the store grows. For each size N it builds (or
// extends) a store of N distinct generated articles (./serve-store.ts, from
// ../shared/data), starts `newsgraph serve` on it in a process of its own on
// loopback, and runs autocannon with 16 connections on the search, article,
// entity and quotes endpoints, each right after the same run on /api/health,
// the trivial route of the same server (the peer): p50, p99, requests/s, and
// the endpoint's p50 and throughput as a ratio to the peer's. The probes are
// taken from the first generated articles, so they are the same at every size.
// Stores are built in a temporary folder, removed at the end, unless
// --store-dir names a folder to keep and reuse them in (serve-<N>.db).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { BENCH_SITES, buildBenchStore } from "./serve-store.js";

const DEFAULT_SIZES = [1000, 10_000];
const DEFAULT_DURATION_S = 10;
const WARMUP_S = 2;
const CONNECTIONS = 16;
/** A request slower than this counts as failed (autocannon's time-out). */
const REQUEST_TIMEOUT_S = 60;
const BIN = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
const SERVING_LINE = /serving .* at (http:\/\/\S+\/) /u;
const START_TIMEOUT_MS = 120_000;
/** A word of most Greek news articles (as in the store-scale bench). */
const SEARCH_PROBE = "κυβέρνηση";
const PEER_PATH = "/api/health";
/** Generated articles looked at, from the first, for a quoted speaker with a registry entity. */
const PROBE_ARTICLES = 200;
const ID_HEX_CHARS = 16;

interface Measure {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

interface EndpointResult {
  endpoint: string;
  path: string;
  measure: Measure;
  peer: Measure;
  /** Endpoint p50 / peer p50. */
  p50Ratio: number;
  /** Peer requests/s / endpoint requests/s. */
  rpsRatio: number;
}

interface SizeResult {
  articles: number;
  bytesPerArticle: number;
  probes: Record<string, string>;
  searchHits: number;
  results: EndpointResult[];
}

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { articles: { type: "string" }, "store-dir": { type: "string" }, duration: { type: "string" }, json: { type: "boolean" } },
  });
  const sizes = values.articles ? values.articles.split(",").map(Number) : DEFAULT_SIZES;
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error("--articles takes positive whole numbers separated by commas (1000,10000)");
  const duration = values.duration ? Number(values.duration) : DEFAULT_DURATION_S;
  if (!Number.isInteger(duration) || duration <= 0) throw new Error("--duration must be a positive whole number of seconds");
  return { sizes, storeDir: values["store-dir"], duration, json: values.json === true };
}

/** The id of generated article `i`, as the store gives it (its address hashed). */
function articleId(i: number): string {
  const site = BENCH_SITES[i % BENCH_SITES.length];
  return createHash("sha256").update(`https://${site}/news/${i}`).digest("hex").slice(0, ID_HEX_CHARS);
}

async function startServer(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NEWSGRAPH_TOKEN: "" } });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start in time")), START_TIMEOUT_MS);
    lines.on("line", (line) => {
      const m = SERVING_LINE.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before serving`)));
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The probes: the first generated article, and the first quoted speaker of the first articles with a registry entity. */
async function chooseProbes(base: string): Promise<Record<string, string>> {
  for (let i = 0; i < PROBE_ARTICLES; i++) {
    const record = await getJson<{ quotes?: { speaker: { name: string | null } | null }[] }>(`${base}api/articles/${articleId(i)}`);
    const name = record.quotes?.find((q) => q.speaker?.name)?.speaker?.name;
    if (!name) continue;
    const [entity] = (await getJson<{ entities: { id: number }[] }>(`${base}api/entities?q=${encodeURIComponent(name)}`)).entities;
    if (!entity) continue;
    return {
      search: `/api/search?q=${encodeURIComponent(SEARCH_PROBE)}`,
      article: `/api/articles/${articleId(0)}`,
      entity: `/api/entities/${entity.id}`,
      quotes: `/api/quotes?speaker=${encodeURIComponent(name)}`,
    };
  }
  throw new Error(`none of the first ${PROBE_ARTICLES} articles quotes a speaker with a registry entity`);
}

async function cannon(url: string, duration: number): Promise<Measure> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, timeout: REQUEST_TIMEOUT_S });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average), errors: r.errors + r.timeouts + r.non2xx };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

async function measureSize(db: string, articles: number, duration: number, log: (s: string) => void): Promise<SizeResult> {
  const added = await buildBenchStore(db, articles, log);
  if (added) log(`  ${added} articles added to ${db}`);
  const { url, child } = await startServer(db);
  try {
    const base = url;
    const stats = await getJson<{ articles: number; bytesPerArticle: number }>(`${base}api/stats`);
    if (stats.articles !== articles) throw new Error(`${db} holds ${stats.articles} articles, not ${articles}: give each size its own store`);
    const probes = await chooseProbes(base);
    const searchHits = (await getJson<{ total: number }>(`${base}${probes.search.slice(1)}`)).total;
    const results: EndpointResult[] = [];
    for (const [endpoint, path] of Object.entries(probes)) {
      await cannon(`${base}${path.slice(1)}`, WARMUP_S);
      const peer = await cannon(`${base}${PEER_PATH.slice(1)}`, duration);
      const measure = await cannon(`${base}${path.slice(1)}`, duration);
      results.push({ endpoint, path, measure, peer, p50Ratio: ratio(measure.p50, peer.p50), rpsRatio: ratio(peer.rps, measure.rps) });
      const errors = measure.errors || peer.errors ? ` · ${measure.errors} failed requests (peer ${peer.errors})` : "";
      log(`  ${articles} articles · ${endpoint}: p50 ${measure.p50} ms · p99 ${measure.p99} ms · ${measure.rps} req/s (peer ${peer.p50} ms · ${peer.rps} req/s)${errors}`);
    }
    return { articles, bytesPerArticle: stats.bytesPerArticle, probes, searchHits, results };
  } finally {
    await stopServer(child);
  }
}

export async function run(args: string[]): Promise<number> {
  const o = options(args);
  const dir = o.storeDir ?? mkdtempSync(join(tmpdir(), "newsgraph-serve-bench-"));
  mkdirSync(dir, { recursive: true });
  const log = (s: string) => (o.json ? process.stderr : process.stdout).write(`${s}\n`);
  const sizes: SizeResult[] = [];
  try {
    for (const n of o.sizes) sizes.push(await measureSize(join(dir, `serve-${n}.db`), n, o.duration, log));
  } finally {
    if (!o.storeDir) rmSync(dir, { recursive: true, force: true });
  }
  const growth = sizes.length > 1 ? growthOf(sizes[0], sizes[sizes.length - 1]) : {};
  const result = { task: "serve", connections: CONNECTIONS, durationS: o.duration, peer: PEER_PATH, sizes, growth };
  if (o.json) console.log(JSON.stringify(result));
  else {
    console.log(`serve: ${CONNECTIONS} connections, ${o.duration} s a run, each endpoint after ${PEER_PATH} (the peer)`);
    console.log("| articles | endpoint | p50 ms | p99 ms | req/s | peer p50 ms | peer req/s | p50 / peer | peer req/s / req/s | failed |");
    console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const s of sizes) {
      for (const r of s.results) {
        console.log(`| ${s.articles} | ${r.endpoint} | ${r.measure.p50} | ${r.measure.p99} | ${r.measure.rps} | ${r.peer.p50} | ${r.peer.rps} | ${r.p50Ratio} | ${r.rpsRatio} | ${r.measure.errors} |`);
      }
    }
    if (sizes.length > 1) console.log(`growth of the p50 ratio from ${sizes[0].articles} to ${sizes[sizes.length - 1].articles} articles: ${JSON.stringify(growth)}`);
    for (const s of sizes) console.log(`probes at ${s.articles}: ${JSON.stringify(s.probes)} (${s.searchHits} search hits)`);
  }
  return 0;
}

/** How much each endpoint's p50 ratio grew from the smallest store to the largest. */
function growthOf(small: SizeResult, large: SizeResult): Record<string, number> {
  return Object.fromEntries(large.results.map((r) => [r.endpoint, ratio(r.p50Ratio, small.results.find((x) => x.endpoint === r.endpoint)?.p50Ratio ?? 0)]));
}
