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
  /** After choosing every setting on dev, train the kept model again on train and dev together. */
  finalFit?: boolean;
  log?: (line: string) => void;
}

const NER_DEFAULTS = { epochs: 16, pruneBelow: 0.5, seeds: 3, margin: 4, finalFit: true };
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
 * A split's sentences with the corpus's finer entity types (BILOU), checked
 * token by token against the coarse ones; the coarse sentences where it has none.
 */
export function fineData(corpus: NerCorpus, split: "train" | "dev", coarse: readonly TaggedSentence[]): TaggedSentence[] {
  const path = split === "train" ? corpus.fineTrain : corpus.fineDev;
  if (!path) return [...coarse];
  const fine = parseColumns(readFileSync(dataPath(path), "utf8"));
  if (fine.length !== coarse.length || fine.some((s, i) => s.words.join(" ") !== coarse[i].words.join(" "))) {
    throw new Error(`${path} does not hold the same sentences as ${corpus[split]}`);
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

/** What a fit learns from its sentences before the tagger: clusters, lexicon, feature extractor. */
interface Resources {
  extractor: FeatureExtractor;
  lexicon: NameLexicon;
  clusterWords: number;
  clusterLabels: unknown;
  /** The sentences with their jackknifed lexicon keys. */
  data: TaggedSentence[];
}

/** Learn the word clusters and the name lexicon from `data` (lexicon hits from `fine`), written into `dir`. */
function fitResources(dir: string, data: readonly TaggedSentence[], fine: readonly TaggedSentence[]): Resources {
  const clusters = learnClusters(data.map((s) => s.words));
  saveClusters(join(dir, CLUSTER_FILE), clusters);
  const lexicon = NameLexicon.learn(fine);
  writeFileSync(join(dir, NAMES_FILE), gzipSync(JSON.stringify(lexicon.data), { level: 9 }));
  const lexFeatures = jackknifedLexiconFeatures(fine, JACKKNIFE_FOLDS);
  return {
    extractor: new FeatureExtractor({ ...NER_SETTINGS.features, ...loadResources(dir) }),
    lexicon,
    clusterWords: Object.keys(clusters.words).length,
    clusterLabels: clusters.labels,
    data: data.map((s, i) => ({ ...s, extra: lexFeatures[i] })),
  };
}

/** The training sentences with document-context keys from jackknifed first-pass labels (fold by contiguous fold). */
function contextData(r: Resources, epochs: number, o: { pruneBelow: number; margin: number }, log: (line: string) => void): TaggedSentence[] {
  const foldSize = Math.ceil(r.data.length / JACKKNIFE_FOLDS);
  const jackknifed: string[][] = [];
  for (let f = 0; f < JACKKNIFE_FOLDS; f++) {
    const held = r.data.slice(f * foldSize, (f + 1) * foldSize);
    const rest = [...r.data.slice(0, f * foldSize), ...r.data.slice((f + 1) * foldSize)];
    const t = trainTagger(rest, r.extractor, NER_SETTINGS, { epochs, pruneBelow: o.pruneBelow, margin: o.margin });
    for (const s of held) jackknifed.push(t.tag(s.words, s.extra));
    log(`jackknife fold ${f + 1}/${JACKKNIFE_FOLDS} done`);
  }
  const extra = contextFeatures(r.data.map((s) => s.words), jackknifed, CONTEXT_WINDOW);
  return r.data.map((s, i) => ({ ...s, extra: concatFeatures(s.extra ?? [], extra[i]) }));
}

/** `seeds` models of `epochs` epochs in different orders, averaged. */
function trainFixed(data: readonly TaggedSentence[], extractor: FeatureExtractor, epochs: number, o: { pruneBelow: number; seeds: number; margin: number }): SequenceTagger {
  const taggers: SequenceTagger[] = [];
  for (let seed = 1; seed <= Math.max(1, o.seeds); seed++) taggers.push(trainTagger(data, extractor, NER_SETTINGS, { epochs, pruneBelow: o.pruneBelow, margin: o.margin, seed }));
  if (taggers.length === 1) return taggers[0];
  return new SequenceTagger(taggers[0].labels, averageModels(taggers.map((t) => t.model)), extractor, NER_SETTINGS);
}

export function trainNer(lang: string, options: NerTrainOptions = {}): void {
  const corpus = requireCorpus(lang, "ner");
  const o = { ...NER_DEFAULTS, ...(corpus.seeds ? { seeds: corpus.seeds } : {}), ...options };
  const { pruneBelow } = o;
  const log = options.log ?? console.log;
  const name = `ner-${lang}`;
  const train = nerData(corpus, "train").map((s) => ({ words: s.words, labels: toBilou(s.labels) }));
  const dev = nerData(corpus, "dev");
  const test = nerData(corpus, "test");
  const dir = modelDir(name);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const note = (line: string) => log(`${name}: ${line} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const progress = (pass: string) => (epoch: number, f1: number, rows: number) => note(`${pass} epoch ${epoch}: dev F1 ${f1.toFixed(4)} rows ${rows}`);

  // Selection: every setting (epochs, whether the context pass helps) is chosen on dev, training on train alone.
  const fineTrain = fineData(corpus, "train", train);
  const chosen = fitResources(dir, train, fineTrain);
  note(`${chosen.clusterWords} words clustered`);
  const lexicon = chosen.lexicon;
  const first = trainChoosing(chosen.data, chosen.extractor, NER_SETTINGS, o, (t) => evaluateNer(new EntityRecognizer({ first: t, lexicon }), dev).micro.f1, progress("first pass"));
  note(`first pass, best dev epoch ${first.epoch} (F1 ${first.f1.toFixed(4)})`);
  let recognizer = new EntityRecognizer({ first: first.tagger, lexicon });
  let second: Choice | undefined;
  if (corpus.documents) {
    const train2 = contextData(chosen, first.epoch, o, note);
    const scoreSecond = (t: SequenceTagger) => evaluateNer(new EntityRecognizer({ first: first.tagger, second: t, window: CONTEXT_WINDOW, lexicon }), dev).micro.f1;
    second = trainChoosing(train2, chosen.extractor, NER_SETTINGS, o, scoreSecond, progress("second pass"));
    note(`second pass, best dev epoch ${second.epoch} (F1 ${second.f1.toFixed(4)})`);
    if (second.f1 > first.f1) recognizer = new EntityRecognizer({ first: first.tagger, second: second.tagger, window: CONTEXT_WINDOW, lexicon });
    else second = undefined;
  }
  const selectedDev = evaluateNer(recognizer, dev);

  // Final fit: the chosen settings, trained again on train and dev together (dev scores after this are in-sample).
  let final = { first: first.tagger, second: second?.tagger, resources: chosen };
  if (o.finalFit) {
    const devBilou = dev.map((s) => ({ words: s.words, labels: toBilou(s.labels) }));
    const all = [...train, ...devBilou];
    const resources = fitResources(dir, all, [...fineTrain, ...fineData(corpus, "dev", devBilou)]);
    note(`final fit on train and dev: ${resources.clusterWords} words clustered`);
    const firstFinal = trainFixed(resources.data, resources.extractor, first.epoch, o);
    note("final first pass trained");
    const secondFinal = second ? trainFixed(contextData(resources, first.epoch, o, note), resources.extractor, second.epoch, o) : undefined;
    final = { first: firstFinal, second: secondFinal, resources };
    recognizer = new EntityRecognizer({ first: firstFinal, second: secondFinal, window: CONTEXT_WINDOW, lexicon: resources.lexicon });
  }
  const files = [NER_FILE, CLUSTER_FILE, NAMES_FILE];
  saveTagger(join(dir, NER_FILE), final.first);
  if (final.second) {
    saveTagger(join(dir, CONTEXT_FILE), final.second);
    files.push(CONTEXT_FILE);
  }
  const testScores = evaluateNer(recognizer, test);
  note(`dev F1 ${selectedDev.micro.f1.toFixed(4)} (before the final fit) test F1 ${testScores.micro.f1.toFixed(4)}`);
  const fineFiles = { fineTrain: corpus.fineTrain, fineDev: corpus.fineDev };
  writeManifest(dir, {
    name,
    task: "ner",
    lang,
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    created: new Date().toISOString(),
    labels: { ner: final.first.labels },
    files: manifestFiles(dir, files),
    data: {
      ...corpusRecord(corpus),
      ...Object.fromEntries(Object.entries(fineFiles).flatMap(([k, path]) => (path ? [[k, { path, sha256: sha256File(dataPath(path)) }]] : []))),
    },
    settings: {
      ...NER_SETTINGS,
      epochs: first.epoch,
      pruneBelow,
      seeds: o.seeds,
      margin: o.margin,
      finalFit: o.finalFit ? "train and dev, with the settings chosen on dev" : "train",
      nameLexicon: { file: NAMES_FILE, words: Object.keys(final.resources.lexicon.data).length, learnedFrom: `${o.finalFit ? "train and dev" : "train"} split${corpus.fineTrain ? ", fine labels" : " labels"} (jackknifed in training)` },
      clusters: { words: final.resources.clusterWords, labels: final.resources.clusterLabels, learnedFrom: `${o.finalFit ? "train and dev" : "train"} split text` },
      ...(second ? { contextPass: { file: CONTEXT_FILE, epochs: second.epoch, window: CONTEXT_WINDOW, jackknifeFolds: JACKKNIFE_FOLDS } } : {}),
      trainSentences: final.resources.data.length,
    },
    scores: { dev: { ...summary(selectedDev), note: "the model chosen on dev, before the final fit" }, test: summary(testScores) },
  });
}

function summary(s: SpanScores): Record<string, unknown> {
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return {
    micro: { precision: r(s.micro.precision), recall: r(s.micro.recall), f1: r(s.micro.f1) },
    labels: Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, { precision: r(v.precision), recall: r(v.recall), f1: r(v.f1) }])),
  };
}
