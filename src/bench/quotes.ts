// `npm run bench -- quotes [--json] [--rounds <n>] [--gold <dir>]`: what the quotation
// layer adds to `analyze` on the gold articles. The default pipeline runs from
// the raw text with every component timed in place, interleaved round by round
// with the same pipeline less the quotes component, all in this process. The
// figures are ratios (absolute times on shared machines are noise): the quotes
// component's own time over the rest of analyze, and the whole difference
// between the two pipelines (which also counts later components' work on quotes).
import type { Doc } from "../doc/doc.js";
import { DEFAULT_GOLD_DIR, loadGoldArticles } from "../eval/gold.js";
import type { RawInput } from "../input/sources.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { defaultPipeline } from "../pipeline/default.js";
import { Pipeline, type Component } from "../pipeline/pipeline.js";

const DEFAULT_ROUNDS = 30;
const WARM_UP_ROUNDS = 3;
const QUOTES_COMPONENT = "quotes";

interface Options {
  json: boolean;
  rounds: number;
  gold: string;
}

function parseArgs(args: string[]): Options {
  const o: Options = { json: false, rounds: DEFAULT_ROUNDS, gold: DEFAULT_GOLD_DIR };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--json") o.json = true;
    else if (args[i] === "--rounds" && args[i + 1]) o.rounds = Number(args[++i]);
    else if (args[i] === "--gold" && args[i + 1]) o.gold = args[++i];
    else throw new Error(`unknown option "${args[i]}" (options: --json, --rounds <n>, --gold <dir>)`);
  }
  if (!Number.isInteger(o.rounds) || o.rounds <= 0) throw new Error("--rounds must be a positive whole number");
  return o;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** The component, timed: its milliseconds are added to `spent[name]`. */
function timed(c: Component, spent: Map<string, number>): Component {
  return {
    ...c,
    run(doc: Doc) {
      const t0 = nowMs();
      c.run(doc);
      spent.set(c.name, (spent.get(c.name) ?? 0) + nowMs() - t0);
    },
  };
}

function timeRound(inputs: RawInput[], pipeline: Pipeline): number {
  const t0 = nowMs();
  for (const raw of inputs) analyzeRaw(raw, pipeline);
  return nowMs() - t0;
}

export async function run(args: string[]): Promise<number> {
  const o = parseArgs(args);
  const inputs: RawInput[] = loadGoldArticles(o.gold).map(({ id, text }) => ({ source: `${id}.txt`, mediaType: "text/plain", text, hints: {} }));
  const spent = new Map<string, number>();
  const spentWithout = new Map<string, number>();
  const components = defaultPipeline().components;
  const full = new Pipeline(components.map((c) => timed(c, spent)));
  const without = new Pipeline(components.filter((c) => c.name !== QUOTES_COMPONENT).map((c) => timed(c, spentWithout)));
  for (let r = 0; r < WARM_UP_ROUNDS; r++) {
    timeRound(inputs, full);
    timeRound(inputs, without);
  }
  spent.clear();
  spentWithout.clear();
  let withMs = 0;
  let withoutMs = 0;
  for (let r = 0; r < o.rounds; r++) {
    withoutMs += timeRound(inputs, without);
    withMs += timeRound(inputs, full);
  }
  const quotesMs = spent.get(QUOTES_COMPONENT) ?? 0;
  const perRound = (m: Map<string, number>, name: string): number | null => (m.has(name) ? round2((m.get(name) ?? 0) / o.rounds) : null);
  const result = {
    task: "quotes",
    articles: inputs.length,
    rounds: o.rounds,
    components: components.map((c) => ({ name: c.name, withQuotesMs: perRound(spent, c.name), withoutMs: perRound(spentWithout, c.name) })),
    analyzeMs: { withQuotes: round2(withMs / o.rounds), without: round2(withoutMs / o.rounds) },
    /** The quotes component's own time over the rest of analyze. */
    quotesComponentShare: round4(quotesMs / (withMs - quotesMs)),
    /** The whole difference between the two pipelines, over the one without quotes. */
    pipelineDifference: round4((withMs - withoutMs) / withoutMs),
  };
  if (o.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const cell = (x: number | null) => (x === null ? "—" : x.toFixed(2));
  console.log(`analyze of ${inputs.length} gold articles × ${o.rounds} rounds`);
  console.log(`  ${"component".padEnd(12)} ${"with quotes".padStart(12)} ${"without".padStart(10)}  (ms/round)`);
  for (const c of result.components) console.log(`  ${c.name.padEnd(12)} ${cell(c.withQuotesMs).padStart(12)} ${cell(c.withoutMs).padStart(10)}`);
  console.log(`  ${"analyze".padEnd(12)} ${cell(result.analyzeMs.withQuotes).padStart(12)} ${cell(result.analyzeMs.without).padStart(10)}`);
  console.log(`quotation layer: ${pct(result.quotesComponentShare)} added by the quotes component; ${pct(result.pipelineDifference)} between the two pipelines`);
  return 0;
}
