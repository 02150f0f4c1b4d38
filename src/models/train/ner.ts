// Training of the NER models (elNER-4 Greek, CoNLL-2003 English): structured
// averaged perceptron over IOB2 labels with Viterbi decoding; the epoch count is
// chosen on the dev split and the model is saved with its manifest.
import { CORPORA, corpusPath, parseColumns, readText, sha256File, type CorpusName } from "../data.js";
import { FEATURE_VERSION } from "../features.js";
import { FeatureExtractor } from "../features.js";
import { MODEL_FORMAT } from "../format.js";
import { SpanScorer, type SpanScores } from "../ner.js";
import { loadNerResources, NER_FILE } from "../resources.js";
import { modelDir, saveTagger, writeManifest } from "../store.js";
import { trainTagger, type SequenceTagger, type TaggedSentence, type TaggerSettings } from "../tagger.js";
import { join } from "node:path";
import { mkdirSync, statSync } from "node:fs";

export interface NerTrainOptions {
  epochs?: number;
  pruneBelow?: number;
  log?: (line: string) => void;
}

const NER_DEFAULTS = { epochs: 12, pruneBelow: 0.5 };

export const NER_SETTINGS: TaggerSettings = {
  features: { affixes: 5, window: 2 },
  decoder: "viterbi",
  constraints: "bio",
};

export function evaluateNer(tagger: SequenceTagger, data: readonly TaggedSentence[]): SpanScores {
  const scorer = new SpanScorer();
  for (const s of data) scorer.add(s.labels, tagger.tag(s.words));
  return scorer.scores();
}

export function nerData(lang: string, split: "train" | "dev" | "test"): TaggedSentence[] {
  return parseColumns(readText(`ner-${lang}` as CorpusName, split));
}

export function trainNer(lang: string, options: NerTrainOptions = {}): void {
  const { epochs, pruneBelow } = { ...NER_DEFAULTS, ...options };
  const log = options.log ?? console.log;
  const corpus = `ner-${lang}` as CorpusName;
  const train = nerData(lang, "train");
  const dev = nerData(lang, "dev");
  const test = nerData(lang, "test");
  const resources = loadNerResources(lang);
  const extractor = new FeatureExtractor({ ...NER_SETTINGS.features, ...resources });
  const started = Date.now();
  let best = { epoch: 0, f1: -1 };
  let tagger: SequenceTagger | undefined;
  trainTagger(train, extractor, NER_SETTINGS, {
    epochs,
    pruneBelow,
    onEpoch(epoch, candidate) {
      const f1 = evaluateNer(candidate, dev).micro.f1;
      if (f1 > best.f1) {
        best = { epoch, f1 };
        tagger = candidate;
      }
      log(`ner-${lang} epoch ${epoch}: dev F1 ${f1.toFixed(4)} rows ${candidate.model.rows} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  if (!tagger) throw new Error("no training epoch ran");
  log(`ner-${lang}: best dev epoch ${best.epoch}`);
  const dir = modelDir(`ner-${lang}`);
  const file = join(dir, NER_FILE);
  mkdirSync(dir, { recursive: true });
  const bytes = saveTagger(file, tagger);
  const devScores = evaluateNer(tagger, dev);
  const testScores = evaluateNer(tagger, test);
  log(`ner-${lang}: dev F1 ${devScores.micro.f1.toFixed(4)} test F1 ${testScores.micro.f1.toFixed(4)} (${bytes} bytes)`);
  const split = CORPORA[corpus];
  writeManifest(dir, {
    name: `ner-${lang}`,
    task: "ner",
    lang,
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    created: new Date().toISOString(),
    labels: { ner: tagger.labels },
    files: { [NER_FILE]: { bytes: statSync(file).size, sha256: sha256File(file) } },
    data: Object.fromEntries(
      (["train", "dev", "test"] as const).map((s) => [s, { path: split[s], sha256: sha256File(corpusPath(corpus, s)) }]),
    ),
    settings: { ...NER_SETTINGS, epochs: best.epoch, pruneBelow, trainSentences: train.length },
    scores: { dev: summary(devScores), test: summary(testScores) },
  });
}

function summary(s: SpanScores): Record<string, unknown> {
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return {
    micro: { precision: r(s.micro.precision), recall: r(s.micro.recall), f1: r(s.micro.f1) },
    labels: Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, { precision: r(v.precision), recall: r(v.recall), f1: r(v.f1) }])),
  };
}
