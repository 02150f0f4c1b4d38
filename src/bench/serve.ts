// `npm run bench -- serve [--articles 1000,10000] [--store-dir DIR] [--duration S] [--json]`:
// the latency of the HTTP API as the store grows. For each size N it builds (or
// extends) a store of N distinct generated articles (./serve-store.ts, from
// ../shared/data), starts `newsgraph serve` on it in a process of its own on
// loopback, and runs autocannon with 16 connections on the search, article,
// entity and quotes endpoints, in rounds alternating with the same run on
// /api/health, the trivial route of the same server (the peer): p50, p99,
// requests/s and the server's processor time a request (read from /proc: the
// figure a loaded machine disturbs least), medians of the rounds, and each as a
// ratio to the peer's. The probes are
// taken from the first generated articles, so they are the same at every size.
// Stores are built in a temporary folder, removed at the end, unless
// --store-dir names a folder to keep and reuse them in (serve-<N>.db).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { BENCH_SITES, buildBenchStore } from "./serve-store.js";
import { median } from "./stats.js";

const DEFAULT_SIZES = [1000, 10_000];
const DEFAULT_DURATION_S = 20;
const WARMUP_S = 2;
/** /proc/<pid>/stat: utime, then stime, counted from the field after the command name; both in clock ticks (USER_HZ, 100 on Linux). */
const UTIME_FIELD = 11;
const CLOCK_TICKS_PER_S = 100;
/**
 * Each endpoint's time is cut in rounds, each a run on the peer then one on the
 * endpoint, and the figures are the medians of the rounds: a machine whose load
 * drifts during the run weighs on both sides of each ratio alike.
 */
const ROUNDS = 5;
/** autocannon's latencies are whole milliseconds: a peer's 0 ms counts as 1 in a ratio. */
const MIN_LATENCY_MS = 1;
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
  /** Processor time of the server per request, in milliseconds (null where /proc is not there to read). */
  cpuMs: number | null;
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
  /** Endpoint processor time per request / the peer's. */
  cpuRatio: number | null;
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

/** The processor time a process has used (user and system), in milliseconds, from /proc; null elsewhere. */
function processorMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name (which is in parentheses and may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[UTIME_FIELD]) + Number(fields[UTIME_FIELD + 1])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

async function cannon(url: string, duration: number, server: number): Promise<Measure> {
  const before = processorMs(server);
  const r = await autocannon({ url, connections: CONNECTIONS, duration, timeout: REQUEST_TIMEOUT_S });
  const after = processorMs(server);
  const cpuMs = before === null || after === null || !r.requests.total ? null : Math.round(((after - before) / r.requests.total) * 1000) / 1000;
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average), cpuMs, errors: r.errors + r.timeouts + r.non2xx };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

/** The median of each figure over the rounds; failed requests summed. */
function medianMeasure(ms: Measure[]): Measure {
  const cpu = ms.map((m) => m.cpuMs);
  return {
    p50: median(ms.map((m) => m.p50)),
    p99: median(ms.map((m) => m.p99)),
    rps: Math.round(median(ms.map((m) => m.rps))),
    cpuMs: cpu.every((c): c is number => c !== null) ? median(cpu) : null,
    errors: ms.reduce((n, m) => n + m.errors, 0),
  };
}

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
      const pid = child.pid ?? 0;
      await cannon(`${base}${path.slice(1)}`, WARMUP_S, pid);
      const peers: Measure[] = [];
      const measures: Measure[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        peers.push(await cannon(`${base}${PEER_PATH.slice(1)}`, duration / ROUNDS, pid));
        measures.push(await cannon(`${base}${path.slice(1)}`, duration / ROUNDS, pid));
      }
      const peer = medianMeasure(peers);
      const measure = medianMeasure(measures);
      const p50Ratio = median(measures.map((m, i) => ratio(m.p50, Math.max(peers[i].p50, MIN_LATENCY_MS))));
      const rpsRatio = median(measures.map((m, i) => ratio(peers[i].rps, m.rps)));
      const cpuRatio = measure.cpuMs !== null && peer.cpuMs ? ratio(measure.cpuMs, peer.cpuMs) : null;
      results.push({ endpoint, path, measure, peer, p50Ratio, rpsRatio, cpuRatio });
      const errors = measure.errors || peer.errors ? ` · ${measure.errors} failed requests (peer ${peer.errors})` : "";
      log(`  ${articles} articles · ${endpoint}: p50 ${measure.p50} ms · p99 ${measure.p99} ms · ${measure.rps} req/s · ${measure.cpuMs} ms processor a request (peer ${peer.p50} ms · ${peer.rps} req/s · ${peer.cpuMs} ms)${errors}`);
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
    console.log("| articles | endpoint | p50 ms | p99 ms | req/s | processor ms a request | peer p50 ms | peer req/s | peer processor ms | p50 / peer | peer req/s / req/s | processor / peer | failed |");
    console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const s of sizes) {
      for (const r of s.results) {
        console.log(
          `| ${s.articles} | ${r.endpoint} | ${r.measure.p50} | ${r.measure.p99} | ${r.measure.rps} | ${r.measure.cpuMs} | ${r.peer.p50} | ${r.peer.rps} | ${r.peer.cpuMs} | ${r.p50Ratio} | ${r.rpsRatio} | ${r.cpuRatio} | ${r.measure.errors} |`,
        );
      }
    }
    if (sizes.length > 1) console.log(`growth from ${sizes[0].articles} to ${sizes[sizes.length - 1].articles} articles: ${JSON.stringify(growth)}`);
    for (const s of sizes) console.log(`probes at ${s.articles}: ${JSON.stringify(s.probes)} (${s.searchHits} search hits)`);
  }
  return 0;
}

/** How much each endpoint's figures grew from the smallest store to the largest: its p50 ratio to the peer, and its processor time a request. */
function growthOf(small: SizeResult, large: SizeResult): Record<string, { p50Ratio: number; cpuMs: number | null }> {
  return Object.fromEntries(
    large.results.map((r) => {
      const before = small.results.find((x) => x.endpoint === r.endpoint);
      const cpu = r.measure.cpuMs !== null && before?.measure.cpuMs ? ratio(r.measure.cpuMs, before.measure.cpuMs) : null;
      return [r.endpoint, { p50Ratio: ratio(r.p50Ratio, before?.p50Ratio ?? 0), cpuMs: cpu }];
    }),
  );
}
