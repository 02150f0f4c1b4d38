// `npm run bench -- watch [--sources N] [--seconds S] [--new-every-ms M] [--json]`:
// `newsgraph watch` (a process of its own, default manners: 5 s between
// requests to a host, 2 at once, 8 in all) against N generated news sites on
// loopback (../testing/news-sites.ts, another process, so its clock is not
// held up by the watcher) for S seconds, then SIGTERM. Checked: as the
// servers saw it, no two requests to one host closer than the gap, never more
// than 2 at once to a host nor 8 in all, robots.txt honoured; in the store,
// every article once (as many articles as distinct canonical URLs), and no
// page fetched twice.
import { fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { POLITENESS_DEFAULTS } from "../input/polite.js";
import { openStore } from "../store/open.js";
import { sourcePath, type SitesReport } from "../testing/news-sites.js";

const BIN = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
const SITES_SCRIPT = fileURLToPath(new URL("../testing/news-sites.js", import.meta.url));
const DEFAULTS = { sources: 200, seconds: 180, newEveryMs: 30_000 };
const EVERY_MS = 60_000;
/** Loopback delivery: a request reaches the server a fraction of a millisecond after it is sent. */
const DELIVERY_MS = 2;
const LIST_PAGE = 500;

function options(args: string[]): typeof DEFAULTS & { json: boolean } {
  const { values } = parseArgs({ args, options: { sources: { type: "string" }, seconds: { type: "string" }, "new-every-ms": { type: "string" }, json: { type: "boolean" } } });
  const num = (v: string | undefined, d: number, name: string) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  return { sources: num(values.sources, DEFAULTS.sources, "sources"), seconds: num(values.seconds, DEFAULTS.seconds, "seconds"), newEveryMs: num(values["new-every-ms"], DEFAULTS.newEveryMs, "new-every-ms"), json: values.json === true };
}

interface Events {
  polls: number;
  pollErrors: number;
  pages: number;
  added: number;
  failed: number;
}

export async function run(args: string[]): Promise<number> {
  const o = options(args);
  if (o.sources > 250) throw new Error("--sources: at most 250 (one loopback address each)");
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-watch-bench-"));
  const sites = fork(SITES_SCRIPT, [String(o.sources), String(o.newEveryMs)], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  try {
    const bases = await new Promise<string[]>((resolve) => sites.once("message", (m) => resolve((m as { sites: string[] }).sites)));
    const db = join(dir, "watch.db");
    const store = await openStore(db);
    for (let i = 0; i < bases.length; i++) {
      await store.addSource({ url: `${bases[i]}${sourcePath(i)}`, kind: sourcePath(i).includes("sitemap") ? "sitemap" : "feed", everyMs: EVERY_MS });
    }
    await store.close();

    const watch = spawn(process.execPath, [BIN, "watch", "--db", db, "--allow-private", "--json"], { stdio: ["ignore", "pipe", "inherit"] });
    const events: Events = { polls: 0, pollErrors: 0, pages: 0, added: 0, failed: 0 };
    let rest = "";
    watch.stdout.on("data", (d: Buffer) => {
      const lines = (rest + d.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        const e = JSON.parse(line) as { event: string; result?: string; error?: string };
        if (e.event === "poll") {
          events.polls++;
          if (e.error) events.pollErrors++;
        } else if (e.event === "page") {
          events.pages++;
          if (e.result === "added") events.added++;
          if (e.result === "failed") events.failed++;
        }
      }
    });
    const exited = new Promise<number | null>((resolve) => watch.on("exit", resolve));
    await new Promise((r) => setTimeout(r, o.seconds * 1000));
    const stopAt = performance.now();
    watch.kill("SIGTERM");
    const code = await exited;
    const stopSeconds = (performance.now() - stopAt) / 1000;
    sites.send("report");
    const report = await new Promise<SitesReport>((resolve) => sites.on("message", (m) => "report" in (m as object) && resolve((m as { report: SitesReport }).report)));

    const check = await openStore(db, { readonly: true });
    const stats = await check.stats();
    const canonical = new Set<string>();
    for (let offset = 0; offset < stats.articles; offset += LIST_PAGE) {
      for (const a of (await check.list({ limit: LIST_PAGE, offset })).articles) canonical.add((await check.get(a.id))?.meta.canonicalUrl ?? a.id);
    }
    const sources = await check.sources();
    const integrity = await check.integrityCheck();
    await check.close();

    const gap = POLITENESS_DEFAULTS.gapMs;
    const checks = {
      gapKept: report.minGapMs >= gap - DELIVERY_MS,
      perHostKept: report.maxPerHost <= POLITENESS_DEFAULTS.perHost,
      overallKept: report.maxOverall <= POLITENESS_DEFAULTS.concurrency,
      robotsKept: report.privateRequests === 0,
      noArticleTwice: canonical.size === stats.articles,
      noPageTwice: report.pagesTwice === 0,
      cleanStop: code === 0 && integrity === "ok",
    };
    const result = {
      task: "watch",
      sources: o.sources,
      seconds: o.seconds,
      manners: { gapMs: gap, perHost: POLITENESS_DEFAULTS.perHost, concurrency: POLITENESS_DEFAULTS.concurrency },
      servers: report,
      watch: { ...events, exitCode: code, stopSeconds: Math.round(stopSeconds * 10) / 10 },
      store: {
        articles: stats.articles,
        distinctCanonicalUrls: canonical.size,
        sourcesWithArticles: sources.filter((s) => s.articles > 0).length,
        disabled: sources.filter((s) => s.disabledAt).length,
        held: sources.filter((s) => s.lastStatus === "held").length,
        integrity,
      },
      checks,
    };
    if (o.json) console.log(JSON.stringify(result));
    else {
      console.log(`watch: ${o.sources} sources on loopback for ${o.seconds} s (gap ${gap} ms, ${POLITENESS_DEFAULTS.perHost} per host, ${POLITENESS_DEFAULTS.concurrency} in all)`);
      console.log(`servers saw ${report.requests} requests: smallest gap to one host ${report.minGapMs} ms (${report.closest}); at most ${report.maxPerHost} at once to a host, ${report.maxOverall} in all; robots.txt at most ${report.robotsPerHost} per host; ${report.privateRequests} requests to disallowed pages`);
      console.log(`${report.notModified} answers 304, ${report.tooMany} answers 429; ${report.pagesServed} pages served, ${report.pagesTwice} of them twice`);
      console.log(`watch logged ${events.polls} polls (${events.pollErrors} failed), ${events.pages} pages (${events.added} added, ${events.failed} failed); stopped by SIGTERM in ${result.watch.stopSeconds} s, exit ${code}`);
      console.log(`store: ${stats.articles} articles, ${canonical.size} distinct canonical URLs; ${result.store.sourcesWithArticles} sources with articles, ${result.store.disabled} disabled, ${result.store.held} held; integrity ${integrity}`);
      console.log(`checks: ${Object.entries(checks).map(([k, v]) => `${k} ${v ? "ok" : "FAILED"}`).join(" · ")}`);
    }
    return Object.values(checks).every(Boolean) ? 0 : 1;
  } finally {
    sites.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
