// `npm run eval -- ner --lang el|en --split dev|test [--json]`: exact-span
// (conlleval-style) precision, recall and F1 per label and micro-averaged, of the
// committed NER model on elNER-4 (el) or CoNLL-2003 (en); also the same model
// decoded greedily, to show what Viterbi adds. Writes eval/results/ner-<lang>.md.
import { parseColumns, readText, type CorpusName, type Split } from "../models/data.js";
import { SpanScorer, type SpanScores } from "../models/ner.js";
import type { EntityRecognizer } from "../models/recognizer.js";
import { parseEvalArgs, pct, writeResultSection } from "../models/report.js";
import { nerTagger } from "../models/runtime.js";

const DATASETS: Record<string, string> = { el: "elNER-4", en: "CoNLL-2003" };

export interface NerReport extends SpanScores {
  task: "ner";
  lang: string;
  split: string;
}

/** The split read as one stream of sentences (documents in order, where the corpus keeps them). */
function score(recognizer: EntityRecognizer, lang: string, split: Split): SpanScores {
  const scorer = new SpanScorer();
  const data = parseColumns(readText(`ner-${lang}` as CorpusName, split));
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

export async function run(args: string[]): Promise<number> {
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
  const table = [
    `${DATASETS[lang] ?? lang} ${split}, exact entity spans (conlleval).`,
    "",
    "| label | precision | recall | F1 | gold entities |",
    "|---|---|---|---|---|",
    ...rows,
    `| **micro** | **${pct(m.precision)}** | **${pct(m.recall)}** | **${pct(m.f1)}** | ${m.tp + m.fn} |`,
    "",
    `Decoder: Viterbi (used) F1 ${pct(m.f1)}; greedy left-to-right on the same model F1 ${pct(greedy)}.`,
  ].join("\n");
  const file = writeResultSection(`ner-${lang}`, `NER, ${DATASETS[lang] ?? lang}`, split, table);
  if (json) console.log(JSON.stringify(out));
  else console.log(`${table}\n\n(written to ${file})`);
  return 0;
}
