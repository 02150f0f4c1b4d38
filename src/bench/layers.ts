// `npm run bench -- layers [--baseline <checkout>] [--rounds <n>] [--generated <n>] [--json]`:
// each layer's own time — the page structure of a text page (and the document
// built from it), then every component of the default pipeline — over the gold
// text pages and generated articles, each analysed afresh as `analyze` does,
// warm, the best of the rounds. With --baseline, another checkout
// whose `dist/` is built (an earlier version, say) is loaded into this process
// and timed round by round beside this one, so each layer gets a ratio measured
// in the same conditions: the figure to read on a shared machine.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Doc } from "../doc/doc.js";
import { DEFAULT_GOLD_DIR, loadGoldArticles } from "../eval/gold.js";
import type { ExtractedArticle } from "../extract/article.js";
import type { Component } from "../pipeline/pipeline.js";
import { ArticleGenerator } from "./articles.js";

const DEFAULTS = { rounds: 20, generated: 60 };
/** Generated articles are numbered apart from the other benches' (the same ones every run). */
const GENERATED_OFFSET = 3_000_000;
/** The page's structure and the document built from it. */
const PAGE_LAYER = "page";
/** Rounds run before the timed ones (compiling, caches). */
const WARM_UP_ROUNDS = 2;

interface Options {
  rounds: number;
  generated: number;
  baseline: string | null;
  json: boolean;
}

function parseArgs(args: string[]): Options {
  const o: Options = { ...DEFAULTS, baseline: null, json: false };
  const usage = "options: --baseline <checkout>, --rounds <n>, --generated <n>, --json";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") o.json = true;
    else if (a === "--baseline" && args[i + 1]) o.baseline = resolve(args[++i]);
    else if ((a === "--rounds" || a === "--generated") && args[i + 1]) {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a} must be a positive whole number`);
      o[a === "--rounds" ? "rounds" : "generated"] = n;
    } else throw new Error(`unknown option "${a}" (${usage})`);
  }
  return o;
}

/** What one version of the code offers this bench. */
interface Version {
  parseTextPage(input: string): ExtractedArticle;
  buildDoc(article: ExtractedArticle): Doc;
  components: readonly Component[];
}

async function load(base: URL): Promise<Version> {
  const page = (await import(new URL("extract/text-page.js", base).href)) as { parseTextPage: Version["parseTextPage"] };
  const build = (await import(new URL("pipeline/build.js", base).href)) as { buildDoc: Version["buildDoc"] };
  const pipeline = (await import(new URL("pipeline/default.js", base).href)) as { defaultPipeline(): { components: readonly Component[] } };
  return { parseTextPage: page.parseTextPage, buildDoc: build.buildDoc, components: pipeline.defaultPipeline().components };
}

/** One round: each layer's milliseconds over all pages, each page analysed afresh as `analyze` would. */
function timeRound(v: Version, pages: readonly string[]): Map<string, number> {
  const out = new Map<string, number>([[PAGE_LAYER, 0], ...v.components.map((c) => [c.name, 0] as [string, number])]);
  for (const p of pages) {
    let t = performance.now();
    const doc = v.buildDoc(v.parseTextPage(p));
    out.set(PAGE_LAYER, out.get(PAGE_LAYER)! + performance.now() - t);
    for (const c of v.components) {
      t = performance.now();
      c.run(doc);
      out.set(c.name, out.get(c.name)! + performance.now() - t);
    }
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export async function run(args: string[]): Promise<number> {
  const o = parseArgs(args);
  const generator = new ArticleGenerator();
  const pages = [
    ...loadGoldArticles(DEFAULT_GOLD_DIR).map((a) => a.text),
    ...Array.from({ length: o.generated }, (_, i) => ArticleGenerator.page(generator.article(GENERATED_OFFSET + i))),
  ];
  const versions: { name: string; v: Version }[] = [{ name: "this", v: await load(new URL("../", import.meta.url)) }];
  if (o.baseline) versions.push({ name: "baseline", v: await load(new URL("dist/", pathToFileURL(`${o.baseline}/`))) });
  const state = versions.map(({ name, v }) => ({ name, v, best: new Map<string, number>() }));
  for (let r = 0; r < WARM_UP_ROUNDS + o.rounds; r++) {
    // Each version goes first every other round: what one leaves behind (garbage, caches) falls on both alike.
    for (const s of r % 2 ? [...state].reverse() : state) {
      const times = timeRound(s.v, pages);
      if (r >= WARM_UP_ROUNDS) for (const [layer, ms] of times) s.best.set(layer, Math.min(s.best.get(layer) ?? Infinity, ms));
    }
  }
  const [self, base] = state;
  const layers = Object.fromEntries(
    [...self.best].map(([layer, ms]) => {
      const b = base?.best.get(layer);
      return [layer, { ms: round1(ms), ...(b === undefined ? {} : { baselineMs: round1(b), ratio: round2(ms / b) }) }];
    }),
  );
  const result = { task: "layers", pages: pages.length, rounds: o.rounds, baseline: o.baseline, layers };
  if (o.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(`bench layers: ${pages.length} pages (gold and generated), best of ${o.rounds} rounds, ms over all pages${base ? ", beside the baseline" : ""}`);
  for (const [layer, f] of Object.entries(layers)) {
    console.log(`  ${layer.padEnd(10)} ${String(f.ms).padStart(8)}${"ratio" in f ? `  baseline ${String(f.baselineMs).padStart(8)}  ×${f.ratio}` : ""}`);
  }
  return 0;
}
