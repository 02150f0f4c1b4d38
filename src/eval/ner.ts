// `npm run eval -- ner --lang <code> --split dev|test [--json]`: exact-span
// (conlleval-style) precision, recall and F1 per label and micro-averaged, of the
// committed NER model on the language's NER corpus (lang/<code>/corpora.json); also the same model
// decoded greedily, to show what Viterbi adds. Writes eval/results/ner-<lang>.md.
// `npm run eval -- ner --gold [--json]`: recall by type of the entities of the
// hand-checked articles in ../shared/gold (seed first), through the whole text
// pipeline (tokenizer, sentences, POS, NER); writes eval/results/ner-gold.md.
import { parseColumns, readText, requireCorpus, type Split } from "../models/data.js";
import { SpanScorer, type SpanScores } from "../models/ner.js";
import type { EntityRecognizer } from "../models/recognizer.js";
import { parseEvalArgs, pct, writeResultSection } from "../models/report.js";
import { nerTagger } from "../models/runtime.js";
import { nerComponent, posComponent } from "../models/components.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { buildDoc } from "../pipeline/build.js";
import { parseTextPage } from "../extract/text-page.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../text/components.js";
import { DEFAULT_GOLD_DIR, loadGoldArticles } from "./gold.js";


export interface NerReport extends SpanScores {
  task: "ner";
  lang: string;
  split: string;
}

/** The split read as one stream of sentences (documents in order, where the corpus keeps them). */
function score(recognizer: EntityRecognizer, lang: string, split: Split): SpanScores {
  const scorer = new SpanScorer();
  const data = parseColumns(readText(requireCorpus(lang, "ner"), split));
  const predicted = recognizer.tagDocument(data.map((s) => s.words));
  data.forEach((s, i) => scorer.add(s.labels, predicted[i]));
  return scorer.scores();
}

function useDecoder(recognizer: EntityRecognizer, name: "viterbi" | "greedy"): void {
  recognizer.first.useDecoder(name);
  recognizer.second?.useDecoder(name);
}

export function evaluateNerModel(lang: string, split: Split): NerReport {
  const recognizer = nerTagger(lang);
  if (!recognizer) throw new Error(`no NER model for "${lang}" under models/`);
  useDecoder(recognizer, "viterbi");
  const scores = score(recognizer, lang, split);
  const r = (x: number) => Math.round(x * 10000) / 10000;
  const round = (p: { precision: number; recall: number; f1: number }) => ({ precision: r(p.precision), recall: r(p.recall), f1: r(p.f1) });
  return {
    task: "ner",
    lang,
    split,
    micro: { ...scores.micro, ...round(scores.micro) },
    labels: Object.fromEntries(Object.entries(scores.labels).map(([k, v]) => [k, { ...v, ...round(v) }])),
  };
}

interface GoldFile {
  lang: string;
  entities: { text: string; type: string }[];
}

/** Recall by type of gold entity surface forms among the mentions found (same text and type). */
export function goldRecall(dir = DEFAULT_GOLD_DIR): { files: Record<string, Record<string, { gold: number; found: number }>>; all: Record<string, { gold: number; found: number; recall: number }> } {
  const pipeline = new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent(), posComponent(), nerComponent()]);
  const files: Record<string, Record<string, { gold: number; found: number }>> = {};
  const all: Record<string, { gold: number; found: number; recall: number }> = {};
  const articles = loadGoldArticles<GoldFile>(dir).sort((a, b) => Number(b.id.startsWith("seed")) - Number(a.id.startsWith("seed")));
  for (const { id, gold, text } of articles) {
    const doc = pipeline.run(buildDoc(parseTextPage(text), { lang: gold.lang }));
    const found = new Set((doc.layers.mentions ?? []).map((m) => `${m.type}\t${m.text}`));
    const byType: Record<string, { gold: number; found: number }> = {};
    for (const e of gold.entities) {
      const c = (byType[e.type] ??= { gold: 0, found: 0 });
      const a = (all[e.type] ??= { gold: 0, found: 0, recall: 0 });
      c.gold++;
      a.gold++;
      if (found.has(`${e.type}\t${e.text}`)) {
        c.found++;
        a.found++;
      }
    }
    files[id] = byType;
  }
  for (const a of Object.values(all)) a.recall = Math.round((a.found / a.gold) * 10000) / 10000;
  return { files, all };
}

async function runGold(json: boolean): Promise<number> {
  const { files, all } = goldRecall();
  const types = Object.keys(all).sort();
  const cell = (c?: { gold: number; found: number }) => (c ? `${c.found}/${c.gold}` : "–");
  const table = [
    "Entities of the hand-checked articles (../shared/gold) found with exact text and type, through the whole pipeline.",
    "",
    `| article | ${types.join(" | ")} |`,
    `|---|${types.map(() => "---").join("|")}|`,
    ...Object.entries(files).map(([f, byType]) => `| ${f} | ${types.map((t) => cell(byType[t])).join(" | ")} |`),
    `| **recall** | ${types.map((t) => `**${pct(all[t].recall)}** (${all[t].found}/${all[t].gold})`).join(" | ")} |`,
  ].join("\n");
  const file = writeResultSection("ner-gold", "NER recall on the gold articles", "gold", table);
  if (json) console.log(JSON.stringify({ task: "ner", split: "gold", recall: all, files }));
  else console.log(`${table}\n\n(written to ${file})`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes("--gold")) return runGold(args.includes("--json"));
  const { lang, split, json } = parseEvalArgs(args);
  const report = evaluateNerModel(lang, split);
  const recognizer = nerTagger(lang)!;
  useDecoder(recognizer, "greedy");
  const greedy = score(recognizer, lang, split).micro.f1;
  useDecoder(recognizer, "viterbi");
  const out = {
    task: report.task,
    lang,
    split,
    micro: { precision: report.micro.precision, recall: report.micro.recall, f1: report.micro.f1 },
    labels: Object.fromEntries(Object.entries(report.labels).map(([k, v]) => [k, { precision: v.precision, recall: v.recall, f1: v.f1 }])),
  };
  const rows = Object.entries(report.labels).map(([k, v]) => `| ${k} | ${pct(v.precision)} | ${pct(v.recall)} | ${pct(v.f1)} | ${v.tp + v.fn} |`);
  const m = report.micro;
  const dataset = requireCorpus(lang, "ner").name;
  const table = [
    `${dataset} ${split}, exact entity spans (conlleval).`,
    "",
    "| label | precision | recall | F1 | gold entities |",
    "|---|---|---|---|---|",
    ...rows,
    `| **micro** | **${pct(m.precision)}** | **${pct(m.recall)}** | **${pct(m.f1)}** | ${m.tp + m.fn} |`,
    "",
    `Decoder: Viterbi (used) F1 ${pct(m.f1)}; greedy left-to-right on the same model F1 ${pct(greedy)}.`,
  ].join("\n");
  const file = writeResultSection(`ner-${lang}`, `NER, ${dataset}`, split, table);
  if (json) console.log(JSON.stringify(out));
  else console.log(`${table}\n\n(written to ${file})`);
  return 0;
}
