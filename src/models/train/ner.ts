// Training of the NER models, each from its language's NER corpus
// (lang/<code>/corpora.json): word clusters learned from the training text, a name
// lexicon from the training labels (the finer types where the corpus has them),
// then a structured averaged perceptron over
// BILOU labels with Viterbi decoding, its epoch count chosen on dev. Where the
// corpus keeps documents in order, a second pass with document-context features
// is trained on jackknifed first-pass output (so it sees first-pass errors as they
// are on unseen text) and kept if it helps on dev.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { learnClusters } from "../clusters.js";
import { contextFeatures } from "../context.js";
import { corpusRecord, dataPath, parseColumns, readText, requireCorpus, sha256File, type NerCorpus, type Split } from "../data.js";
import { FEATURE_VERSION, FeatureExtractor } from "../features.js";
import { MODEL_FORMAT } from "../format.js";
import { SpanScorer, toBilou, type SpanScores } from "../ner.js";
import { concatFeatures, EntityRecognizer } from "../recognizer.js";
import { jackknifedLexiconFeatures, NameLexicon } from "../names.js";
import { gzipSync } from "node:zlib";
import { CLUSTER_FILE, CONTEXT_FILE, loadResources, NAMES_FILE, NER_FILE, saveClusters } from "../resources.js";
import { manifestFiles, modelDir, saveTagger, writeManifest } from "../store.js";
import { averageModels } from "../linear.js";
import { SequenceTagger, trainTagger, type TaggedSentence, type TaggerSettings } from "../tagger.js";

export interface NerTrainOptions {
  epochs?: number;
  pruneBelow?: number;
  /** Models trained in different orders and averaged into one (1 = no averaging). */
  seeds?: number;
  log?: (line: string) => void;
}

const NER_DEFAULTS = { epochs: 16, pruneBelow: 0.5, seeds: 3, margin: 4 };
/** Sentences on each side read as the same document (CoNLL articles run ~15–30 sentences). */
const CONTEXT_WINDOW = 20;
const JACKKNIFE_FOLDS = 4;

export const NER_SETTINGS: TaggerSettings = {
  features: { affixes: 5, window: 2 },
  decoder: "viterbi",
  constraints: "bilou",
};

/** Scores of a recognizer over a split read as one stream of sentences. */
export function evaluateNer(recognizer: EntityRecognizer, data: readonly TaggedSentence[]): SpanScores {
  const scorer = new SpanScorer();
  const predicted = recognizer.tagDocument(data.map((s) => s.words));
  data.forEach((s, i) => scorer.add(s.labels, predicted[i]));
  return scorer.scores();
}

export function nerData(corpus: NerCorpus, split: Split): TaggedSentence[] {
  return parseColumns(readText(corpus, split));
}

/**
 * The training sentences with the corpus's finer entity types (BILOU), checked
 * token by token against the coarse ones; the coarse sentences when it has none.
 */
export function fineTrainData(corpus: NerCorpus, train: readonly TaggedSentence[]): TaggedSentence[] {
  if (!corpus.fineTrain) return [...train];
  const fine = parseColumns(readFileSync(dataPath(corpus.fineTrain), "utf8"));
  if (fine.length !== train.length || fine.some((s, i) => s.words.join(" ") !== train[i].words.join(" "))) {
    throw new Error(`${corpus.fineTrain} does not hold the same sentences as ${corpus.train}`);
  }
  return fine.map((s) => ({ words: s.words, labels: toBilou(s.labels) }));
}

interface Choice {
  epoch: number;
  f1: number;
  tagger: SequenceTagger;
}

/**
 * Train for up to `epochs`, keeping the epoch with the best dev F1; then, with
 * `seeds` > 1, train that many epochs in other orders and average the models
 * (one model at run time, less dependent on the order of training).
 */
function trainChoosing(
  train: TaggedSentence[],
  extractor: FeatureExtractor,
  settings: TaggerSettings,
  o: { epochs: number; pruneBelow: number; seeds: number; margin: number },
  devScore: (t: SequenceTagger) => number,
  log: (epoch: number, f1: number, rows: number) => void,
): Choice {
  let best: Choice | undefined;
  trainTagger(train, extractor, settings, {
    epochs: o.epochs,
    pruneBelow: o.pruneBelow,
    margin: o.margin,
    onEpoch(epoch, tagger) {
      const f1 = devScore(tagger);
      log(epoch, f1, tagger.model.rows);
      if (!best || f1 > best.f1) best = { epoch, f1, tagger };
    },
  });
  if (!best) throw new Error("no training epoch ran");
  if (o.seeds <= 1) return best;
  const models = [best.tagger.model];
  for (let seed = 2; seed <= o.seeds; seed++) {
    models.push(trainTagger(train, extractor, settings, { epochs: best.epoch, pruneBelow: o.pruneBelow, margin: o.margin, seed }).model);
  }
  const tagger = new SequenceTagger(best.tagger.labels, averageModels(models), extractor, settings);
  const f1 = devScore(tagger);
  log(best.epoch, f1, tagger.model.rows);
  return { epoch: best.epoch, f1, tagger };
}

export function trainNer(lang: string, options: NerTrainOptions = {}): void {
  const o = { ...NER_DEFAULTS, ...options };
  const { pruneBelow } = o;
  const log = options.log ?? console.log;
  const name = `ner-${lang}`;
  const corpus = requireCorpus(lang, "ner");
  const train = nerData(corpus, "train").map((s) => ({ words: s.words, labels: toBilou(s.labels) }));
  const dev = nerData(corpus, "dev");
  const test = nerData(corpus, "test");
  const dir = modelDir(name);
  mkdirSync(dir, { recursive: true });
  const clusters = learnClusters(train.map((s) => s.words));
  saveClusters(join(dir, CLUSTER_FILE), clusters);
  log(`${name}: ${Object.keys(clusters.words).length} words clustered`);
  const extractor = new FeatureExtractor({ ...NER_SETTINGS.features, ...loadResources(dir) });
  const started = Date.now();
  const progress = (pass: string) => (epoch: number, f1: number, rows: number) =>
    log(`${name} ${pass} epoch ${epoch}: dev F1 ${f1.toFixed(4)} rows ${rows} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const fine = fineTrainData(corpus, train);
  const lexicon = NameLexicon.learn(fine);
  writeFileSync(join(dir, NAMES_FILE), gzipSync(JSON.stringify(lexicon.data), { level: 9 }));
  const lexFeatures = jackknifedLexiconFeatures(fine, JACKKNIFE_FOLDS);
  const train1 = train.map((s, i) => ({ ...s, extra: lexFeatures[i] }));
  const first = trainChoosing(train1, extractor, NER_SETTINGS, o, (t) => evaluateNer(new EntityRecognizer({ first: t, lexicon }), dev).micro.f1, progress("first pass"));
  log(`${name}: first pass, best dev epoch ${first.epoch} (F1 ${first.f1.toFixed(4)})`);
  let recognizer = new EntityRecognizer({ first: first.tagger, lexicon });
  let second: Choice | undefined;
  if (corpus.documents) {
    // Jackknifed first-pass labels of the training text, fold by contiguous fold.
    const foldSize = Math.ceil(train.length / JACKKNIFE_FOLDS);
    const jackknifed: string[][] = [];
    for (let f = 0; f < JACKKNIFE_FOLDS; f++) {
      const held = train1.slice(f * foldSize, (f + 1) * foldSize);
      const rest = [...train1.slice(0, f * foldSize), ...train1.slice((f + 1) * foldSize)];
      const t = trainTagger(rest, extractor, NER_SETTINGS, { epochs: first.epoch, pruneBelow, margin: o.margin });
      for (const s of held) jackknifed.push(t.tag(s.words, s.extra));
      log(`${name}: jackknife fold ${f + 1}/${JACKKNIFE_FOLDS} done`);
    }
    const words = train.map((s) => s.words);
    const extra = contextFeatures(words, jackknifed, CONTEXT_WINDOW);
    const train2 = train.map((s, i) => ({ ...s, extra: concatFeatures(lexFeatures[i], extra[i]) }));
    second = trainChoosing(
      train2,
      extractor,
      NER_SETTINGS,
      o,
      (t) => evaluateNer(new EntityRecognizer({ first: first.tagger, second: t, window: CONTEXT_WINDOW, lexicon }), dev).micro.f1,
      progress("second pass"),
    );
    log(`${name}: second pass, best dev epoch ${second.epoch} (F1 ${second.f1.toFixed(4)})`);
    if (second.f1 > first.f1) recognizer = new EntityRecognizer({ first: first.tagger, second: second.tagger, window: CONTEXT_WINDOW, lexicon });
    else second = undefined;
  }
  const files = [NER_FILE, CLUSTER_FILE, NAMES_FILE];
  saveTagger(join(dir, NER_FILE), first.tagger);
  if (second) {
    saveTagger(join(dir, CONTEXT_FILE), second.tagger);
    files.push(CONTEXT_FILE);
  }
  const devScores = evaluateNer(recognizer, dev);
  const testScores = evaluateNer(recognizer, test);
  log(`${name}: dev F1 ${devScores.micro.f1.toFixed(4)} test F1 ${testScores.micro.f1.toFixed(4)}`);
  writeManifest(dir, {
    name,
    task: "ner",
    lang,
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    created: new Date().toISOString(),
    labels: { ner: first.tagger.labels },
    files: manifestFiles(dir, files),
    data: { ...corpusRecord(corpus), ...(corpus.fineTrain ? { fineTrain: { path: corpus.fineTrain, sha256: sha256File(dataPath(corpus.fineTrain)) } } : {}) },
    settings: {
      ...NER_SETTINGS,
      epochs: first.epoch,
      pruneBelow,
      seeds: o.seeds,
      margin: o.margin,
      nameLexicon: { file: NAMES_FILE, words: Object.keys(lexicon.data).length, learnedFrom: corpus.fineTrain ? "train split, fine labels (jackknifed in training)" : "train split labels (jackknifed in training)" },
      clusters: { words: Object.keys(clusters.words).length, labels: clusters.labels, learnedFrom: "train split text" },
      ...(second ? { contextPass: { file: CONTEXT_FILE, epochs: second.epoch, window: CONTEXT_WINDOW, jackknifeFolds: JACKKNIFE_FOLDS } } : {}),
      trainSentences: train.length,
    },
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
