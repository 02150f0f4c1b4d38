// `npm run eval -- stories [--json] [--gold DIR] [--sweep]`: story assignment on
// the story gold of ../shared/gold/stories. The articles are stored one by one
// into a fresh store, as `ingest` stores them — in publication order where
// clusters.json knows the date (day or month), then the undated ones by id —
// reading nothing of clusters.json but that order; the stories the store then
// lists are scored against the gold stories (clustering.ts): pairwise P/R/F1
// over all pairs and el-el, en-en, el-en pairs, and B-cubed. The settings were
// chosen on the dev half (the stories with an odd number: sd01, sd03 …); the
// other half (test) and the whole set are reported too, and the whole set again
// in shuffled orders, since a stream's order is not chosen. `--sweep` compares
// settings on the dev half and prints the best (nothing is written).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Doc } from "../doc/doc.js";
import { isFailure, readInputs } from "../input/sources.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { defaultPipeline } from "../pipeline/default.js";
import { STORY_DEFAULTS, type StoryOptions } from "../stories/assign.js";
import { openStore } from "../store/open.js";
import { scoreClustering, type ClusteringScore, type Item } from "./clustering.js";

const DEFAULT_DIR = fileURLToPath(new URL("../../../shared/gold/stories/", import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL("../../eval/results/stories.md", import.meta.url));
const STORY_NUMBER = /(\d+)$/u;
const SHUFFLES = 5;
const UNDATED = "\uffff";
/** Settings compared by --sweep (each list replaces the default of its option). */
const SWEEP: Partial<Record<keyof StoryOptions, number[]>> = {
  memberWeight: [0, 0.5, 0.75, 1],
  placeWeight: [0, 1, 2, 3],
  threshold: [0.15, 0.2],
  crossThreshold: [0.15, 0.2],
};
/** Shuffled orders each setting is run in by --sweep, besides the publication order. */
const SWEEP_ORDERS = 20;
const SWEEP_SHOWN = 25;

interface GoldStories {
  stories: { id: string; articles: string[]; hard_negatives: string[] }[];
  articles: Record<string, { lang: string; published: string | null; published_month?: string; story: string }>;
}

interface Article {
  id: string;
  gold: string;
  lang: string;
  doc: Doc;
}

export interface SplitResult extends ClusteringScore {
  articles: number;
  stories: number;
  /** The predicted stories: article ids with their gold story (id:story), in the order the store lists them. */
  predicted: string[][];
}

/** A small deterministic generator (mulberry32), for the shuffled orders. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const next = random(seed);
  return xs.map((x) => [next(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

/** The articles analysed as `ingest` analyses files, in the stream order. */
async function loadArticles(dir: string, gold: GoldStories): Promise<Article[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -".txt".length));
  const dateOf = (id: string) => gold.articles[id]?.published ?? gold.articles[id]?.published_month ?? UNDATED;
  files.sort((a, b) => dateOf(a).localeCompare(dateOf(b)) || a.localeCompare(b));
  const pipeline = defaultPipeline();
  const out: Article[] = [];
  for (const id of files) {
    const g = gold.articles[id];
    if (!g) throw new Error(`${id}.txt is not in clusters.json`);
    for await (const raw of readInputs([join(dir, `${id}.txt`)])) {
      if (isFailure(raw)) throw new Error(`${raw.source}: ${raw.error}`);
      out.push({ id, gold: g.story, lang: g.lang, doc: analyzeRaw(raw, pipeline) });
    }
  }
  return out;
}

/** Store the articles in this order into a fresh store; the story of each article id. */
async function assign(articles: Article[], options: StoryOptions): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-eval-stories-"));
  const store = await openStore(join(dir, "stories.db"), { stories: options });
  try {
    await store.beginBatch();
    const idOf = new Map<string, string>();
    for (const a of articles) idOf.set((await store.put(a.doc)).id, a.id);
    await store.endBatch();
    const predicted = new Map<string, string>();
    for (const s of (await store.stories({ limit: -1, withArticles: true })).stories) {
      for (const a of s.articles ?? []) predicted.set(idOf.get(a.id) ?? a.id, String(s.id));
    }
    return predicted;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function score(articles: Article[], hard: Map<string, Set<string>>, options: StoryOptions): Promise<SplitResult> {
  const items: Item[] = articles.map((a) => ({ id: a.id, gold: a.gold, lang: a.lang }));
  const assigned = await assign(articles, options);
  const byStory = new Map<string, string[]>();
  for (const a of [...articles].sort((x, y) => x.id.localeCompare(y.id))) {
    const s = assigned.get(a.id) ?? a.id;
    byStory.set(s, [...(byStory.get(s) ?? []), `${a.id}:${a.gold}`]);
  }
  const predicted = [...byStory.values()].sort((x, y) => x[0].localeCompare(y[0]));
  return { articles: items.length, stories: new Set(items.map((i) => i.gold)).size, ...scoreClustering(items, assigned, hard), predicted };
}

const isDev = (story: string) => Number(STORY_NUMBER.exec(story)?.[1] ?? 0) % 2 === 1;

/** The headline figure of a run for comparing settings: the weaker monolingual F1, the cross-lingual F1 and B-cubed F1. */
function objective(r: SplitResult): number {
  const f = (c: string) => r.pairs[c]?.f1 ?? 0;
  return Math.min(f("el-el"), f("en-en")) + f("el-en") + r.bcubed.f1;
}

async function sweep(dev: Article[], hard: Map<string, Set<string>>): Promise<void> {
  const names = Object.keys(SWEEP) as (keyof StoryOptions)[];
  let settings: StoryOptions[] = [{}];
  for (const name of names) settings = settings.flatMap((s) => SWEEP[name]!.map((v) => ({ ...s, [name]: v })));
  const rows: [number, StoryOptions][] = [];
  for (const s of settings) {
    let total = objective(await score(dev, hard, s));
    for (let seed = 1; seed <= SWEEP_ORDERS; seed++) total += objective(await score(shuffled(dev, seed), hard, s)) / SWEEP_ORDERS;
    rows.push([total / 2, s]);
  }
  rows.sort((a, b) => b[0] - a[0]);
  for (const [value, s] of rows.slice(0, SWEEP_SHOWN)) console.log(value.toFixed(3), JSON.stringify(s));
}

const fmt = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));

function markdown(results: Record<string, SplitResult>, shuffles: { bcubedF1: number[]; pairF1: Record<string, number[]> }): string {
  const lines = [
    "# Stories on ../shared/gold/stories",
    "",
    "`npm run eval -- stories`. The articles are stored one by one into a fresh store (publication order where `clusters.json` knows the",
    "date, then the undated ones by id); the store's stories are scored against the gold stories. Settings chosen on the dev half",
    "(stories with an odd number); test is the other half.",
    "",
    "| split | articles | stories | pairs P / R / F1 | el-el F1 | en-en F1 | el-en P / R / F1 | B-cubed P / R / F1 | hard-negative merges | singletons alone |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, r] of Object.entries(results)) {
    const p = (c: string) => r.pairs[c];
    lines.push(
      `| ${name} | ${r.articles} | ${r.stories} | ${fmt(p("all").precision)} / ${fmt(p("all").recall)} / ${fmt(p("all").f1)} | ${fmt(p("el-el")?.f1 ?? null)} | ${fmt(p("en-en")?.f1 ?? null)} | ` +
        `${fmt(p("el-en")?.precision ?? null)} / ${fmt(p("el-en")?.recall ?? null)} / ${fmt(p("el-en")?.f1 ?? null)} | ${fmt(r.bcubed.precision)} / ${fmt(r.bcubed.recall)} / ${fmt(r.bcubed.f1)} | ` +
        `${r.hardNegativeMerges} | ${r.singletonsAlone}/${r.singletons} |`,
    );
  }
  const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  lines.push(
    "",
    `All articles in ${SHUFFLES} shuffled orders: B-cubed F1 ${range(shuffles.bcubedF1)}; el-el F1 ${range(shuffles.pairF1["el-el"])}; en-en F1 ${range(shuffles.pairF1["en-en"])}; el-en F1 ${range(shuffles.pairF1["el-en"])}.`,
    "",
    `Settings: ${JSON.stringify(STORY_DEFAULTS)}.`,
    "",
    "Predicted stories of all articles (article:gold story):",
    "",
    ...results.all.predicted.map((p) => `- ${p.join(" ")}`),
    "",
  );
  return lines.join("\n");
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, gold: { type: "string" }, sweep: { type: "boolean", default: false } } });
  const dir = values.gold ?? DEFAULT_DIR;
  const gold = JSON.parse(readFileSync(join(dir, "clusters.json"), "utf8")) as GoldStories;
  const hard = new Map(gold.stories.map((s) => [s.id, new Set(s.hard_negatives)]));
  const articles = await loadArticles(dir, gold);
  const dev = articles.filter((a) => isDev(a.gold));
  if (values.sweep) {
    await sweep(dev, hard);
    return 0;
  }
  const results: Record<string, SplitResult> = {
    dev: await score(dev, hard, {}),
    test: await score(articles.filter((a) => !isDev(a.gold)), hard, {}),
    all: await score(articles, hard, {}),
  };
  const shuffles = { bcubedF1: [] as number[], pairF1: { "el-el": [] as number[], "en-en": [] as number[], "el-en": [] as number[] } };
  for (let seed = 1; seed <= SHUFFLES; seed++) {
    const r = await score(shuffled(articles, seed), hard, {});
    shuffles.bcubedF1.push(r.bcubed.f1);
    for (const c of Object.keys(shuffles.pairF1) as (keyof typeof shuffles.pairF1)[]) shuffles.pairF1[c].push(r.pairs[c]?.f1 ?? 0);
  }
  const md = markdown(results, shuffles);
  mkdirSync(fileURLToPath(new URL("../../eval/results/", import.meta.url)), { recursive: true });
  writeFileSync(RESULTS_FILE, md);
  if (values.json) console.log(JSON.stringify({ task: "stories", ...results, shuffles }));
  else console.log(md);
  return 0;
}
