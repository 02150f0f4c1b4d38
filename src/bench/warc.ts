// `npm run bench -- warc [--pages N] [--big-mb M] [--ingest-seconds S] [--json]`:
// WARC ingest beside HTML-file ingest of the same pages, and memory on a large
// WARC.
//  1. N generated news pages (./articles.ts text in a news page's furniture)
//     are written as HTML files and as one WARC.gz; reading the WARC alone
//     (records/s), then `ingest` of the folder and of the WARC into fresh
//     stores in one process: articles/s of each.
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

export async function run(args: string[]): Promise<number> {
  const o = options(args);
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-warc-bench-"));
  try {
    const gen = new ArticleGenerator();
    const pages = Array.from({ length: o.pages }, (_, i) => newsPage(gen, i));
    mkdirSync(join(dir, "html"));
    pages.forEach((p, i) => writeFileSync(join(dir, "html", `${String(i).padStart(5, "0")}.html`), p.html));
    const warc = join(dir, "pages.warc.gz");
    writeFileSync(warc, Buffer.concat(pages.map((p) => htmlResponse(p.url, p.html, WARC_DATE, true))));
    const pageKb = Math.round(pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / pages.length / 1024);

    // Reading alone: the WARC.gz through the input path, no analysis.
    let t = performance.now();
    let read = 0;
    for await (const item of readInputs([warc])) if (!("error" in item)) read++;
    const readSeconds = (performance.now() - t) / 1000;

    // Warm the models, then ingest the same pages from HTML files and from the WARC.
    defaultPipeline().run(buildDoc({ title: pages[0].url, paragraphs: ["Καλημέρα σε όλους."], related: [], meta: {} }));
    const timed = async (name: string, input: string) => {
      const store = await openStore(join(dir, `${name}.db`));
      const started = performance.now();
      const s = await ingestInto(store, [input], {});
      const seconds = (performance.now() - started) / 1000;
      await store.close();
      return { stored: s.added + s.updated + s.unchanged, failed: s.failed, seconds: Math.round(seconds * 10) / 10, articlesPerSec: rate(s.added + s.updated + s.unchanged, seconds) };
    };
    const html = await timed("html", join(dir, "html"));
    const fromWarc = await timed("warc", warc);

    // Memory on a large WARC: reading the whole file, then ingesting it for a while.
    const big = join(dir, "big.warc");
    const written = await writeBigWarc(big, pages, o.bigMb);
    const fileMb = Math.round(statSync(big).size / MB);
    let mem = sampler();
    t = performance.now();
    let bigRead = 0;
    for await (const item of readInputs([big])) if (!("error" in item)) bigRead++;
    const bigSeconds = (performance.now() - t) / 1000;
    const readMemory = mem.stop();
    const store = await openStore(join(dir, "big.db"));
    mem = sampler();
    t = performance.now();
    const deadline = t + o.ingestSeconds * 1000;
    const s = await ingestInto(store, [big], {}, { stopped: () => performance.now() >= deadline, keepLists: false });
    const ingestSeconds = (performance.now() - t) / 1000;
    const ingestMemory = mem.stop();
    await store.close();

    const result = {
      task: "warc",
      pages: o.pages,
      pageKb,
      readOnly: { records: read, seconds: Math.round(readSeconds * 100) / 100, recordsPerSec: rate(read, readSeconds) },
      ingestHtmlFiles: html,
      ingestWarcGz: fromWarc,
      warcVsHtml: Math.round((fromWarc.articlesPerSec / html.articlesPerSec) * 100) / 100,
      big: {
        fileMb,
        records: written.records,
        read: { records: bigRead, seconds: Math.round(bigSeconds), mbPerSec: rate(fileMb, bigSeconds), memory: readMemory },
        ingest: { seconds: Math.round(ingestSeconds), articles: s.added + s.updated + s.unchanged, articlesPerSec: rate(s.added + s.updated + s.unchanged, ingestSeconds), memory: ingestMemory },
      },
    };
    if (o.json) console.log(JSON.stringify(result));
    else {
      console.log(`${o.pages} pages of ~${pageKb} KB: reading the WARC.gz alone ${result.readOnly.recordsPerSec} records/s`);
      console.log(`ingest of the HTML files: ${html.stored} stored in ${html.seconds} s, ${html.articlesPerSec} articles/s`);
      console.log(`ingest of the WARC.gz:    ${fromWarc.stored} stored in ${fromWarc.seconds} s, ${fromWarc.articlesPerSec} articles/s (×${result.warcVsHtml})`);
      const m = (x: Memory) => `RSS first ${x.firstMb} MB, after warm-up ${x.afterWarmUpMb} MB, peak ${x.peakMb} MB, last ${x.lastMb} MB (growth after warm-up ${x.growthMb} MB, ${x.samples} samples)`;
      console.log(`a ${fileMb} MB WARC (${written.records} records) read in ${result.big.read.seconds} s (${result.big.read.mbPerSec} MB/s): ${m(readMemory)}`);
      console.log(`ingest of it for ${result.big.ingest.seconds} s: ${result.big.ingest.articles} articles (${result.big.ingest.articlesPerSec}/s): ${m(ingestMemory)}`);
    }
    return html.failed || fromWarc.failed || fromWarc.stored !== html.stored ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
