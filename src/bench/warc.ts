// `npm run bench -- warc [--pages N] [--big-mb M] [--ingest-seconds S] [--json]`:
// WARC ingest beside HTML-file ingest of the same pages, and memory on a large
// WARC.
//  1. N generated news pages (./articles.ts text in a news page's furniture)
//     are written as HTML files and as one WARC.gz; reading the WARC alone
//     (records/s), then, after a warm-up, `ingest` of the folder and of the
//     WARC into fresh stores in one process, twice in turn: articles/s of
//     each, on the wall clock and on this process's processor time (the
//     machine may be shared: processor time is the steadier figure).
//  2. A WARC of about M MB (the pages repeated under new addresses) is written
//     to the temporary folder and read through the ingest input path while the
//     resident memory is sampled every 250 ms; then ingested (analysed and
//     stored) for S seconds, sampled likewise. Flat memory: the last samples
//     are no higher than the first ones after warm-up.
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ingestInto } from "../cli/ingest.js";
import { readInputs } from "../input/sources.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { openStore } from "../store/open.js";
import { htmlResponse } from "../testing/warc.js";
import { ArticleGenerator } from "./articles.js";

const DEFAULTS = { pages: 400, bigMb: 1024, ingestSeconds: 60 };
const SAMPLE_MS = 250;
const MB = 1024 * 1024;
/** Samples taken as warm-up before memory is judged flat. */
const WARM_UP_FRACTION = 0.1;
/** Links of a page's navigation and footer: the furniture around the article. */
const FURNITURE_LINKS = 120;
const WARC_DATE = "2024-03-01T12:00:00Z";

function options(args: string[]): typeof DEFAULTS & { json: boolean } {
  const { values } = parseArgs({ args, options: { pages: { type: "string" }, "big-mb": { type: "string" }, "ingest-seconds": { type: "string" }, json: { type: "boolean" } } });
  const num = (v: string | undefined, d: number, name: string) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  return { pages: num(values.pages, DEFAULTS.pages, "pages"), bigMb: num(values["big-mb"], DEFAULTS.bigMb, "big-mb"), ingestSeconds: num(values["ingest-seconds"], DEFAULTS.ingestSeconds, "ingest-seconds"), json: values.json === true };
}

const escape = (s: string) => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;");

/** A generated article in a news page's furniture (navigation, scripts, footer), about 20–30 KB. */
function newsPage(gen: ArticleGenerator, i: number): { url: string; html: string } {
  const a = gen.article(i);
  const nav = Array.from({ length: FURNITURE_LINKS }, (_, k) => `<li><a href="/section/${k}">Ενότητα ${k}</a></li>`).join("");
  const html = `<!doctype html><html lang="${a.lang}"><head><meta charset="utf-8"><title>${escape(a.title)}</title>
<meta property="article:published_time" content="2024-02-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00+02:00">
<script>window.dataLayer=[];${"var x=1;".repeat(400)}</script></head><body>
<header><ul class="nav">${nav}</ul></header>
<main><article><h1>${escape(a.title)}</h1>${a.paragraphs.map((p) => `<p>${escape(p)}</p>`).join("\n")}</article>
<aside class="related"><h3>Δείτε επίσης</h3><ul>${nav.slice(0, 2000)}</ul></aside></main>
<footer><ul>${nav}</ul><p>© News</p></footer></body></html>`;
  return { url: `https://bench.example/${a.lang}/${i}`, html };
}

interface Memory {
  samples: number;
  firstMb: number;
  afterWarmUpMb: number;
  peakMb: number;
  lastMb: number;
  /** The peak after warm-up less the first sample after warm-up. */
  growthMb: number;
}

function sampler(): { stop(): Memory } {
  const rss: number[] = [process.memoryUsage().rss];
  const timer = setInterval(() => rss.push(process.memoryUsage().rss), SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      rss.push(process.memoryUsage().rss);
      const mb = (b: number) => Math.round((b / MB) * 10) / 10;
      const warm = Math.floor(rss.length * WARM_UP_FRACTION);
      const after = rss.slice(warm);
      return { samples: rss.length, firstMb: mb(rss[0]), afterWarmUpMb: mb(after[0]), peakMb: mb(Math.max(...after)), lastMb: mb(rss[rss.length - 1]), growthMb: mb(Math.max(...after) - after[0]) };
    },
  };
}

/** Write a WARC of about `mb` MB: the pages again and again under new addresses. */
async function writeBigWarc(file: string, pages: { url: string; html: string }[], mb: number): Promise<{ records: number; bytes: number }> {
  const out = createWriteStream(file);
  let bytes = 0;
  let records = 0;
  for (let round = 0; bytes < mb * MB; round++) {
    for (const p of pages) {
      const rec = htmlResponse(`${p.url}?round=${round}`, p.html.replace("</title>", ` (${round})</title>`), WARC_DATE);
      bytes += rec.length;
      records++;
      if (!out.write(rec)) await new Promise<void>((r) => out.once("drain", () => r()));
      if (bytes >= mb * MB) break;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { records, bytes };
}

const rate = (n: number, s: number) => Math.round((n / s) * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
/** Runs of each ingest, in turn (html first, then warc first), the best kept: the machine may be shared. */
const ROUNDS = 2;

interface Elapsed {
  wall: number;
  /** Processor time of this process (all its threads), seconds. */
  cpu: number;
}

function stopwatch(): () => Elapsed {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
}

function perSecond(n: number, t: Elapsed): { wallSeconds: number; cpuSeconds: number; perWallSec: number; perCpuSec: number } {
  return { wallSeconds: Math.round(t.wall * 10) / 10, cpuSeconds: Math.round(t.cpu * 10) / 10, perWallSec: rate(n, t.wall), perCpuSec: rate(n, t.cpu) };
}

interface Timed {
  stored: number;
  failed: number;
  time: Elapsed;
}

async function timed(dir: string, name: string, input: string): Promise<Timed> {
  const store = await openStore(join(dir, `${name}.db`));
  const clock = stopwatch();
  const s = await ingestInto(store, [input], {});
  const time = clock();
  await store.close();
  return { stored: s.added + s.updated + s.unchanged, failed: s.failed, time };
}

/** The best run (by processor time) of an ingest. */
function summarise(runs: Timed[]): { stored: number; failed: number } & ReturnType<typeof perSecond> {
  const best = runs.reduce((a, b) => (b.time.cpu < a.time.cpu ? b : a));
  return { stored: best.stored, failed: Math.max(...runs.map((r) => r.failed)), ...perSecond(best.stored, best.time) };
}

export async function run(args: string[]): Promise<number> {
  const o = options(args);
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-warc-bench-"));
  try {
    const gen = new ArticleGenerator();
    defaultPipeline().run(buildDoc({ title: "Καλημέρα", paragraphs: ["Καλημέρα σε όλους."], related: [], meta: {} }));
    const pages = Array.from({ length: o.pages }, (_, i) => newsPage(gen, i));
    mkdirSync(join(dir, "html"));
    pages.forEach((p, i) => writeFileSync(join(dir, "html", `${String(i).padStart(5, "0")}.html`), p.html));
    const warc = join(dir, "pages.warc.gz");
    writeFileSync(warc, Buffer.concat(pages.map((p) => htmlResponse(p.url, p.html, WARC_DATE, true))));
    const pageKb = Math.round(pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / pages.length / 1024);

    // Reading alone: the WARC.gz through the input path, no analysis.
    let clock = stopwatch();
    let read = 0;
    for await (const item of readInputs([warc])) if (!("error" in item)) read++;
    const readTime = clock();

    // A warm-up ingest (models, compiled code), then the same pages from HTML files and from the WARC, twice in turn.
    await timed(dir, "warm-up", join(dir, "html"));
    const runs = { html: [] as Timed[], warc: [] as Timed[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: ("html" | "warc")[] = round % 2 ? ["warc", "html"] : ["html", "warc"];
      for (const kind of order) runs[kind].push(await timed(dir, `${kind}-${round}`, kind === "html" ? join(dir, "html") : warc));
    }
    const html = summarise(runs.html);
    const fromWarc = summarise(runs.warc);

    // Memory on a large WARC: reading the whole file, then ingesting it for a while.
    const big = join(dir, "big.warc");
    const written = await writeBigWarc(big, pages, o.bigMb);
    const fileMb = Math.round(statSync(big).size / MB);
    let mem = sampler();
    clock = stopwatch();
    let bigRead = 0;
    for await (const item of readInputs([big])) if (!("error" in item)) bigRead++;
    const bigTime = clock();
    const readMemory = mem.stop();
    const store = await openStore(join(dir, "big.db"));
    mem = sampler();
    clock = stopwatch();
    const deadline = performance.now() + o.ingestSeconds * 1000;
    const s = await ingestInto(store, [big], {}, { stopped: () => performance.now() >= deadline, keepLists: false });
    const ingestTime = clock();
    const ingestMemory = mem.stop();
    await store.close();
    const bigStored = s.added + s.updated + s.unchanged;

    const result = {
      task: "warc",
      pages: o.pages,
      pageKb,
      readOnly: { records: read, ...perSecond(read, readTime) },
      ingestHtmlFiles: html,
      ingestWarcGz: fromWarc,
      warcVsHtml: { wall: ratio(fromWarc.perWallSec, html.perWallSec), cpu: ratio(fromWarc.perCpuSec, html.perCpuSec) },
      big: {
        fileMb,
        records: written.records,
        read: { records: bigRead, ...perSecond(bigRead, bigTime), mbPerWallSec: rate(fileMb, bigTime.wall), memory: readMemory },
        ingest: { articles: bigStored, ...perSecond(bigStored, ingestTime), memory: ingestMemory },
      },
    };
    if (o.json) console.log(JSON.stringify(result));
    else {
      const ps = (x: { perWallSec: number; perCpuSec: number }) => `${x.perWallSec}/s wall, ${x.perCpuSec}/s of processor time`;
      console.log(`${o.pages} pages of ~${pageKb} KB; reading the WARC.gz alone: ${ps(result.readOnly)}`);
      console.log(`ingest of the HTML files: ${html.stored} stored, articles ${ps(html)} (best of ${ROUNDS})`);
      console.log(`ingest of the WARC.gz:    ${fromWarc.stored} stored, articles ${ps(fromWarc)} (best of ${ROUNDS}); WARC/HTML ×${result.warcVsHtml.wall} wall, ×${result.warcVsHtml.cpu} processor`);
      const m = (x: Memory) => `RSS first ${x.firstMb} MB, after warm-up ${x.afterWarmUpMb} MB, peak ${x.peakMb} MB, last ${x.lastMb} MB (growth after warm-up ${x.growthMb} MB, ${x.samples} samples)`;
      console.log(`a ${fileMb} MB WARC (${written.records} records) read in ${Math.round(bigTime.wall)} s (${result.big.read.mbPerWallSec} MB/s, records ${ps(result.big.read)}): ${m(readMemory)}`);
      console.log(`ingest of it for ${Math.round(ingestTime.wall)} s: ${bigStored} articles (${ps(result.big.ingest)}): ${m(ingestMemory)}`);
    }
    return html.failed || fromWarc.failed || fromWarc.stored !== html.stored ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
