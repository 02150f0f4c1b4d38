// `npm run bench -- taggers [--json] [--rounds N]`: load time and resident memory
// with every tagger model loaded, and tokens per second on one core for NER and
// for POS + FEATS + lemma, over the test splits, sentence by sentence. The peer in
// the same process is our tokenizer over the same sentences (tokens per second,
// and the tagger/tokenizer ratio), since absolute rates on shared machines are noise.
import { performance } from "node:perf_hooks";
import { parseColumns, parseConllu, readText, requireCorpus } from "../models/data.js";
import { nerTagger, posTagger } from "../models/runtime.js";
import { tokenize } from "../text/tokenize.js";

const DEFAULT_ROUNDS = 3;
/** NER runs over documents (its second pass reads the document): sentences per document. */
const DOC_SENTENCES = 20;
const MB = 1024 * 1024;

interface Workload {
  name: string;
  /** Units the tagger runs on: documents (lists of sentences). */
  docs: string[][][];
  tag: (doc: string[][]) => unknown;
}

function documents(sentences: string[][], size: number): string[][][] {
  const out: string[][][] = [];
  for (let i = 0; i < sentences.length; i += size) out.push(sentences.slice(i, i + size));
  return out;
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
  const greek = words(readText(requireCorpus("el", "ner"), "test"));
  const english = words(readText(requireCorpus("en", "ner"), "test"));
  const ud = parseConllu(readText(requireCorpus("el", "pos"), "test")).map((s) => s.map((t) => t.form));
  const workloads: Workload[] = [
    { name: "ner-el", docs: documents(greek, DOC_SENTENCES), tag: (d) => models.nerEl!.tagDocument(d) },
    { name: "ner-en", docs: documents(english, DOC_SENTENCES), tag: (d) => models.nerEn!.tagDocument(d) },
    { name: "pos-el", docs: documents(ud, 1), tag: (d) => models.posEl!.tag(d[0]) },
    { name: "pos-en", docs: documents(english, 1), tag: (d) => models.posEn!.tag(d[0]) },
  ];
  const results = workloads.map((w) => {
    const tokens = w.docs.reduce((n, d) => n + d.reduce((m, s) => m + s.length, 0), 0);
    const tokenizer = rate(w.docs.map((d) => d.map((s) => s.join(" ")).join("\n")), tokens, (t) => tokenize(t), rounds);
    const tagger = rate(w.docs, tokens, w.tag, rounds);
    return {
      task: w.name,
      tokens,
      tokensPerSecond: Math.round(tagger),
      tokenizerTokensPerSecond: Math.round(tokenizer),
      ratio: Math.round((tagger / tokenizer) * 1000) / 1000,
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
