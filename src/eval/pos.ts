// `npm run eval -- pos --lang <code> --split dev|test [--json]`: accuracy of the
// committed POS model on the language's POS corpus (lang/<code>/corpora.json).
// A CoNLL-U corpus: UPOS, FEATS and lemma per syntactic word, contractions
// expanded. A column corpus (e.g. CoNLL-2003's POS column, itself machine-tagged):
// accuracy of its tags and of the UPOS they map to; lemmas have no gold there.
// Writes eval/results/pos-<lang>.md.
import { parseColumns, parseConllu, readText, requireCorpus, type Split } from "../models/data.js";
import { evaluatePos, evaluateTags } from "../models/train/pos.js";
import { loadLangTable, UPOS_TABLE } from "../models/resources.js";
import { parseEvalArgs, pct, writeResultSection } from "../models/report.js";
import { posTagger } from "../models/runtime.js";

export interface PosReport {
  task: "pos";
  lang: string;
  split: string;
  upos: number;
  feats: number | null;
  lemma: number | null;
  words: number;
  xpos?: number;
}

const r = (x: number) => Math.round(x * 10000) / 10000;

export function evaluatePosModel(lang: string, split: Split): PosReport {
  const tagger = posTagger(lang);
  if (!tagger) throw new Error(`no POS model for "${lang}" under models/`);
  const corpus = requireCorpus(lang, "pos");
  if (corpus.format === "conllu") {
    const s = evaluatePos(tagger, parseConllu(readText(corpus, split)));
    return { task: "pos", lang, split, upos: r(s.upos), feats: r(s.feats), lemma: r(s.lemma), words: s.words };
  }
  const toUpos = (loadLangTable(lang, UPOS_TABLE) as { map: Record<string, string> }).map;
  const s = evaluateTags(tagger.parts.tagger, parseColumns(readText(corpus, split), corpus.columns), toUpos);
  return { task: "pos", lang, split, upos: r(s.upos), xpos: r(s.xpos), feats: null, lemma: null, words: s.words };
}

export async function run(args: string[]): Promise<number> {
  const { lang, split, json } = parseEvalArgs(args);
  const report = evaluatePosModel(lang, split);
  const rows = [
    `| UPOS | ${pct(report.upos)} |`,
    ...(report.xpos !== undefined ? [`| PTB tag | ${pct(report.xpos)} |`] : []),
    ...(report.feats !== null ? [`| FEATS (all features of the word right) | ${pct(report.feats)} |`] : []),
    ...(report.lemma !== null ? [`| lemma | ${pct(report.lemma)} |`] : []),
  ];
  const table = [`${requireCorpus(lang, "pos").dev.split("/")[0]} ${split}, ${report.words} words.`, "", "| measure | accuracy |", "|---|---|", ...rows].join("\n");
  const file = writeResultSection(`pos-${lang}`, `POS, morphology and lemmas (${lang})`, split, table);
  if (json) console.log(JSON.stringify(report));
  else console.log(`${table}\n\n(written to ${file})`);
  return 0;
}
