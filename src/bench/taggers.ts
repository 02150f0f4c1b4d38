// `npm run bench -- taggers [--json] [--rounds N]`: load time and resident memory
// with every tagger model loaded, and tokens per second on one core for NER and
// for POS + FEATS + lemma, over the test splits, sentence by sentence. The peer in
// the same process is our tokenizer over the same sentences (tokens per second,
// and the tagger/tokenizer ratio), since absolute rates on shared machines are noise.
import { performance } from "node:perf_hooks";
import { parseColumns, parseConllu, readText } from "../models/data.js";
import { nerTagger, posTagger } from "../models/runtime.js";
import { tokenize } from "../text/tokenize.js";

const DEFAULT_ROUNDS = 3;
const MB = 1024 * 1024;

interface Workload {
  name: string;
  sentences: string[][];
  tag: (words: string[]) => unknown;
}

/** Tokens per second of `fn` over `items` (best of `rounds` after a warm-up pass). */
function rate<T>(items: T[], tokens: number, fn: (item: T) => unknown, rounds: number): number {
  for (const s of items) fn(s);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const s of items) fn(s);
    best = Math.min(best, performance.now() - t0);
  }
  return (tokens / best) * 1000;
}

export async function run(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const at = args.indexOf("--rounds");
  const rounds = at >= 0 ? Number(args[at + 1]) : DEFAULT_ROUNDS;
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const models = { nerEl: nerTagger("el"), nerEn: nerTagger("en"), posEl: posTagger("el"), posEn: posTagger("en") };
  const loadMs = performance.now() - t0;
  const rssLoaded = process.memoryUsage().rss;
  for (const [name, m] of Object.entries(models)) if (!m) throw new Error(`model ${name} is missing under models/`);
  const words = (text: string) => parseColumns(text).map((s) => s.words);
  const greek = words(readText("ner-el", "test"));
  const english = words(readText("ner-en", "test"));
  const ud = parseConllu(readText("pos-el", "test")).map((s) => s.map((t) => t.form));
  const workloads: Workload[] = [
    { name: "ner-el", sentences: greek, tag: (w) => models.nerEl!.tagDocument([w]) },
    { name: "ner-en", sentences: english, tag: (w) => models.nerEn!.tagDocument([w]) },
    { name: "pos-el", sentences: ud, tag: (w) => models.posEl!.tag(w) },
    { name: "pos-en", sentences: english, tag: (w) => models.posEn!.tag(w) },
  ];
  const results = workloads.map((w) => {
    const tokens = w.sentences.reduce((n, s) => n + s.length, 0);
    const tokenizer = rate(w.sentences.map((s) => s.join(" ")), tokens, (t) => tokenize(t), rounds);
    const tagger = rate(w.sentences, tokens, w.tag, rounds);
    return {
      task: w.name,
      tokens,
      tokensPerSecond: Math.round(tagger),
      tokenizerTokensPerSecond: Math.round(tokenizer),
      ratio: Math.round((tagger / tokenizer) * 100) / 100,
    };
  });
  const out = {
    task: "taggers",
    loadMs: Math.round(loadMs),
    rssMB: Math.round(process.memoryUsage().rss / MB),
    modelsRssMB: Math.round((rssLoaded - rssBefore) / MB),
    results,
  };
  if (json) console.log(JSON.stringify(out));
  else {
    console.log(`models loaded in ${out.loadMs} ms; resident memory ${out.rssMB} MB (+${out.modelsRssMB} MB for the models)`);
    console.log("| task | tokens | tokens/s (tagger) | tokens/s (tokenizer, peer) | tagger/tokenizer |");
    console.log("|---|---|---|---|---|");
    for (const r of results) console.log(`| ${r.task} | ${r.tokens} | ${r.tokensPerSecond} | ${r.tokenizerTokensPerSecond} | ${r.ratio} |`);
  }
  return 0;
}
