// `npm run eval -- extraction [--json] [--data <dir>] [--worst <n>]`: article-body
// accuracy on the article-extraction-benchmark (181 pages with checked bodies),
// for our extractor and for Readability.js over linkedom in the same run. The
// metric is a faithful port of the benchmark's evaluate.py: \w+ tokens, multisets
// of 4-token shingles, per-page tp/fp/fn normalised to sum 1, precision averaged
// over pages with a prediction, recall over pages with a truth, F1 of the means.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractHtml } from "../extract/html/index.js";
import { dateAccuracy, loadFixtures } from "../extract/html/fixtures.js";
import { parsePage } from "../extract/html/tree.js";
import type { Node } from "../extract/html/tree.js";

export const DEFAULT_DATA_DIR = "../shared/data/article-extraction-benchmark";
const RESULTS_FILE = "eval/results/extraction.md";
const SHINGLE_SIZE = 4;
/** Python's `\w` on str patterns: Unicode letters, numbers and the underscore. */
const TOKEN = /[\p{L}\p{N}_]+/gu;

export interface BenchPage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

export type TpFpFn = [number, number, number];

export interface Scores {
  f1: number;
  precision: number;
  recall: number;
}

/** Extracts the body text of one page; "" when it finds none. */
export type BodyExtractor = (page: BenchPage) => string;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < last; i++) {
    const window = tokens.slice(i, i + SHINGLE_SIZE);
    if (window.length === 0) continue;
    const key = window.join("\u0000");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** tp, fp, fn over the shingle multisets, normalised to sum 1 (evaluate.py). */
export function shingleMatch(truth: string, pred: string): TpFpFn {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
    fp += Math.max(0, pc - tc);
  }
  for (const [key, pc] of p) if (!t.has(key)) fp += pc;
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

function precisionScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

export function scoresFrom(list: TpFpFn[]): Scores {
  const precision = mean(list.filter(([tp, fp]) => tp + fp > 0).map(precisionScore));
  const recall = mean(list.filter(([tp, , fn]) => tp + fn > 0).map(recallScore));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}

export function loadBenchmark(dir: string): BenchPage[] {
  let truthJson: Record<string, { articleBody?: string; url?: string }>;
  try {
    truthJson = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8"));
  } catch (err) {
    throw new Error(`cannot read the benchmark in ${resolve(dir)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const files = new Set(readdirSync(join(dir, "html")));
  return Object.entries(truthJson).map(([id, g]) => {
    const name = `${id}.html.gz`;
    if (!files.has(name)) throw new Error(`benchmark page ${name} is missing from ${resolve(dir, "html")}`);
    const html = gunzipSync(readFileSync(join(dir, "html", name))).toString("utf8");
    return { id, url: g.url ?? "", html, truth: g.articleBody ?? "" };
  });
}

export const newsgraphBody: BodyExtractor = (page) =>
  extractHtml(page.html, { url: page.url })?.paragraphs.join("\n\n") ?? "";

export const readabilityBody: BodyExtractor = (page) => {
  const { document } = parseHTML(page.html);
  return new Readability(document as never).parse()?.textContent ?? "";
};

interface Options {
  json: boolean;
  data: string;
  worst: number;
}

function parseArgs(args: string[]): Options {
  const opts: Options = { json: false, data: DEFAULT_DATA_DIR, worst: 0 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") opts.json = true;
    else if (a === "--data" && args[i + 1]) opts.data = args[++i];
    else if (a === "--worst" && args[i + 1]) opts.worst = Number(args[++i]);
    else throw new Error(`unknown option "${a}" (options: --json, --data <dir>, --worst <n>)`);
  }
  return opts;
}

function fmt(x: number): string {
  return x.toFixed(3);
}

function table(rows: [string, Scores][]): string {
  const lines = ["| extractor | F1 | precision | recall |", "|---|---|---|---|"];
  for (const [name, s] of rows) lines.push(`| ${name} | ${fmt(s.f1)} | ${fmt(s.precision)} | ${fmt(s.recall)} |`);
  return lines.join("\n");
}

export async function run(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  const pages = loadBenchmark(opts.data);
  const systems: Record<string, BodyExtractor> = { newsgraph: newsgraphBody, readability: readabilityBody };
  const perPage: Record<string, TpFpFn[]> = {};
  const scores: Record<string, Scores> = {};
  for (const [name, extract] of Object.entries(systems)) {
    perPage[name] = pages.map((p) => shingleMatch(p.truth, extract(p)));
    scores[name] = scoresFrom(perPage[name]);
  }
  const bounds: [string, Scores][] = [
    ["everything (all page text)", scoresFrom(pages.map((p) => shingleMatch(p.truth, allText(p.html))))],
    ["nothing", scoresFrom(pages.map((p) => shingleMatch(p.truth, "")))],
  ];
  const rows: [string, Scores][] = [
    ["newsgraph", scores.newsgraph],
    ["Readability.js 0.6 + linkedom (same run)", scores.readability],
    ...bounds,
  ];
  const fixtures = loadFixtures();
  const dates = dateAccuracy(fixtures, (f) => extractHtml(f.html, { url: f.expected.url }));
  const md = [
    "# Article extraction: body accuracy",
    "",
    `${pages.length} pages of the article-extraction-benchmark; 4-token shingle precision/recall averaged over pages, F1 of the averages (the benchmark's evaluate.py, ported).`,
    "Published on the same pages: Readability.js 0.947, trafilatura 0.958, go-trafilatura 0.960, rs-trafilatura 0.970.",
    "",
    table(rows),
    "",
    `Publication date on the project's fixture pages (src/extract/html/fixtures): ${dates.right}/${dates.total} right.`,
    "",
  ].join("\n");
  mkdirSync("eval/results", { recursive: true });
  writeFileSync(RESULTS_FILE, md);
  if (opts.json) {
    console.log(JSON.stringify({ systems: scores, pages: pages.length, fixtureDates: dates }));
  } else {
    console.log(table(rows));
    console.log(`\npublication date on fixtures: ${dates.right}/${dates.total}`);
    console.log(`written to ${RESULTS_FILE}`);
  }
  if (opts.worst > 0) {
    const ranked = pages
      .map((p, i) => ({ p, ours: perPage.newsgraph[i], theirs: perPage.readability[i] }))
      .map((r) => ({ ...r, f: pageF1(r.ours), g: pageF1(r.theirs) }))
      .sort((a, b) => a.f - b.f)
      .slice(0, opts.worst);
    for (const r of ranked) {
      console.error(`${r.p.id.slice(0, 12)} ours P=${fmt(precisionScore(r.ours))} R=${fmt(recallScore(r.ours))} readability P=${fmt(precisionScore(r.theirs))} R=${fmt(recallScore(r.theirs))} ${r.p.url}`);
    }
  }
  return 0;
}

function pageF1(t: TpFpFn): number {
  const p = precisionScore(t);
  const r = recallScore(t);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** The "everything" bound: every text node of the page outside script and style. */
function allText(html: string): string {
  const out: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (typeof n === "string") out.push(n);
      else walk(n.children);
    }
  };
  walk(parsePage(html).root.children);
  return out.join(" ");
}
