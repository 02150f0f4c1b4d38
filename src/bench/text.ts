// `npm run bench -- text [--json] [--mb N] [--articles N]`: speed of the text
// layer and of ingest, each beside a peer in the same process.
// - tokenization + sentence splitting of Greek text (sentences of UD Greek GDT
//   from ../shared/data), in MB/s of UTF-8, beside the floor of that work: one
//   bare regular-expression scan for words and one for sentence ends. (Node's
//   Intl.Segmenter was the obvious peer but runs at ~0.01 MB/s here.)
// - ingest of generated articles into a fresh SQLite file through the
//   text layers and through the default pipeline, in articles/s, beside bare
//   inserts of the same texts into an FTS5 table; and the `ingest` command on
//   them as files, with --jobs 1 and --jobs <cores>, each its own process.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { getLang } from "../lang/lang.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../text/components.js";
import { bareFtsInsertSeconds } from "../store/bench-peer.js";
import { openStore } from "../store/open.js";
import { splitSentences } from "../text/sentences.js";
import { tokenize } from "../text/tokenize.js";

const GDT_FILE = fileURLToPath(new URL("../../../shared/data/ud-greek-gdt/el_gdt-ud-train.conllu", import.meta.url));
const SENTENCES_PER_PARAGRAPH = 4;
const PARAGRAPHS_PER_ARTICLE = 6;
const ROUNDS = 3;
const CLI = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
/** The ingest command's JSON lists every article: room for it. */
const CLI_OUTPUT_BYTES = 256 * 1024 * 1024;
const execFileAsync = promisify(execFile);
const BARE_TOKEN = /[\p{L}\p{N}]+|\S/gu;
const BARE_SENTENCE_END = /[.!?;…]\s+(?=\p{Lu})/gu;

function gdtSentences(): string[] {
  return readFileSync(GDT_FILE, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("# text = "))
    .map((l) => l.slice(9).trim());
}

/** Paragraphs of GDT sentences, repeated until the text reaches `bytes`. */
function corpus(sentences: string[], bytes: number): { text: string; paragraphs: { start: number; end: number }[] } {
  const paragraphs: { start: number; end: number }[] = [];
  let text = "";
  let size = 0;
  for (let i = 0; size < bytes; i += SENTENCES_PER_PARAGRAPH) {
    const p = Array.from({ length: SENTENCES_PER_PARAGRAPH }, (_, k) => sentences[(i + k) % sentences.length]).join(" ");
    if (text) text += "\n\n";
    paragraphs.push({ start: text.length, end: text.length + p.length });
    text += p;
    size += Buffer.byteLength(p) + 2;
  }
  return { text, paragraphs };
}

function best(fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min / 1000;
}

function benchText(sentences: string[], megabytes: number) {
  const { text, paragraphs } = corpus(sentences, megabytes * 1e6);
  const mb = Buffer.byteLength(text) / 1e6;
  const lang = getLang("el");
  let ourTokens = 0;
  let ourSentences = 0;
  const ours = best(() => {
    const tokens = tokenize(text, { lang });
    ourTokens = tokens.length;
    ourSentences = splitSentences(text, tokens, paragraphs, { lang }).length;
  });
  let peerWords = 0;
  let peerSentences = 0;
  const peer = best(() => {
    peerWords = 0;
    peerSentences = 0;
    for (BARE_TOKEN.lastIndex = 0; BARE_TOKEN.exec(text); ) peerWords++;
    for (BARE_SENTENCE_END.lastIndex = 0; BARE_SENTENCE_END.exec(text); ) peerSentences++;
  });
  return {
    megabytes: Math.round(mb * 100) / 100,
    newsgraph: { mbPerSec: round(mb / ours), tokens: ourTokens, sentences: ourSentences },
    bareRegexScan: { mbPerSec: round(mb / peer), tokens: peerWords, sentences: peerSentences },
    ratio: round(peer / ours),
  };
}

function articles(sentences: string[], n: number): { title: string; paragraphs: string[] }[] {
  const per = SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_ARTICLE;
  return Array.from({ length: n }, (_, a) => {
    const at = (k: number) => sentences[(a * 7 + k * 13) % sentences.length];
    const paragraphs = Array.from({ length: PARAGRAPHS_PER_ARTICLE }, (_, p) =>
      Array.from({ length: SENTENCES_PER_PARAGRAPH }, (_, s) => at(p * SENTENCES_PER_PARAGRAPH + s)).join(" "),
    );
    return { title: `${a + 1}. ${at(per)}`.slice(0, 120), paragraphs };
  });
}

/** Seconds to ingest the articles into a fresh store through a pipeline (best of ROUNDS). */
async function ingestSeconds(dir: string, name: string, pipeline: Pipeline, items: { title: string; paragraphs: string[] }[]): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const store = await openStore(join(dir, `${name}-${round}.db`));
    const t = performance.now();
    let added = 0;
    for (const a of items) if ((await store.put(pipeline.run(buildDoc({ ...a, related: [], meta: {} })))).status === "added") added++;
    best = Math.min(best, (performance.now() - t) / 1000);
    await store.close();
    if (added !== items.length) throw new Error(`only ${added} of ${items.length} articles were added`);
  }
  return best;
}

async function benchIngest(sentences: string[], n: number) {
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-bench-"));
  mkdirSync(join(dir, "in"));
  try {
    const items = articles(sentences, n);
    const textOnly = await ingestSeconds(dir, "text", new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]), items);
    const ours = await ingestSeconds(dir, "full", defaultPipeline(), items);
    // The same articles as files, through the `ingest` command, on one core and on all of them: each
    // a process of its own (wall clock, start-up and model loading included), so that neither finds
    // the models already loaded by the measurements above.
    items.forEach((a, k) => writeFileSync(join(dir, "in", `${String(k).padStart(5, "0")}.txt`), `${a.title}\n\n${a.paragraphs.join("\n\n")}\n`, { flag: "w" }));
    const jobs = availableParallelism();
    const viaFiles = async (j: number) => {
      const started = performance.now();
      const { stdout } = await execFileAsync(process.execPath, [CLI, "ingest", join(dir, "in"), "--db", join(dir, `files-${j}.db`), "--jobs", String(j), "--no-progress", "--json"], { maxBuffer: CLI_OUTPUT_BYTES });
      const seconds = (performance.now() - started) / 1000;
      const summary = JSON.parse(stdout) as { added: number };
      if (summary.added !== n) throw new Error(`ingest added ${summary.added} of ${n} articles`);
      return seconds;
    };
    const filesOne = await viaFiles(1);
    const filesAll = await viaFiles(jobs);
    const peer = bareFtsInsertSeconds(join(dir, "peer.db"), items.map((a) => ({ title: a.title, body: a.paragraphs.join("\n\n") })), ROUNDS);
    return {
      articles: n,
      textLayers: { articlesPerSec: Math.round(n / textOnly) },
      newsgraph: { articlesPerSec: Math.round(n / ours), components: defaultPipeline().components.map((c) => c.name) },
      ingestCommand: { jobs1: { articlesPerSec: Math.round(n / filesOne) }, [`jobs${jobs}`]: { articlesPerSec: Math.round(n / filesAll) }, speedup: round(filesOne / filesAll) },
      bareSqliteFts: { articlesPerSec: Math.round(n / peer) },
      ratio: round(peer / ours),
      textLayersRatio: round(peer / textOnly),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, mb: { type: "string", default: "5" }, articles: { type: "string", default: "1000" } },
  });
  const sentences = gdtSentences();
  const text = benchText(sentences, Number(values.mb));
  const ingest = await benchIngest(sentences, Number(values.articles));
  const result = { task: "text", text, ingest };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`tokenize + sentences: ${text.newsgraph.mbPerSec} MB/s of Greek (${text.megabytes} MB, ${text.newsgraph.tokens} tokens, ${text.newsgraph.sentences} sentences)`);
    console.log(`  bare regex scan (tokens + sentence ends): ${text.bareRegexScan.mbPerSec} MB/s · newsgraph is ${text.ratio}× its speed`);
    console.log(`ingest, text layers (language, tokens, sentences): ${ingest.textLayers.articlesPerSec} articles/s (${ingest.articles} articles, one transaction each)`);
    console.log(`ingest, default pipeline (${ingest.newsgraph.components.join(", ")}): ${ingest.newsgraph.articlesPerSec} articles/s`);
    const { speedup, ...byJobs } = ingest.ingestCommand;
    console.log(`newsgraph ingest of the same articles as files, one process each: ${Object.entries(byJobs).map(([k, v]) => `${k} ${(v as { articlesPerSec: number }).articlesPerSec} articles/s`).join(" · ")} (×${speedup})`);
    console.log(`  bare SQLite + FTS5 inserts: ${ingest.bareSqliteFts.articlesPerSec} articles/s · newsgraph is ${ingest.ratio}× its speed`);
  }
  return 0;
}
